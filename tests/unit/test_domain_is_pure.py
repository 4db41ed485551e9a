"""The domain holds the rules only: it never imports Qt or the database."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "src" / "programmation" / "domain"
FORBIDDEN = ("PySide6", "sqlalchemy", "alembic", "openpyxl", "reportlab")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_modules_import_neither_qt_nor_the_database():
    modules = sorted(DOMAIN.rglob("*.py"))
    assert len(modules) > 5
    offenders = {
        path.name: sorted(name for name in _imports(path) if name.split(".")[0] in FORBIDDEN)
        for path in modules
    }
    assert {k: v for k, v in offenders.items() if v} == {}
