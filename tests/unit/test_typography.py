"""French typography on screen (tui/typography.py): where a line may break."""

from __future__ import annotations

import pytest
from textual.content import Content

from tui import typography


@pytest.fixture(autouse=True)
def _installed():
    typography.install()


def lines_at(text: str, width: int) -> list[str]:
    return [line.plain.strip() for line in Content(text).wrap(width)]


TEXT = (
    "Profil : changer de profil ; tous les profils sont proposés ! Vraiment ? "
    "Tapez « st » pour saint, ouvert de 9 h à 17 h : accueil sans rendez-vous, "
    "le jeudi de 8 h 30 à 12 h."
)


@pytest.mark.parametrize("width", range(13, 60))
# From 13 columns up every glued word (« rendez-vous. », « proposés ! ») fits on a line.
def test_no_line_starts_with_high_punctuation_or_a_closing_guillemet(width):
    lines = lines_at(TEXT, width)
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")
    assert not [line for line in lines if line[:1] in {":", ";", "!", "?", "»"}]
    assert not [line for line in lines if line.endswith("«") or line == "h"]
    assert not [line for line in lines if line.startswith(("h ", "30 "))]


def test_lines_still_break_at_ordinary_spaces():
    lines = lines_at("Profil : changer de profil", 12)
    assert lines == ["Profil :", "changer de", "profil"]


def test_a_colon_inside_a_word_is_not_glued_to_the_next_word():
    # « 9:00-12:00 » or an address « http://… » holds no breakable space to glue.
    assert lines_at("ouvert 09:00-12:00 le matin", 12) == ["ouvert", "09:00-12:00", "le matin"]
