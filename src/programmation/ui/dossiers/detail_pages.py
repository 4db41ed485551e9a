"""The pages of the dossier detail, each built from the plain ``DossierDetail`` data."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...domain.budget import Side
from ...domain.money import total
from ...services.dossier_detail import AttachmentView, BudgetLineView, DossierDetail
from ..display import (
    format_date,
    format_datetime,
    format_eur,
    format_int,
    format_percent,
    format_quantity,
)
from ..editor.attachments_page import size_text
from ..widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, form, section_title, table, text_label

ATTACHMENT_ID = "attachment_id"  # the property of an « Ouvrir » button: the piece to open


def _page(*widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(10, 10, 10, 10)
    layout.setSpacing(10)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return page


def _period(detail: DossierDetail) -> str:
    if detail.start_date and detail.end_date:
        return f"du {format_date(detail.start_date)} au {format_date(detail.end_date)}"
    return format_date(detail.start_date or detail.end_date)


def _renewal(detail: DossierDetail) -> str:
    if not detail.is_renewal:
        return "Nouvelle action"
    if detail.previous_reference:
        return f"Reconduite (dossier précédent {detail.previous_reference})"
    return "Reconduite"


def action_page(d: DossierDetail) -> QWidget:
    women_men = ""
    if d.women is not None or d.men is not None:
        women_men = f"{format_int(d.women) or '—'} femmes, {format_int(d.men) or '—'} hommes"
    columns = QWidget()
    grid = QGridLayout(columns)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.addWidget(form([
        ("Modalité", d.channel), ("Appel", d.call), ("Année(s)", d.years),
        ("Pilier", d.pillar), ("Priorités transversales", ", ".join(d.flags)),
        ("Nouvelle ou reconduite", _renewal(d)), ("Période", _period(d)), ("Lieux", d.places),
    ], "L'action"), 0, 0, 2, 1)
    grid.addWidget(form([
        ("Public visé", d.target_public), ("Bénéficiaires", format_int(d.beneficiaries)),
        ("Habitant un QPV", format_percent(d.qpv_share, 0) if d.qpv_share is not None else ""),
        ("Femmes / hommes", women_men),
    ], "Public"), 1, 1)
    grid.addWidget(form([
        ("Coût total", format_eur(d.total_cost)), ("Demandé", format_eur(d.requested)),
        ("Accordé", format_eur(d.granted)), ("Part publique", format_percent(d.public_share)),
    ], "Montants"), 0, 1)
    grid.setColumnStretch(0, 3)
    grid.setColumnStretch(1, 2)
    texts = form([("Résumé", d.summary), ("Objectifs", d.objectives)], "Description")
    return _page(columns, texts)


def carrier_page(d: DossierDetail) -> QWidget:
    c = d.carrier
    return _page(form([
        ("Nom", c.name), ("Forme juridique", c.legal_form), ("SIRET", c.siret), ("RNA", c.rna),
        ("Adresse", c.address), ("Représentant légal", c.representative),
        ("Contact", c.contact), ("Courriel", c.email), ("Téléphone", c.phone),
        ("Intervient uniquement en QPV", "Oui" if c.qpv_only else "Non"),
    ]))


def funding_page(d: DossierDetail) -> QWidget:
    if not d.funding_lines:
        return _page(text_label("Aucun financement demandé.", style=MUTED_STYLE))
    rows = [
        [line.funder, str(line.year), line.nature, format_eur(line.requested),
         format_eur(line.proposed), format_eur(line.granted), line.status, line.opinion]
        for line in d.funding_lines
    ]
    rows.append(["Total", "", "", format_eur(total(x.requested for x in d.funding_lines)),
                 format_eur(total(x.proposed or 0 for x in d.funding_lines)),
                 format_eur(total(x.granted or 0 for x in d.funding_lines)), "", ""])
    headers = ["Financeur", "Année", "Nature", "Demandé", "Proposé", "Accordé", "Statut", "Avis"]
    return _page(table(headers, rows, right=(3, 4, 5), bold_last=True, name="financements"))


def _budget_side(title: str, lines: Sequence[BudgetLineView], name: str) -> QWidget:
    rows = [[line.account, line.label, format_eur(line.amount)] for line in lines]
    rows.append(["", f"Total {title.lower()}", format_eur(total(x.amount for x in lines))])
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(section_title(title))
    layout.addWidget(table(["Compte", "Libellé", "Montant"], rows, right=(2,), bold_last=True,
                           stretch=1, name=name))
    return box


def _side_by_side(left: QWidget, right: QWidget) -> QWidget:
    pair = QWidget()
    layout = QHBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(16)
    layout.addWidget(left, 1, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(right, 1, Qt.AlignmentFlag.AlignTop)
    return pair


def budget_page(d: DossierDetail) -> QWidget:
    if not d.budget_lines:
        return _page(text_label("Pas de budget saisi.", style=MUTED_STYLE))

    def on(side: Side) -> list[BudgetLineView]:
        return [line for line in d.budget_lines if line.side is side]

    widgets: list[QWidget] = [text_label(f"Budget de l'action {d.budget_kind}", style=MUTED_STYLE)]
    widgets.append(_side_by_side(_budget_side("Charges", on(Side.CHARGE), "charges"),
                                 _budget_side("Produits", on(Side.PRODUCT), "produits")))
    if d.budget_errors:
        widgets += [text_label(f"⚠ {error}", style=ERROR_STYLE, name="erreur_budget")
                    for error in d.budget_errors]
    else:
        charges = total(line.amount for line in on(Side.CHARGE))
        balanced = f"✓ Budget équilibré : charges = produits = {format_eur(charges)}"
        widgets.append(text_label(balanced, style=OK_STYLE, name="budget_equilibre"))
    uses, resources = on(Side.IN_KIND_USE), on(Side.IN_KIND_RESOURCE)
    if uses or resources:
        widgets.append(_side_by_side(
            _budget_side("Emplois en nature (86)", uses, "emplois_nature"),
            _budget_side("Contributions en nature (87)", resources, "contributions_nature"),
        ))
    return _page(*widgets)


def follow_up_page(d: DossierDetail) -> QWidget:
    widgets: list[QWidget] = [section_title("Indicateurs")]
    if d.indicators:
        rows = [[i.label, format_quantity(i.target), format_quantity(i.achieved), i.unit]
                for i in d.indicators]
        widgets.append(table(["Indicateur", "Cible", "Réalisé", "Unité"], rows, right=(1, 2),
                             name="indicateurs"))
    else:
        widgets.append(text_label("Aucun indicateur.", style=MUTED_STYLE))
    widgets.append(section_title("Pièces jointes"))
    if d.attachments:
        widgets.append(_pieces(d.attachments))
    else:
        widgets.append(text_label("Aucune pièce jointe.", style=MUTED_STYLE))
    return _page(*widgets)


def _pieces(pieces: Sequence[AttachmentView]) -> QWidget:
    """One line per piece: what it is, its file, its size, and « Ouvrir » (the panel wires
    the buttons through their ``ATTACHMENT_ID`` property)."""
    box = QWidget()
    box.setObjectName("pieces_jointes")
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(14)
    for row, piece in enumerate(pieces):
        name = text_label(f"• {piece.kind} — {piece.filename}", wrap=False)
        name.setToolTip(piece.filename)
        size = text_label(size_text(piece.size), wrap=False, style=MUTED_STYLE)
        size.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        button = QPushButton("Ouvrir")
        button.setObjectName(f"ouvrir_piece_{piece.id}")
        button.setToolTip(f"Ouvrir « {piece.filename} » avec l'application du système")
        button.setProperty(ATTACHMENT_ID, piece.id)
        grid.addWidget(name, row, 0)
        grid.addWidget(size, row, 1)
        grid.addWidget(button, row, 2)
    grid.setColumnStretch(3, 1)  # the buttons stay beside the names they open
    return box


def history_page(d: DossierDetail) -> QWidget:
    if not d.history:
        return _page(text_label("Aucun changement de statut enregistré.", style=MUTED_STYLE))
    rows = [
        [format_datetime(h.at), h.from_status or "—", h.to_status, h.actor, h.reason]
        for h in reversed(d.history)  # the latest first
    ]
    return _page(table(["Date", "Ancien statut", "Nouveau statut", "Par", "Motif"], rows,
                       stretch=4, name="historique"))


PAGES = (
    ("Action", action_page), ("Porteur", carrier_page), ("Financements", funding_page),
    ("Budget", budget_page), ("Indicateurs et pièces", follow_up_page),
    ("Historique", history_page),
)
