"""People who act in the tool: instructors (instructeurs) and their organisation."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Person:
    """An instructeur: chargé·e de mission, délégué·e du préfet, agent of a co-funder.

    ``funder`` is set when the person instructs for one funder: they propose
    only that funder's amounts.
    """

    name: str
    organisation: str
    funder: object | None = None  # a Funder
    email: str = ""
    active: bool = True
    id: int | None = field(default=None, init=False)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name
