"""Sanity checks for the demo seed files extracted from the Hazebrouck contracts.

Plain stdlib (json/pathlib): these files are data, not code, and must stay loadable
without the application.
"""

import json
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[2] / "src/programmation/resources/demo"
FICHES_FILE = DEMO_DIR / "fiches_actions_2015.json"
CONTRACT_FILE = DEMO_DIR / "contract_2024.json"

THEMES = (
    "Emploi et développement économique",
    "Jeunesse et éducation",
    "Citoyenneté, médiation et valeurs de la république",
    "Parentalité et petite enfance",
    "Culture et sports",
    "Soins et santé",
    "Cadre de vie et propreté des espaces verts",
    "Sécurité routière et voirie",
    "Mobilité et accessibilité",
    "Résidences et logements",
)

# Number of "fiches actions" per thématique in Partie 3 of the 2015 contract.
EXPECTED_PER_THEME = {
    "Emploi et développement économique": 11,
    "Jeunesse et éducation": 8,
    "Citoyenneté, médiation et valeurs de la république": 6,
    "Parentalité et petite enfance": 4,
    "Culture et sports": 5,
    "Soins et santé": 6,
    "Cadre de vie et propreté des espaces verts": 7,
    "Sécurité routière et voirie": 8,
    "Mobilité et accessibilité": 6,
    "Résidences et logements": 3,
}

SPENDING_2015_2022 = {
    "education": 574_157,
    "emploi_developpement": 464_959,
    "lien_social_citoyennete": 462_794,
    "sante": 235_242,
    "logement": 125_200,
    "acces_aux_droits_prevention": 44_200,
}


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _fiches():
    data = _load(FICHES_FILE)
    # The file is a plain list; tolerate the {"note", "fiches"} form the brief allows.
    return data["fiches"] if isinstance(data, dict) else data


def test_fiche_file_loads_as_list_of_64():
    fiches = _fiches()
    assert isinstance(fiches, list)
    assert len(fiches) == 64


def test_fiches_numbered_1_to_64_without_gaps():
    numbers = [f["number"] for f in _fiches()]
    assert all(isinstance(n, int) for n in numbers)
    assert sorted(numbers) == list(range(1, 65))
    assert numbers == list(range(1, 65)), "fiches should be stored in order"


def test_fiche_themes_are_the_ten_thematiques():
    fiches = _fiches()
    for f in fiches:
        assert f["theme"] in THEMES, f
    counts = {t: 0 for t in THEMES}
    for f in fiches:
        counts[f["theme"]] += 1
    assert counts == EXPECTED_PER_THEME
    # Themes appear in the contract's order (1 to 10), as contiguous blocks.
    order = [THEMES.index(f["theme"]) for f in fiches]
    assert order == sorted(order)


def test_fiche_fields():
    for f in _fiches():
        assert f["priority"] in (1, 2, 3), f
        assert isinstance(f["title"], str) and f["title"].strip(), f
        assert isinstance(f["partners"], list) and len(f["partners"]) >= 1, f
        assert all(isinstance(p, str) and p.strip() for p in f["partners"]), f
        assert isinstance(f["indicators"], list) and f["indicators"], f
        assert isinstance(f["objectives"], list) and f["objectives"], f
        assert isinstance(f["content"], str) and f["content"].strip(), f


def test_fiche_text_is_repaired():
    for f in _fiches():
        for p in f["partners"]:
            # PDF hyphenation such as "Région Nord-Pas-de-\nCalais" must be joined.
            assert not p.endswith("-"), p
            assert "  " not in p, p
    first = _fiches()[0]
    assert first["title"] == "Avoir la possibilité de louer des vélos pour les déplacements"
    assert first["priority"] == 1
    assert "Région Nord-Pas-de-Calais" in first["partners"]


def test_contract_file_has_expected_sections():
    contract = _load(CONTRACT_FILE)
    for key in (
        "contract",
        "neighbourhoods",
        "signatories",
        "funders_named",
        "flagship_actions",
        "history",
        "governance",
        "sources",
    ):
        assert key in contract, key
    assert contract["contract"]["year_start"] == 2024
    assert contract["contract"]["year_end"] == 2030
    assert len(contract["flagship_actions"]) == 4


def test_contract_spending_2015_2022():
    spending = _load(CONTRACT_FILE)["history"]["spending_2015_2022_by_theme"]
    assert {k: int(v) for k, v in spending.items()} == SPENDING_2015_2022
    assert all(isinstance(v, str) for v in spending.values())
    assert sum(int(v) for v in spending.values()) == 1_906_552


def test_contract_actions_submitted():
    submitted = _load(CONTRACT_FILE)["history"]["actions_submitted_by_year"]
    assert int(submitted["2016"]) == 40
    assert int(submitted["2022"]) == 23
