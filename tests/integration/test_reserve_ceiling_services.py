"""The RESERVE ceiling counts only what is asked of the reserve, in every screen's service."""

from decimal import Decimal

from sqlalchemy import select

from programmation.domain.dossier import Application
from programmation.domain.funding import FundingLine
from programmation.services.dossier_forms import form_alerts
from programmation.services.dossier_loading import load_form
from programmation.services.instruction import load_admissibility


def _reserve_dossier_asking(database, reserve_amount: Decimal, caf_amount: Decimal) -> int:
    with database.unit_of_work() as uow:
        dossier = uow.session.scalars(select(Application).where(
            Application.reference == "2026-RESERVE-004")).one()  # type: ignore[arg-type]
        for line in dossier.funding_lines:
            line.requested = reserve_amount if line.funder.code == "ETAT-147" else Decimal(0)
        caf = dossier.contract.funder("CAF")
        dossier.funding_lines.append(FundingLine(caf, dossier.year, caf_amount))
        uow.commit()
        return dossier.id


def _reserve_alerts(database, dossier_id) -> list[str]:
    return [a.message for a in form_alerts(load_form(database, dossier_id))
            if "réserve" in a.message]


def _reserve_check_failed(database, dossier_id) -> bool:
    [check] = [c for c in load_admissibility(database, dossier_id).checks if c.code == "RESERVE"]
    return not check.passed


def test_lines_asked_of_other_funders_do_not_count_against_the_reserve_ceiling(demo_copy):
    dossier_id = _reserve_dossier_asking(demo_copy, Decimal("3000"), Decimal("4000"))
    assert not _reserve_check_failed(demo_copy, dossier_id)
    assert _reserve_alerts(demo_copy, dossier_id) == []


def test_a_reserve_request_above_the_ceiling_is_flagged_by_admissibility_and_the_editor(
        demo_copy):
    dossier_id = _reserve_dossier_asking(demo_copy, Decimal("5200"), Decimal("0"))
    assert _reserve_check_failed(demo_copy, dossier_id)
    assert _reserve_alerts(demo_copy, dossier_id)
