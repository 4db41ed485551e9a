import pytest

from programmation.domain.identifiers import (
    carrier_identity_error,
    rna_error,
    siret_error,
    with_luhn_key,
)


@pytest.mark.parametrize("siret", ["73282932000074", "732 829 320 00074", "35600000000001"])
def test_valid_sirets_are_accepted(siret):
    assert siret_error(siret) is None


@pytest.mark.parametrize(("siret", "why"), [
    ("73282932000075", "clé"),
    ("7328293200007", "14 chiffres"),
    ("7328293200007A", "14 chiffres"),
    ("", "manquant"),
])
def test_invalid_sirets_say_why_in_french(siret, why):
    assert why in siret_error(siret)


def test_rna_is_w_followed_by_nine_digits():
    assert rna_error("W591234567") is None
    assert rna_error("w591234567") is None
    assert "W" in rna_error("W59123456")
    assert rna_error("591234567X") is not None


def test_a_carrier_needs_a_siret_or_an_rna():
    assert carrier_identity_error(None, None) == "porteur non identifié : SIRET ou RNA requis"
    assert carrier_identity_error(None, "W591234567") is None
    assert "clé" in carrier_identity_error("73282932000075", "W591234567")


def test_luhn_key_completes_thirteen_digits():
    assert siret_error(with_luhn_key("9000000100011")) is None
