"""Dauphin's statuses and column names mapped onto ours."""

import pytest

from programmation.domain.channels import Channel
from programmation.domain.dauphin import (
    DAUPHIN_STATUSES,
    Field,
    creation_path,
    dauphin_field,
    dauphin_status,
    detailed_status_error,
    import_path,
    imported_status,
    our_status,
    to_dauphin,
)
from programmation.domain.lifecycle import Status, check_transition

S = Status


@pytest.mark.parametrize(("label", "status"), [
    ("En cours de saisie", S.DRAFT), ("Transmise", S.SUBMITTED),
    ("Prise en charge", S.UNDER_REVIEW), ("Recevable", S.ADMISSIBLE),
    ("En attente d'instruction", S.UNDER_REVIEW), ("En cours", S.UNDER_REVIEW),
    ("Non recevable", S.INADMISSIBLE), ("Rejetée", S.REFUSED), ("Clôturée", S.CLOSED),
    ("A justifier", S.TO_JUSTIFY), ("Justification en cours", S.TO_JUSTIFY),
    ("Justification à modifier", S.TO_JUSTIFY), ("Justifiée", S.JUSTIFIED),
    ("A été versé", S.IN_PAYMENT), ("Votée", S.GRANTED), ("Accordée", S.GRANTED),
])
def test_each_dauphin_status_maps_onto_one_of_ours(label, status):
    assert dauphin_status(label).status is status
    assert imported_status(dauphin_status(label), None, None) is status


def test_status_labels_are_read_whatever_the_accents_and_case():
    assert dauphin_status("À JUSTIFIER").status is S.TO_JUSTIFY
    assert dauphin_status("cloturee").status is S.CLOSED
    assert our_status("conventionné / notifié") is S.NOTIFIED
    assert our_status("granted") is S.GRANTED
    assert dauphin_status("Perdue") is None and our_status("Perdu") is None


def test_a_dossier_already_further_in_the_same_dauphin_step_keeps_its_status():
    en_cours = dauphin_status("En cours")
    assert imported_status(en_cours, None, S.ON_AGENDA) is S.ON_AGENDA
    assert imported_status(en_cours, None, S.SUBMITTED) is S.UNDER_REVIEW
    assert imported_status(None, None, S.SUBMITTED) is None


@pytest.mark.parametrize("status", list(Status))
def test_every_status_of_ours_survives_the_dauphin_layout(status):
    dauphin = dauphin_status(to_dauphin(status))
    assert detailed_status_error(dauphin, status) is None
    assert imported_status(dauphin, status, None) is status


def test_a_detailed_status_contradicting_dauphin_is_refused():
    assert "ne correspond pas" in detailed_status_error(dauphin_status("Rejetée"), S.GRANTED)


@pytest.mark.parametrize("channel", list(Channel))
@pytest.mark.parametrize("status", list(Status))
def test_an_imported_dossier_walks_only_legal_steps(channel, status):
    path = creation_path(status, channel)
    if path is None:  # only a committee step for a RESERVE dossier has no way
        assert channel is Channel.RESERVE and status in (S.ON_AGENDA, S.POSTPONED)
        return
    current = S.DRAFT
    for step in path:
        check_transition(current, step, channel)
        current = step
    assert current is status


def test_the_main_road_is_taken_rather_than_a_refusal():
    assert S.INADMISSIBLE not in creation_path(S.CLOSED, Channel.AAP)
    assert creation_path(S.REFUSED, Channel.AAP)[-2:] == (S.ON_AGENDA, S.REFUSED)
    assert import_path(S.CLOSED, S.SUBMITTED, Channel.AAP) is None
    assert import_path(S.REVIEWED, S.GRANTED, Channel.RESERVE) == (S.GRANTED,)


def test_the_16_dauphin_statuses_are_known():
    assert len(DAUPHIN_STATUSES) >= 16


def test_dauphin_column_names_and_their_variants_are_recognised():
    assert dauphin_field("N° dossier") is Field.REFERENCE
    assert dauphin_field("Action - Code dossier") is Field.REFERENCE
    assert dauphin_field("  code siret ") is Field.SIRET
    assert dauphin_field("Raison sociale") is Field.CARRIER
    assert dauphin_field("Exercice budgétaire") is Field.YEAR
    assert dauphin_field("Colonne libre") is None
