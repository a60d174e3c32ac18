"""The app's areas: one table in tui/app.py (mode → screen), each with its key in the
registry (tui/actions.toml), so that an area added there is everywhere a person looks."""

from datetime import date

from pilot import settle

from tui import keys
from tui.app import AREAS, make_app

ASS = "ass-cm-01"


def test_each_area_has_its_key_and_each_area_key_opens_an_area():
    actions = {k.action for k in keys.AREAS["app"].keys if k.action.startswith("area(")}
    assert actions == {f"area('{mode}')" for mode in AREAS}
    for mode in AREAS:
        assert keys.find(f"app.{mode}").action == f"area('{mode}')"


async def test_each_area_opens_on_its_key_under_its_title(demo_db_path):
    app = make_app(db_path=demo_db_path, user=ASS, clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for mode in reversed(list(AREAS)):
            key = keys.find(f"app.{mode}")
            await pilot.press(key.keys.split(",")[0])
            await settle(pilot)
            assert app.current_mode == mode
            assert isinstance(app.screen, AREAS[mode])
            assert app.screen.title == f"Binôme · {key.label}"
