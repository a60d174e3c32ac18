"""The domain packages never depend on the interface (Harlequin's rule, STYLE.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


def import_cycles() -> set[tuple[str, str]]:
    """Pairs of modules (sorted) each reachable from the other, imports inside functions
    included (grimp, the graph behind import-linter)."""
    import grimp

    graph = grimp.build_graph("tui", "seed", "caseload", "ressources")
    found = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                found.add(tuple(sorted((module, imported))))
    return found


def test_no_import_cycle():
    """No two modules import each other, directly or through others (issue « A house a
    newcomer can change »): a module can be read, tested and changed from the ones below."""
    assert import_cycles() == set()


def test_the_layer_contracts_of_pyproject_hold():
    """The import-linter contracts (tui → seed → caseload → ressources; no Textual in the
    domain), run by the suite too so that a broken layer fails where tests are read."""
    import os

    from importlinter.cli import lint_imports

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0
    finally:
        os.chdir(here)
