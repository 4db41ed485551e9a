"""The completeness checklist: which pieces each channel expects, and which are there."""

from programmation.domain.channels import Channel
from programmation.domain.checklist import PieceKind, checklist, piece_kind, piece_label


def test_an_aap_dossier_expects_the_six_usual_pieces():
    kinds = [item.kind for item in checklist(Channel.AAP, []).items]
    assert [k.label for k in kinds] == [
        "Statuts", "RIB", "Budget prévisionnel de l'association",
        "Dernier bilan / compte-rendu financier", "Liste des dirigeants", "Rapport d'activité"]


def test_a_cpo_also_expects_the_associative_project_and_the_social_impact_measure():
    missing = checklist(Channel.CPO, []).missing
    assert missing[-2:] == [PieceKind.ASSOCIATION_PROJECT, PieceKind.SOCIAL_IMPACT]
    assert len(missing) == 8


def test_a_reserve_project_only_needs_the_light_list():
    assert checklist(Channel.RESERVE, []).missing == [
        PieceKind.STATUTES, PieceKind.BANK_DETAILS, PieceKind.ASSOCIATION_BUDGET]


def test_attached_pieces_are_ticked_with_their_files_and_the_rest_stays_missing():
    result = checklist(Channel.RESERVE, [("statuts", "statuts.pdf"), ("rib", "rib.pdf"),
                                         ("rib", "rib-2025.pdf")])
    assert [(i.label, i.present, i.filenames) for i in result.items] == [
        ("Statuts", True, ("statuts.pdf",)), ("RIB", True, ("rib.pdf", "rib-2025.pdf")),
        ("Budget prévisionnel de l'association", False, ())]
    assert result.summary() == "2 pièces sur 3" and not result.complete


def test_a_complete_dossier_has_nothing_missing():
    pieces = [(kind.value, f"{kind.value}.pdf") for kind in PieceKind]
    assert checklist(Channel.CPO, pieces).complete


def test_kinds_typed_by_people_or_older_data_are_recognised_by_label_or_usual_words():
    assert piece_kind("Budget prévisionnel") is PieceKind.ASSOCIATION_BUDGET
    assert piece_kind("RELEVÉ D'IDENTITÉ BANCAIRE") is PieceKind.BANK_DETAILS
    assert piece_kind("Liste des dirigeants") is PieceKind.OFFICERS
    assert piece_kind("photo du local") is PieceKind.OTHER


def test_an_unknown_kind_is_shown_as_typed_and_a_known_one_by_its_label():
    assert piece_label("photo du local") == "photo du local"
    assert piece_label("rapport_activite") == "Rapport d'activité"
    assert piece_label("autre") == "Autre pièce"
