"""The carrier register on the demo: search, dossiers over the years, edit, duplicates, merge."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from programmation.adapters.persistence import tables as t
from programmation.domain.dossier import Application, Carrier
from programmation.domain.review import Revision
from programmation.services import carriers
from programmation.services.carriers import CarrierFields, MergeCarriers, SaveCarrier
from programmation.services.dossier_list import DossierFilter, DossierListService
from programmation.services.errors import ServiceError

ADAV = "Association Droit au Vélo (ADAV)"
AT = datetime(2026, 11, 20, 10, 0)


def _names(db, text=""):
    return [row.name for row in carriers.list_carriers(db, text)]


def _carrier(db, name) -> carriers.CarrierRow:
    return next(row for row in carriers.list_carriers(db) if row.name == name)


def _plant(db, *planted: Carrier) -> list[int]:
    """Carriers written straight to the base, as an import of another file would."""
    with db.unit_of_work() as uow:
        uow.session.add_all(planted)
        uow.commit()
    return [carrier.id for carrier in planted]


# --- search and reading -----------------------------------------------------------------------

def test_search_ignores_accents_and_case(demo_database):
    assert _names(demo_database, "PIETON") == ["Association « Espace Piéton »",
                                               "Association « Les Droits du Piéton »"]
    assert _names(demo_database, "socio-EDUCATIF") == ["Centre socio-éducatif"]
    assert _names(demo_database, "élan") == _names(demo_database, "ELAN")


def test_every_word_of_the_search_must_match_in_name_or_town(demo_database):
    assert len(_names(demo_database, "hazebrouck")) == 24  # every demo carrier is in the town
    assert len(_names(demo_database, "centre")) == 4
    assert _names(demo_database, "hospitalier centre") == ["Centre Hospitalier d’Hazebrouck"]
    assert _names(demo_database, "centre zzz") == []


def test_search_finds_a_carrier_by_siret_or_rna(demo_database):
    adav = _carrier(demo_database, ADAV)
    assert _names(demo_database, adav.siret) == [ADAV]
    assert _names(demo_database, adav.rna.lower()) == [ADAV]


def test_the_list_counts_each_carriers_dossiers_and_their_years(demo_database):
    rows = carriers.list_carriers(demo_database)
    assert len(rows) == 24
    with demo_database.engine.connect() as connection:
        assert sum(r.dossiers for r in rows) == connection.execute(
            select(func.count()).select_from(t.application)).scalar_one()
    adav = _carrier(demo_database, ADAV)
    assert (adav.first_year, adav.last_year) == (2015, 2027)


def test_a_carriers_dossiers_over_the_years_come_latest_first_with_their_amounts(demo_database):
    adav = _carrier(demo_database, ADAV)
    dossiers = carriers.carrier_dossiers(demo_database, adav.id)
    assert len(dossiers) == adav.dossiers
    assert [d.year for d in dossiers] == sorted((d.year for d in dossiers), reverse=True)
    with demo_database.unit_of_work() as uow:
        for dossier in dossiers:
            application = uow.session.get(Application, dossier.id)
            assert dossier.reference == application.reference
            assert dossier.status == application.status.label
            assert (dossier.requested, dossier.granted) == (application.requested_total(),
                                                            application.granted_total())
    assert any(d.granted > 0 for d in dossiers)
    assert all(isinstance(d.requested, Decimal) for d in dossiers)


# --- create and update ------------------------------------------------------------------------

def test_a_wrong_siret_key_is_refused_naming_the_field_and_nothing_is_written(demo_copy):
    with pytest.raises(ServiceError, match=r"SIRET « 123 456 789 00013 » : clé de contrôle"):
        carriers.save_carrier(demo_copy, SaveCarrier(CarrierFields(
            "Nouvelle association", siret="123 456 789 00013")))
    assert len(carriers.list_carriers(demo_copy)) == 24


def test_each_invalid_field_gets_its_own_french_message():
    errors = carriers.field_errors(CarrierFields(" ", siret="1234", rna="595000001",
                                                 email="contact@", postcode="591"))
    assert errors == {
        "name": "Nom : obligatoire",
        "siret": "SIRET « 1234 » : 14 chiffres attendus",
        "rna": "RNA « 595000001 » : « W » suivi de 9 chiffres attendu",
        "email": "Courriel « contact@ » : adresse invalide",
        "postcode": "Code postal « 591 » : 5 chiffres attendus",
    }
    assert carriers.field_errors(CarrierFields("A" * 301))["name"] == "Nom : 300 caractères au plus"


def test_a_carrier_without_identifier_may_be_saved_with_a_warning():
    assert carriers.identity_warning(CarrierFields("École Jean Macé")).startswith("ni SIRET")
    assert carriers.identity_warning(CarrierFields("X", rna="W595000001")) is None


def test_a_new_carrier_is_saved_normalised_and_found_by_search(demo_copy):
    new_id = carriers.save_carrier(demo_copy, SaveCarrier(CarrierFields(
        " Maison de quartier Élan ", siret="732 829 320 00074", rna="w595000001",
        city="Hazebrouck")))
    fields = carriers.carrier_fields(demo_copy, new_id)
    assert (fields.name, fields.siret, fields.rna) == ("Maison de quartier Élan",
                                                        "73282932000074", "W595000001")
    assert _names(demo_copy, "maison ELAN") == ["Maison de quartier Élan"]


def test_a_siret_already_in_the_register_is_refused_with_the_other_carriers_name(demo_copy):
    adav = _carrier(demo_copy, ADAV)
    with pytest.raises(ServiceError, match=rf"SIRET {adav.siret} déjà enregistré pour « "
                                           r"Association Droit au Vélo \(ADAV\) »"):
        carriers.save_carrier(demo_copy, SaveCarrier(CarrierFields("Vélo", siret=adav.siret)))
    same = carriers.carrier_fields(demo_copy, adav.id)  # saving itself with its SIRET is fine
    carriers.save_carrier(demo_copy, SaveCarrier(same.__class__(**{**same.__dict__,
                                                                   "phone": "03 28 00 00 00"}),
                                                 adav.id))
    assert carriers.carrier_fields(demo_copy, adav.id).phone == "03 28 00 00 00"


def test_renaming_a_carrier_renames_it_in_the_dossier_list_search(demo_copy):
    adav = _carrier(demo_copy, ADAV)
    fields = carriers.carrier_fields(demo_copy, adav.id)
    carriers.save_carrier(demo_copy, SaveCarrier(
        CarrierFields(**{**fields.__dict__, "name": "Vélo-école Pédalons"}), adav.id))
    listing = DossierListService(demo_copy)
    assert listing.totals(DossierFilter(text="pedalons")).count == adav.dossiers
    assert listing.totals(DossierFilter(text="ADAV")).count == 0


# --- duplicates -------------------------------------------------------------------------------

def test_the_demo_register_has_no_probable_duplicate(demo_database):
    assert carriers.find_duplicate_carriers(demo_database) == []


def test_duplicates_are_found_by_siret_rna_and_close_names(demo_copy):
    adav, habicoop = _carrier(demo_copy, ADAV), _carrier(demo_copy, "Association Habicoop")
    same_siret, same_rna, close = _plant(
        demo_copy, Carrier("ADAV Hazebrouck", siret=adav.siret),
        Carrier("Habitat coopératif", rna=habicoop.rna),
        Carrier("Centre socio educatif", city="Hazebrouck"))
    found = {(p.kept.name, p.other.id): p.reason
             for p in carriers.find_duplicate_carriers(demo_copy)}
    assert found == {
        (ADAV, same_siret): "même SIRET",
        ("Association Habicoop", same_rna): "même RNA",
        ("Centre socio-éducatif", close): "noms proches 100\u00a0%",
    }


def test_the_suggested_carrier_to_keep_is_the_one_with_the_dossiers(demo_copy):
    (planted,) = _plant(demo_copy, Carrier("Association Droit au velo", rna="W590000099"))
    (pair,) = carriers.find_duplicate_carriers(demo_copy)
    assert (pair.kept.name, pair.other.id, pair.reason) == (ADAV, planted,
                                                            "noms proches 100\u00a0%")


# --- merge ------------------------------------------------------------------------------------

def test_merge_moves_the_dossiers_fills_missing_fields_and_deletes_the_other(demo_copy):
    mission = _carrier(demo_copy, "Mission Locale")
    (kept,) = _plant(demo_copy, Carrier("Mission locale de Flandre", siret=None, city=""))
    result = carriers.merge_carriers(demo_copy, MergeCarriers(kept, mission.id, "Claire Vanhove"),
                                     now=lambda: AT)
    assert len(result.moved) == mission.dossiers > 0
    assert {"SIRET", "Adresse", "Commune", "Courriel"} <= set(result.filled)
    assert carriers.carrier_fields(demo_copy, mission.id) is None
    fields = carriers.carrier_fields(demo_copy, kept)
    assert (fields.name, fields.siret) == ("Mission locale de Flandre", mission.siret)
    assert [d.reference for d in carriers.carrier_dossiers(demo_copy, kept)] == sorted(
        result.moved, key=lambda r: (-int(r[:4]), r))
    assert _names(demo_copy, mission.siret) == ["Mission locale de Flandre"]
    assert DossierListService(demo_copy).totals(DossierFilter(text="flandre mission")).count \
        == mission.dossiers
    with demo_copy.unit_of_work() as uow:
        revisions = uow.session.scalars(select(Revision).where(
            t.revision.c.actor == "Claire Vanhove")).all()
        assert sorted(r.application.reference for r in revisions) == sorted(result.moved)
        assert revisions[0].created_at == AT
        assert revisions[0].note == ("Porteur « Mission Locale » fusionné dans « Mission locale "
                                     "de Flandre » : dossier rattaché au porteur conservé")
        snapshot = json.loads(revisions[0].snapshot)["fusion_porteurs"]
        assert snapshot["porteur_absorbe"]["siret"] == mission.siret


def test_a_carrier_cannot_be_merged_into_itself(demo_copy):
    adav = _carrier(demo_copy, ADAV)
    with pytest.raises(ServiceError, match="fusionné avec lui-même"):
        carriers.merge_carriers(demo_copy, MergeCarriers(adav.id, adav.id, "Claire Vanhove"))
    assert _carrier(demo_copy, ADAV).dossiers == adav.dossiers


def test_merging_a_carrier_already_gone_says_so(demo_copy):
    adav = _carrier(demo_copy, ADAV)
    with pytest.raises(ServiceError, match="introuvable"):
        carriers.merge_carriers(demo_copy, MergeCarriers(adav.id, 99_999, "Claire Vanhove"))


def test_a_merge_failing_midway_leaves_everything_as_it_was(demo_copy, monkeypatch):
    adav = _carrier(demo_copy, ADAV)
    (kept,) = _plant(demo_copy, Carrier("Droit au vélo Hazebrouck"))
    record, calls = carriers._record_merge, []

    def fail_on_the_third(*args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disque plein")
        record(*args)

    monkeypatch.setattr(carriers, "_record_merge", fail_on_the_third)
    with pytest.raises(RuntimeError):
        carriers.merge_carriers(demo_copy, MergeCarriers(kept, adav.id, "Claire Vanhove"))
    assert _carrier(demo_copy, ADAV).dossiers == adav.dossiers
    assert _carrier(demo_copy, "Droit au vélo Hazebrouck").dossiers == 0
    with demo_copy.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(t.revision)).scalar_one() == 0


# --- the same on PostgreSQL -------------------------------------------------------------------

@pytest.mark.postgres
def test_search_duplicates_and_merge_work_the_same_on_postgresql(pg_demo):
    assert _names(pg_demo, "PIÉTON") == _names(pg_demo, "pieton") != []
    (planted,) = _plant(pg_demo, Carrier("Association Droit au velo", rna="W590000099"))
    (pair,) = carriers.find_duplicate_carriers(pg_demo)
    result = carriers.merge_carriers(pg_demo, MergeCarriers(pair.kept.id, planted, "Anne Dufour"))
    assert result.filled == () and _carrier(pg_demo, ADAV).dossiers == pair.kept.dossiers
    assert carriers.carrier_fields(pg_demo, planted) is None
