"""Normalised text for search: lowercase, accents stripped, spaces collapsed.

SQLite's LIKE and lower() only fold ASCII; searching a column normalised here
works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import unicodedata


def search_key(*parts: str) -> str:
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("œ", "oe").replace("æ", "ae").split())
