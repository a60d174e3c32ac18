"""Which columns a narrow table keeps (tui/widgets/fitted_table.py, issue 13): what a person
decides on (alerts, deadlines, distance) stays, the least needed columns give way first."""

from __future__ import annotations

from tui.widgets.fitted_table import ColumnSpec, fit_columns

PADDING = 1  # DataTable's default cell padding, each side


def spec(key, width, min_width=None, priority=None, grow=False) -> ColumnSpec:
    return ColumnSpec(key, key, width, min_width, priority, grow)


# The Portefeuille's columns, as tui/screens/portefeuille.py declares them.
PORTEFEUILLE = [
    spec("nom", 24, 20),
    spec("commune", 20, 14, 4),
    spec("etat", 17, 10, 6),
    spec("axe", 3, None, 5),
    spec("echeance", 10),
    spec("binome", 18, 16, 2),
    spec("mds", 22, 14, 1),
    spec("alertes", None, 30, grow=True),
]
ALERTS = {"alertes": 45}  # « ⚠ retard : entrée · bientôt : entretien ASS » and the like


def total(layout: dict[str, int]) -> int:
    return sum(width + 2 * PADDING for width in layout.values())


def test_wide_enough_every_column_at_its_width():
    layout = fit_columns(PORTEFEUILLE, ALERTS, 250, PADDING)
    assert list(layout) == [s.key for s in PORTEFEUILLE]
    assert layout["nom"] == 24 and layout["mds"] == 22
    assert layout["alertes"] >= 45  # the last growing column takes what is left


def test_at_80_columns_the_name_deadline_and_alerts_stay():
    layout = fit_columns(PORTEFEUILLE, ALERTS, 78, PADDING)  # 80 columns less the scrollbar
    assert {"nom", "echeance", "alertes", "etat"} <= set(layout)
    assert "mds" not in layout and "binome" not in layout  # the lowest priorities went first
    assert total(layout) <= 78
    assert layout["alertes"] >= 30 and layout["echeance"] == 10


def test_shrinking_comes_before_dropping():
    # 120 columns: everything can stay if the shrinkable columns give up their extra width.
    wanted = total({s.key: s.width or 45 for s in PORTEFEUILLE})
    layout = fit_columns(PORTEFEUILLE, ALERTS, 150, PADDING)
    assert wanted > 150 and total(layout) <= 150
    assert "commune" in layout and layout["commune"] < 20


def test_a_column_without_priority_is_never_dropped_even_when_nothing_fits():
    layout = fit_columns(PORTEFEUILLE, ALERTS, 20, PADDING)
    assert set(layout) == {"nom", "echeance", "alertes"}
    assert layout["nom"] == 20  # never below its min_width: the table scrolls instead


def test_a_content_sized_column_without_min_width_keeps_its_content():
    specs = [spec("quand", None), spec("action", None, 20, grow=True)]
    layout = fit_columns(specs, {"quand": 19, "action": 50}, 50, PADDING)
    assert layout["quand"] == 19  # a date is never cut
    assert layout["action"] == 50 - 19 - 4


async def test_rows_added_without_a_key_survive_every_resize():
    # The RGPD journal adds its rows without keys: its second resize raised a KeyError.
    from textual.app import App, ComposeResult

    from tui.widgets.fitted_table import FittedTable

    class One(App):
        def compose(self) -> ComposeResult:
            yield FittedTable(id="t")

    app = One()
    async with app.run_test(size=(120, 20)) as pilot:
        table = app.query_one(FittedTable)
        table.add_column("Quand", key="quand")
        table.add_column("Action", key="action", min_width=10, grow=True)
        table.add_column("Canal", key="canal", priority=0)
        table.add_rows([("23/11/2026 09:14", "Étape du parcours", "application")] * 3)
        await pilot.pause()
        for width in (40, 120, 36, 120):
            await pilot.resize_terminal(width, 20)
            await pilot.pause()
            assert ("canal" in table.shown_columns) == (width == 120)
            assert table.row_count == 3
            assert str(table.get_row_at(2)[1]) == "Étape du parcours"
