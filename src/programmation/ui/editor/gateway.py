"""The services the dossier editor uses, bound to one database and to who is working.

The editor never opens a session: it calls these methods, which call the
services (each in its own unit of work) and hand back plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...adapters.persistence.database import Database
from ...domain.alerts import Alert
from ...domain.channels import Channel
from ...domain.checklist import Checklist
from ...services import attachments, dossier_editing
from ...services.attachments import CheckedFile
from ...services.dossier_editing import (
    BudgetComparisonRow,
    CarrierForm,
    DossierForm,
    SaveResult,
)
from ..current_user import CurrentUser


class EditorGateway:
    """``who`` is the current user (or a name, for scripts and tests): saves are recorded
    under its label at the moment of saving."""

    def __init__(self, database: Database, who: CurrentUser | str | None = None,
                 now: Callable | None = None) -> None:
        self.database = database
        self.who = who if isinstance(who, CurrentUser) else CurrentUser(named=who or "")
        self._now = now

    @property
    def actor(self) -> str:
        return self.who.label

    def load(self, application_id: int) -> DossierForm:
        return dossier_editing.load_form(self.database, application_id)

    def new(self, contract_id: int, channel: Channel, year: int) -> DossierForm:
        return dossier_editing.new_form(self.database, contract_id, channel, year)

    def save(self, form: DossierForm) -> SaveResult:
        if self._now is not None:
            return dossier_editing.save_form(self.database, form, self.actor, self._now)
        return dossier_editing.save_form(self.database, form, self.actor)

    def alerts(self, form: DossierForm) -> list[Alert]:
        return dossier_editing.form_alerts(form)

    def checklist(self, form: DossierForm) -> Checklist:
        return dossier_editing.form_checklist(form)

    def carriers(self, text: str) -> list[CarrierForm]:
        return dossier_editing.find_carriers(self.database, text)

    def compare_budgets(self, application_id: int) -> list[BudgetComparisonRow]:
        return dossier_editing.compare_budgets(self.database, application_id)

    def read_file(self, path: str | Path) -> CheckedFile:
        return attachments.read_file(path)

    def stored_copy(self, attachment_id: int) -> Path:
        return attachments.export_to_temp(self.database, attachment_id)

    def pending_copy(self, checked: CheckedFile) -> Path:
        return attachments.write_temp_copy(checked.filename, checked.content)
