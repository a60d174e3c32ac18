"""The app's areas come from one table (tui/app.py's AREAS): each is on its key, in the
palette and in the help, so that an area added there is everywhere a person looks."""

from datetime import date

from pilot import settle

from tui.app import AREAS, make_app
from tui.screens.help import HelpScreen

ASS = "ass-cm-01"


async def test_each_area_opens_on_its_key_and_the_help_lists_them_all(demo_db_path):
    app = make_app(db_path=demo_db_path, user=ASS, clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for area in reversed(AREAS):
            await pilot.press(area.key)
            await settle(pilot)
            assert app.current_mode == area.mode
            assert app.screen.title == f"Binôme · {area.title}"
        prompts = [command.title for command in app.get_system_commands(app.screen)]
        others = [f"Aller : {area.title}" for area in AREAS if area.mode != app.current_mode]
        assert [p for p in prompts if p.startswith("Aller : ")] == others
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("Markdown").source
        assert "<!--" not in text
        for area in AREAS:
            assert f"| `{area.key.upper()}` | **{area.title}** : {area.help} |" in text
