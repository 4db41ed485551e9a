"""Read-only CPO views: the three-year timeline and the multi-year envelopes with the floor."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...domain.channels import CpoRuleBasis
from ...services import cpo as service
from ...services.cpo_envelopes import FloorView
from ..display import format_count, format_date, format_eur, format_int
from ..widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, form, section_title, table, text_label


def _bilan(year: service.YearView) -> str:
    if year.bilan is None:
        return "attendu" if year.confirmed else "—"
    b = year.bilan
    text = f"reçu le {format_date(b.received_on)}" if b.received_on else "annoncé"
    return text if b.action_took_place else f"{text} (action non réalisée)"


def timeline_rows(t: service.CpoTimeline) -> list[list[str]]:
    """Rows of the timeline table: one per funder line, then the yearly cycle."""
    funders = list(dict.fromkeys(line.funder for y in t.years for line in y.lines))
    rows = []
    for funder in funders:
        cells = [funder]
        for year in t.years:
            line = next((x for x in year.lines if x.funder == funder), None)
            if line is None:
                cells.append("—")
            elif line.granted is None:
                cells.append(f"demandé {format_eur(line.requested)}")
            else:
                cells.append(format_eur(line.granted))
        rows.append(cells)
    rows.append(["Confirmation", *(y.confirmation for y in t.years)])
    rows.append(["Bilan", *(_bilan(y) for y in t.years)])
    rows.append(["Accordé", *(format_eur(y.granted) for y in t.years)])
    rows.append(["Versé", *(format_eur(y.paid) for y in t.years)])
    return rows


def timeline_widget(t: service.CpoTimeline | None) -> QWidget:
    if t is None:
        return text_label("Choisissez une CPO dans la liste.", style=MUTED_STYLE)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    title = text_label(f"{t.reference} — {t.title}")
    title.setFont(section_title("").font())
    layout.addWidget(title)
    layout.addWidget(form([("Porteur", t.carrier), ("Statut", t.status),
                           ("Convention", t.convention),
                           ("Mesure d'impact social", t.social_impact_measure or "à définir")]))
    layout.addWidget(section_title("Calendrier de la convention"))
    layout.addWidget(table(["", *(str(y.year) for y in t.years)], timeline_rows(t),
                           right=range(1, 1 + len(t.years)), name="calendrier"))
    payments = [[format_date(day), funder, kind, format_eur(amount), str(y.year)]
                for y in t.years for day, funder, kind, amount in y.payments]
    layout.addWidget(section_title("Versements"))
    layout.addWidget(table(["Versé le", "Financeur", "Nature", "Montant", "Année"], payments,
                           right=(3,), stretch=1, name="versements") if payments else
                     text_label("Aucun versement.", style=MUTED_STYLE))
    layout.addWidget(section_title("Avenants"))
    layout.addWidget(table(["Signé le", "Objet"], [[format_date(d), text]
                                                   for d, text in t.amendments],
                           stretch=1, name="avenants") if t.amendments else
                     text_label("Aucun avenant.", style=MUTED_STYLE))
    layout.addStretch(1)
    return box


MEASURES = (("Enveloppe CPO", lambda r: r.cpo_envelope),
            ("Engagé par les CPO", lambda r: r.committed),
            ("CPO en instruction", lambda r: r.pending),
            ("Reste sur l'enveloppe CPO", lambda r: r.cpo_left))


def _tally(floor: FloorView) -> str:
    """« 18 315,00 € sur 102 245,00 € », or « 3 sur 20 dossiers » in conventions."""
    check = floor.check
    if check.basis is CpoRuleBasis.MONEY:
        return f"{format_eur(check.cpo_value)} sur {format_eur(check.whole_value)}"
    every = format_count(int(check.whole_value), "dossier", "dossiers")
    return f"{int(check.cpo_value)} sur {every}"


def envelopes_widget(m: service.MultiYearEnvelopes) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    years = sorted({r.year for r in m.rows})
    funders = list(dict.fromkeys(r.funder for r in m.rows
                                 if r.cpo_envelope or r.committed or r.pending))
    cells = {(r.funder, r.year): r for r in m.rows}
    rows = []
    for funder in funders:
        for caption, value in MEASURES:
            rows.append([funder if caption == MEASURES[0][0] else "", caption,
                         *(format_eur(value(cells[(funder, y)])) if (funder, y) in cells
                           else "—" for y in years)])
    layout.addWidget(section_title("Ce que les CPO prennent sur les enveloppes, année par année"))
    layout.addWidget(table(["Financeur", "", *map(str, years)], rows,
                           right=range(2, 2 + len(years)), stretch=0, name="enveloppes_cpo"))
    layout.addWidget(section_title(f"Plancher des CPO : {format_int(int(m.floor * 100))} % des "
                                   f"crédits de l'année, compté en {m.basis.lower()}"))
    layout.addWidget(text_label(
        "La règle de la programmation par pilier : ce que les CPO prennent à ces financeurs "
        "dans l'année (accordé, ou proposé pendant l'instruction), sur ce que prennent tous "
        "les dossiers de l'année, toutes modalités confondues. L'enveloppe est rappelée à "
        "côté.", style=MUTED_STYLE))
    floor_years = sorted({f.year for f in m.floors})
    floor_funders = list(dict.fromkeys((f.funder, f.required) for f in m.floors))
    views = {(f.funder, f.year): f for f in m.floors}
    rows = []
    for funder, required in floor_funders:
        found = [views.get((funder, y)) for y in floor_years]
        rows += [[funder, "obligatoire" if required else "souhaité",
                  *(f.check.describe() if f else "—" for f in found)],
                 ["", "CPO / tous les dossiers", *(_tally(f) if f else "—" for f in found)],
                 ["", "Enveloppe de l'année", *(format_eur(f.envelope) if f else "—"
                                                for f in found)]]
    layout.addWidget(table(["Financeur", "Plancher", *map(str, floor_years)], rows,
                           right=range(2, 2 + len(floor_years)), stretch=0, name="plancher"))
    missed = [f for f in m.floors if f.required and f.check.whole_value and not f.check.met]
    layout.addWidget(text_label(
        f"Plancher non atteint pour l'État en {', '.join(str(f.year) for f in missed)}."
        if missed else "Plancher atteint pour l'État chaque année.",
        style=ERROR_STYLE if missed else OK_STYLE))
    layout.addStretch(1)
    return box
