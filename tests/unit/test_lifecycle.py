from datetime import datetime

import pytest

from programmation.domain.channels import Channel, PillarKind
from programmation.domain.contract import Pillar
from programmation.domain.dossier import Application, Carrier
from programmation.domain.lifecycle import (
    Status,
    TransitionRefused,
    allowed_targets,
    check_transition,
    path_to,
)

S = Status


def _dossier(channel=Channel.AAP) -> Application:
    return Application("2027-AAP-001", 2027, channel, "Atelier vélo",
                       Carrier("Association Droit au Vélo", rna="W591234567"),
                       Pillar("MOB", "Mobilité", PillarKind.THEME))


def test_every_transition_is_recorded_with_who_when_and_why():
    dossier = _dossier()
    at = datetime(2026, 11, 2, 10, 0)
    dossier.change_status(S.SUBMITTED, "Porteur", "Dépôt", at)
    dossier.change_status(S.ADMISSIBLE, "Instructrice", "Pièces complètes", at)
    assert dossier.status is S.ADMISSIBLE
    assert [(h.from_status, h.to_status, h.actor, h.reason) for h in dossier.history] == [
        (S.DRAFT, S.SUBMITTED, "Porteur", "Dépôt"),
        (S.SUBMITTED, S.ADMISSIBLE, "Instructrice", "Pièces complètes"),
    ]


def test_a_refused_transition_leaves_the_dossier_unchanged():
    dossier = _dossier()
    with pytest.raises(TransitionRefused, match=r"Brouillon.*Accordé"):
        dossier.change_status(S.GRANTED, "x", "", datetime(2026, 1, 1))
    assert dossier.status is S.DRAFT
    assert dossier.history == []


def test_the_committee_decides_aap_dossiers_not_the_instruction():
    with pytest.raises(TransitionRefused, match="comité"):
        check_transition(S.REVIEWED, S.GRANTED, Channel.AAP)
    check_transition(S.REVIEWED, S.ON_AGENDA, Channel.AAP)


def test_reserve_dossiers_skip_the_committee():
    check_transition(S.REVIEWED, S.GRANTED, Channel.RESERVE)
    with pytest.raises(TransitionRefused, match="co-instruction"):
        check_transition(S.REVIEWED, S.ON_AGENDA, Channel.RESERVE)


def test_a_request_for_more_documents_sends_the_dossier_back_to_submitted():
    assert S.AWAITING_INFO in allowed_targets(S.UNDER_REVIEW, Channel.AAP)
    assert allowed_targets(S.AWAITING_INFO, Channel.AAP) == {S.SUBMITTED, S.WITHDRAWN}


def test_postponed_dossiers_go_back_to_instruction_or_the_next_committee():
    assert {S.UNDER_REVIEW, S.ON_AGENDA} <= allowed_targets(S.POSTPONED, Channel.CPO)


def test_withdrawal_is_possible_before_payment_only():
    assert S.WITHDRAWN in allowed_targets(S.NOTIFIED, Channel.AAP)
    with pytest.raises(TransitionRefused, match="versements"):
        check_transition(S.IN_PAYMENT, S.WITHDRAWN, Channel.AAP)


def test_closed_is_final():
    assert allowed_targets(S.CLOSED, Channel.AAP) == frozenset()


@pytest.mark.parametrize("channel", list(Channel))
def test_every_status_is_reachable_from_draft_except_the_committee_ones_for_reserve(channel):
    committee_only = {S.ON_AGENDA, S.POSTPONED}
    for status in Status:
        if channel is Channel.RESERVE and status in committee_only:
            with pytest.raises(TransitionRefused):
                path_to(status, channel)
        else:
            assert path_to(status, channel)[0] is S.DRAFT
