"""Identifiers of carriers: SIRET (INSEE) and RNA (répertoire national des associations)."""

from __future__ import annotations

import re

_RNA = re.compile(r"W\d{9}")
LA_POSTE_SIREN = "356000000"  # La Poste's establishments use a digit-sum rule


def normalize_siret(value: str) -> str:
    """Digits only: ``"123 456 789 00012"`` → ``"12345678900012"``."""
    return re.sub(r"[\s.\-]", "", value or "")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siret_error(value: str) -> str | None:
    """None if ``value`` is a valid SIRET, else a French message saying why."""
    siret = normalize_siret(value)
    if not siret:
        return "SIRET manquant"
    if not siret.isdigit() or len(siret) != 14:
        return f"SIRET « {value} » : 14 chiffres attendus"
    if siret.startswith(LA_POSTE_SIREN):
        valid = sum(int(c) for c in siret) % 5 == 0
    else:
        valid = luhn_valid(siret)
    if not valid:
        return f"SIRET « {value} » : clé de contrôle invalide"
    return None


def normalize_rna(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def rna_error(value: str) -> str | None:
    """None if ``value`` is a valid RNA number (``W`` + 9 digits), else why not."""
    rna = normalize_rna(value)
    if not rna:
        return "numéro RNA manquant"
    if not _RNA.fullmatch(rna):
        return f"RNA « {value} » : « W » suivi de 9 chiffres attendu"
    return None


def carrier_identity_error(siret: str | None, rna: str | None) -> str | None:
    """A carrier is identified by a valid SIRET or a valid RNA; both are checked if given."""
    if not siret and not rna:
        return "porteur non identifié : SIRET ou RNA requis"
    for value, check in ((siret, siret_error), (rna, rna_error)):
        if value:
            error = check(value)
            if error:
                return error
    return None


def with_luhn_key(prefix13: str) -> str:
    """Complete 13 digits with the Luhn key digit (used to build demo SIRETs)."""
    for key in "0123456789":
        if luhn_valid(prefix13 + key):
            return prefix13 + key
    raise AssertionError("unreachable: one key digit always fits")
