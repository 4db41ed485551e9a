"""The duplicate-carrier rules: normalised names, pairing by SIRET/RNA/close names, merge values."""

from __future__ import annotations

import random
import time

from programmation.domain.carrier_matching import (
    NAME_THRESHOLD,
    CarrierIdentity,
    DuplicateMatch,
    MatchReason,
    filled_fields,
    find_duplicates,
    name_key,
    name_similarity,
    suggested_kept,
)

NBSP = "\u00a0"


def C(id_, name, siret=None, rna=None):
    return CarrierIdentity(id_, name, siret, rna)


def test_name_key_ignores_accents_case_punctuation_acronym_and_filler_words():
    assert name_key("Association Droit au Vélo (ADAV)") == "droit velo"
    assert name_key("DROIT AU VELO") == "droit velo"
    assert name_key("Association « Graine de partage »") == name_key("graine partage")
    assert name_key("Centre d’Animation du Nouveau Monde") == name_key("Centre d'animation "
                                                                       "du nouveau monde")


def test_name_key_keeps_a_name_made_only_of_filler_words():
    assert name_key("Association") == "association"
    assert name_key("« »") == ""


def test_word_order_does_not_matter():
    assert name_similarity("Maison de quartier Élan", "Élan maison de quartier") == 100


def test_a_typo_stays_above_the_threshold_and_a_different_name_below():
    assert name_similarity("Club sportif du Rivage", "Club sportf du Rivage") >= NAME_THRESHOLD
    assert name_similarity("Union commerciale", "Union Commerciale d’Hazebrouck") < NAME_THRESHOLD
    assert name_similarity("Association « Espace Piéton »",
                           "Association « Les Droits du Piéton »") < NAME_THRESHOLD


def test_same_siret_pairs_every_member_with_the_first_of_its_group():
    matches = find_duplicates([C(3, "A", siret="1"), C(1, "B", siret="1"), C(2, "C", siret="1"),
                               C(4, "D", siret="2")])
    assert matches == [DuplicateMatch(1, 2, MatchReason.SAME_SIRET, 100),
                       DuplicateMatch(1, 3, MatchReason.SAME_SIRET, 100)]


def test_same_rna_pairs_carriers_without_siret():
    matches = find_duplicates([C(1, "Défis", rna="W590000011"), C(2, "Autre", rna="W590000011")])
    assert [(m.reason, m.label) for m in matches] == [(MatchReason.SAME_RNA, "même RNA")]


def test_a_pair_is_listed_once_with_its_strongest_reason():
    matches = find_duplicates([C(1, "Club sportif du Rivage", siret="1", rna="W1"),
                               C(2, "Club sportif du Rivage", siret="1", rna="W1")])
    assert [m.reason for m in matches] == [MatchReason.SAME_SIRET]


def test_close_names_are_paired_with_their_score_in_the_label():
    matches = find_duplicates([C(1, "Maison de quartier Élan"), C(2, "Soutien scolaire"),
                               C(3, "Maison de quartier Elan "), C(4, "maison du quartier élans")])
    pairs = {(m.first_id, m.second_id): m for m in matches}
    assert set(pairs) == {(1, 3), (1, 4), (3, 4)}
    assert pairs[1, 3].label == f"noms proches 100{NBSP}%"
    assert pairs[1, 4].reason is MatchReason.CLOSE_NAMES and 90 <= pairs[1, 4].score < 100


def test_identifier_matches_come_before_name_matches_then_by_score():
    matches = find_duplicates([C(1, "Alpha Omega"), C(2, "Alpha Omegas"), C(3, "X", rna="W1"),
                               C(4, "Y", rna="W1"), C(5, "Beta"), C(6, "Beta")])
    assert [(m.first_id, m.second_id) for m in matches] == [(3, 4), (5, 6), (1, 2)]


def test_blank_names_are_never_paired():
    assert find_duplicates([C(1, "« »"), C(2, " ")]) == []


def test_thousands_of_carriers_are_compared_in_well_under_a_few_seconds():
    rng = random.Random(7)
    words = ["club", "sportif", "maison", "quartier", "jeunesse", "culture", "flandre",
             "solidarite", "entraide", "parents", "theatre", "jardin", "emploi", "sante"]
    carriers = [C(i, " ".join(rng.choice(words) for _ in range(3)) + f" {i:05d}x{i * 7919 % 997}")
                for i in range(6000)]
    carriers.append(C(6000, carriers[10].name + "s"))  # a planted near-duplicate
    started = time.perf_counter()
    matches = find_duplicates(carriers)
    elapsed = time.perf_counter() - started
    assert (10, 6000) in {(m.first_id, m.second_id) for m in matches}
    assert elapsed < 5, f"{elapsed:.1f} s for 6,001 carriers"


def test_the_kept_carrier_is_the_one_with_more_dossiers_then_identified_then_older():
    a, b = C(1, "A"), C(2, "B", siret="1")
    assert suggested_kept(a, b, {1: 3, 2: 1}) == (a, b)
    assert suggested_kept(a, b, {}) == (b, a)  # identified wins when no dossier tips it
    assert suggested_kept(C(5, "A"), C(4, "B"), {}) == (C(4, "B"), C(5, "A"))


def test_merge_fills_only_the_fields_the_kept_carrier_lacks():
    kept = {"name": "Élan", "siret": None, "city": "Hazebrouck", "email": " ", "phone": ""}
    other = {"name": "Elan", "siret": "73282932000074", "city": "Bailleul",
             "email": "contact@elan.example", "phone": ""}
    assert filled_fields(kept, other) == {"siret": "73282932000074",
                                          "email": "contact@elan.example"}
