"""The domain packages never depend on the interface (Harlequin's rule, STYLE.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str) -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_domain_packages_do_not_import_textual_or_the_tui():
    for package in ("ressources", "caseload"):
        assert not imported_modules(package) & {"textual", "tui"}, package


def test_ressources_never_imports_caseload():
    assert "caseload" not in imported_modules("ressources")
