"""Helpers the Pilot tests share: wait for the screen to settle, type, read what is shown."""

from __future__ import annotations

from textual.widgets import Static


async def settle(pilot) -> None:
    """Let pending messages, then the workers (searches), then their results land."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type as a person does, one key at a time."""
    for char in text:
        await pilot.press(char if char != " " else "space")
    await settle(pilot)


def shown(app, selector: str) -> str:
    """The text a Static shows."""
    return str(app.screen.query_one(selector, Static).render())
