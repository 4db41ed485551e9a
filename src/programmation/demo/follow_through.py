"""What happened to the current dossiers after they were filed, so every screen has data.

- the 2026 RESERVE projects granted in co-instruction carry each funder's agreement;
- the two running CPOs 2024-2026 have their convention, the bilans of 2024 and
  2025, the renewals of 2025 and 2026 and one payment schedule per year;
- the dossiers under instruction carry their pieces, are assigned to two
  instructors and scored by both (blind scoring, then compared);
- one 2026 dossier came in after the deadline and was accepted with a reason.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from hashlib import sha256
from io import BytesIO

from ..domain.channels import Channel, FundingLineStatus, Opinion, PaymentKind
from ..domain.checklist import EXPECTED
from ..domain.contract import Contract
from ..domain.cpo import renewal_reference
from ..domain.dossier import Application, Attachment
from ..domain.follow_up import Agreement, Payment, Report
from ..domain.lifecycle import Status
from ..domain.money import money
from ..domain.review import ReserveAgreement, Review
from ..domain.scoring import Score
from .seeds import DEMO_TODAY

RESERVE_FUNDERS = ("ETAT-147", "EPCI", "VILLE")
SCORED = {Status.UNDER_REVIEW, Status.REVIEWED}


def add_follow_through(session, contract: Contract, current: list[Application],
                       history: list[Application], rng: random.Random) -> None:
    people = {p.funder.code: p for p in contract.people}
    for application in current:
        if application.channel is Channel.RESERVE and application.granted_total():
            session.add_all(_reserve_agreements(application, people))
        if application.channel is Channel.CPO:
            session.add_all(_cpo_follow_up(application))
        if application.status is not Status.DRAFT:
            application.attachments = _pieces(application, rng)
        if application.status in SCORED or (
                application.channel is Channel.AMI and application.status is Status.ADMISSIBLE):
            reviewers = [people["EPCI"], people["ETAT-147"]]
            application.assignees = list(reviewers)
            session.add_all(_scores(application, contract, reviewers, rng))
    _late_dossier(history)


def _reserve_agreements(application: Application, people) -> list[ReserveAgreement]:
    decided = next(h.at for h in application.history if h.to_status is Status.GRANTED)
    agreements = []
    for line in application.funding_lines:
        if line.funder.code in RESERVE_FUNDERS:
            person = people.get(line.funder.code)
            who = person.label if person else f"Représentant — {line.funder.name}"
            agreements.append(ReserveAgreement(application, line.funder, bool(line.granted),
                                               line.granted_or_zero, who, decided,
                                               "Accord donné en co-instruction"))
    return agreements


def _cpo_follow_up(application: Application) -> list:
    first = application.year
    impact = ("Mesure d'impact social : part des jeunes accompagnés en emploi ou en formation "
              "six mois après l'action, suivie chaque année avec la Mission locale.")
    if not any(h.to_status is Status.GRANTED for h in application.history):
        return [Agreement(application, f"CPO {application.reference}", None, first, first + 2,
                          impact)]
    rows: list = [Agreement(application, f"CPO {application.reference}", date(first, 4, 2),
                            first, first + 2, impact)]
    for year in range(first, first + 3):
        confirmed_on = date(year, 7, 1)
        if year > first:  # renewed once the bilan of the year before was in
            rows.append(Report(application, year - 1, date(year, 6, 15), True,
                               application.total_cost, application.beneficiaries,
                               "Bilan reçu et validé en comité technique"))
            for line in application.lines_for(year):
                line.decision_reference = renewal_reference(year)
                line.decision_date = confirmed_on
                line.status = FundingLineStatus.VOTED
        rows += _yearly_payments(application, year, confirmed_on if year > first
                                 else date(first, 4, 20))
    return rows


def _yearly_payments(application: Application, year: int, advance_on: date) -> list[Payment]:
    payments = []
    for line in application.lines_for(year):
        if not line.granted:
            continue
        advance = money(line.granted * Decimal("0.6"))
        payments.append(Payment(line, PaymentKind.ADVANCE, advance, advance_on))
        balance_on = date(year + 1, 7, 1)
        if balance_on <= DEMO_TODAY:
            payments.append(Payment(line, PaymentKind.BALANCE, line.granted - advance,
                                    balance_on))
    return payments


def _pieces(application: Application, rng: random.Random) -> list[Attachment]:
    expected = EXPECTED[application.channel]
    complete = application.status not in (Status.SUBMITTED, Status.AWAITING_INFO)
    kinds = expected if complete else expected[:rng.randrange(2, len(expected))]
    at = datetime.combine(application.submitted_on or DEMO_TODAY, time(9, 30))
    pieces = []
    for kind in kinds:
        content = _pdf(f"{kind.label} — {application.carrier.name}")
        name = f"{kind.value}-{application.reference}.pdf"
        pieces.append(Attachment(kind.value, name, "application/pdf", content,
                                 sha256(content).hexdigest(), at))
    return pieces


@cache
def _pdf(title: str) -> bytes:
    """A one-page PDF standing for a scanned piece."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 14)
    canvas.drawString(60, 780, title.encode("latin-1", "replace").decode("latin-1"))
    canvas.drawString(60, 750, "Pièce jointe de démonstration".encode("latin-1").decode(
        "latin-1"))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _scores(application: Application, contract: Contract, reviewers, rng: random.Random):
    rows: list = []
    # Instructed dossiers carry favourable avis: their marks sit mostly at 2-4 out of 4.
    base = 3 if application.status is Status.REVIEWED else rng.choice((2, 2, 3, 3, 4))
    for offset, person in enumerate(reviewers):
        at = datetime.combine(min(DEMO_TODAY, (application.submitted_on or DEMO_TODAY)
                                  + timedelta(days=10 + offset)), time(14))
        for criterion in contract.criteria:
            value = max(0, min(criterion.scale_max, base + rng.choice((-1, 0, 0, 1))))
            rows.append(Score(application, person, criterion, value,
                              "" if value >= 2 else "À retravailler avec le porteur", at))
        if application.status is Status.REVIEWED:
            rows.append(Review(application, person, Opinion.FAVOURABLE,
                               "Action cohérente avec le contrat", at))
    return rows


def _late_dossier(history: list[Application]) -> None:
    """A 2026 AAP dossier filed three days after the deadline, accepted with a reason."""
    late = next(a for a in history if a.year == 2026 and a.channel is Channel.AAP
                and a.granted_total())
    late.submitted_on = date(2025, 12, 18)
    late.history[0].at = datetime.combine(late.submitted_on, time(11))
    late.late_reason = ("Dépôt le 18/12/2025 : fermeture exceptionnelle de la structure ; "
                        "accepté par le comité technique du 19/12/2025.")
