"""Opening hours (ressources/horaires.py): the national format (OSM ``opening_hours``, as
data·inclusion, France Travail and Soliguide send it) read with its meaning and written in
French; French typed by a person stored in the format. The reading is checked against
opening-hours-py's own evaluation of the same text, day by day over five weeks."""

from datetime import date, datetime, timedelta
from pathlib import Path

import opening_hours
import pytest

from ressources.errors import InvalidValue
from ressources.horaires import (
    for_input,
    from_french,
    hours_error,
    humanize,
    read_week,
)

# Five weeks from Monday 1 June 2026 (no public holiday), so every week of the month shows.
START = date(2026, 6, 1)
DAYS = 35

SEED = Path(__file__).resolve().parents[2] / "seed" / "data" / "ressources_demo.json"


def demo_hours() -> set[str]:
    import re

    text = SEED.read_text(encoding="utf-8")
    return set(re.findall(r'"horaires_accueil": "([^"]+)"', text))


TRICKY = [
    "Tu,Th 14:00-17:00; Mo-Fr 09:00-12:00",  # the later rule replaces Tu and Th
    "Mo-Fr 09:00-12:00, Tu,Th 14:00-17:00",  # « , »: an additional rule
    "Tu[1,3] 09:00-12:00",
    "Fr[-1] 10:00-12:00",
    "Tu 14:00-17:00; Tu[1] 09:00-12:00",
    "Mo-Fr 08:30-12:00,13:30-17:00; We off",
    "Mo-Su 09:00-18:00",
    "Sa-Mo 10:00-12:00",  # wraps over the week's end
    "We[2-4] 09:00-11:00",
]


def library_days(text: str) -> dict[date, list[tuple[int, int]]]:
    """What opening-hours-py says is open, day by day, in minutes from midnight."""
    out: dict[date, list[tuple[int, int]]] = {START + timedelta(d): [] for d in range(DAYS)}
    begin = datetime.combine(START, datetime.min.time())
    for start, end, state, _ in opening_hours.OpeningHours(text).intervals(
        begin, begin + timedelta(days=DAYS)
    ):
        if state != opening_hours.State.OPEN:
            continue
        day = start.date()
        while datetime.combine(day, datetime.min.time()) < end:
            midnight = datetime.combine(day, datetime.min.time())
            lo = max(start, midnight) - midnight
            hi = min(end, midnight + timedelta(days=1)) - midnight
            if day in out:
                out[day].append((lo.seconds // 60, hi.days * 1440 + hi.seconds // 60))
            day += timedelta(days=1)
    return {d: sorted(v) for d, v in out.items()}


def our_days(text: str) -> dict[date, list[tuple[int, int]]]:
    opening = read_week(text)
    assert opening is not None, text
    out: dict[date, list[tuple[int, int]]] = {START + timedelta(d): [] for d in range(DAYS)}
    for d in range(-1, DAYS):  # from the eve: its night may run into the first morning
        day = START + timedelta(d)
        week = (day.day - 1) // 7 + 1
        last = (day + timedelta(7)).month != day.month
        jour = opening.jours[day.weekday()]
        for start, end in [(0, 1440)] if opening.toujours else jour.hours_in_week(week, last):
            if end > start:
                out.get(day, []).append((start, end))
            else:  # « 19:00-09:00 »: until the next morning
                out.get(day, []).append((start, 1440))
                if day + timedelta(1) in out:
                    out[day + timedelta(1)].append((0, end))
    return {d: _joined(v) for d, v in out.items()}


def _joined(hours: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(hours):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@pytest.mark.parametrize("text", sorted(demo_hours()) + TRICKY)
def test_the_reading_agrees_with_opening_hours_py_day_by_day(text):
    assert our_days(text) == library_days(text), text


def test_a_later_rule_replaces_an_earlier_one_on_its_days():
    """« Tu,Th 14:00-17:00; Mo-Fr 09:00-12:00 » is open mornings only (the format's « ; »),
    never « mardi et jeudi 14 h – 17 h »; « , » adds the afternoons."""
    assert humanize("Tu,Th 14:00-17:00; Mo-Fr 09:00-12:00") == "du lundi au vendredi : 9 h – 12 h"
    assert humanize("Mo-Fr 09:00-12:00, Tu,Th 14:00-17:00") == (
        "lundi, mercredi et vendredi : 9 h – 12 h ; mardi et jeudi : 9 h – 12 h et 14 h – 17 h"
    )


def test_weeks_of_the_month_holidays_and_always_in_french():
    assert humanize("Tu[1,3] 09:00-12:00") == "le 1er et le 3e mardi du mois : 9 h – 12 h"
    assert humanize("Fr[-1] 10:00-12:00") == "le dernier vendredi du mois : 10 h – 12 h"
    assert humanize("Mo-Fr 08:30-12:00,13:30-17:00; PH off") == (
        "du lundi au vendredi : 8 h 30 – 12 h et 13 h 30 – 17 h ; fermé les jours fériés"
    )
    assert humanize("24/7") == "tous les jours, 24 h sur 24"


def test_text_outside_the_format_or_not_rendered_is_shown_as_written():
    assert humanize("sur rendez-vous le matin") == "sur rendez-vous le matin"
    assert humanize("Jan-Jun Mo 10:00-12:00") == "Jan-Jun Mo 10:00-12:00"  # months: not rendered
    assert humanize("") == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("du lundi au vendredi 9h-12h", "Mo-Fr 09:00-12:00"),
        (
            "Du lundi au vendredi 9h-12h et 14h-17h ; samedi 9h-12h ; fermé les jours fériés",
            "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
        ),
        # A person means both: the afternoons add to the mornings.
        (
            "mardi et jeudi 14h-17h ; du lundi au vendredi 9h-12h",
            "Mo,We,Fr 09:00-12:00; Tu,Th 09:00-12:00,14:00-17:00",
        ),
        ("le 1er et le 3e mardi du mois 9h-12h", "Tu[1,3] 09:00-12:00"),
        ("lundi, mercredi, vendredi de 9h30 à 12h", "Mo,We,Fr 09:30-12:00"),
        ("tous les jours 8h-20h", "Mo-Su 08:00-20:00"),
        ("24h/24", "24/7"),
        # As people write them: a slash between spans, « heures », « midi », « 9-12h ».
        ("lundi au vendredi : 9h-12h / 14h-17h", "Mo-Fr 09:00-12:00,14:00-17:00"),
        ("du lundi au vendredi de 9 heures à midi", "Mo-Fr 09:00-12:00"),
        ("Mardi 9-12h et 14H-17H30", "Tu 09:00-12:00,14:00-17:30"),
        ("Mo-Fr 09:00-12:00", "Mo-Fr 09:00-12:00"),  # already in the format: kept
        # Groups of days cut by « , » or « et », not only « ; »: each keeps its own hours.
        ("lundi 9h-12h et jeudi 14h-17h", "Mo 09:00-12:00; Th 14:00-17:00"),
        (
            "du lundi au vendredi 9h-12h, mercredi 14h-17h",
            "Mo,Tu,Th,Fr 09:00-12:00; We 09:00-12:00,14:00-17:00",
        ),
        ("samedi 9h-12h, fermé les jours fériés", "Sa 09:00-12:00; PH off"),
        (
            "9h-12h du lundi au vendredi, 14h-17h le mercredi",
            "Mo,Tu,Th,Fr 09:00-12:00; We 09:00-12:00,14:00-17:00",
        ),
    ],
)
def test_french_typed_in_the_form_is_stored_in_the_national_format(typed, stored):
    assert from_french(typed) == stored
    assert opening_hours.validate(stored)
    assert humanize(stored) != stored  # and read back in French


@pytest.mark.parametrize("typed", ["lundi matin", "mardi 25h-26h", "de 9h à 12h", "bientôt"])
def test_french_that_cannot_be_read_says_how_to_write_it(typed):
    with pytest.raises(InvalidValue) as refused:
        from_french(typed)
    assert "du lundi au vendredi 9h-12h" in str(refused.value)
    assert typed in str(refused.value)


def test_the_form_check_accepts_the_format_and_explains_otherwise():
    assert hours_error("Mo-Fr 09:00-12:00; PH off") is None
    assert hours_error("") is None
    assert "Mo-Fr 09:00-12:00" in hours_error("lundi 9h")


def test_the_fiche_orientation_and_the_copied_contact_speak_french():
    """What the person takes home and what a conseiller pastes into an e-mail."""
    from ressources.fiche import fiche_orientation
    from ressources.models import Resource

    resource = Resource(
        pk=1,
        id="x",
        nom="Permanence logement",
        description="",
        structure_id="s",
        structure_nom="ADIL 82",
        horaires_accueil="Tu[1,3] 09:00-12:00; PH off",
    )
    text = fiche_orientation(resource, today=date(2026, 11, 23))
    said = "le 1er et le 3e mardi du mois : 9 h – 12 h ; fermé les jours fériés"
    assert f"Quand\n  {said}" in text
    assert f"Horaires : {said}" in resource.contact_block()
    assert "Tu[1,3]" not in text + resource.contact_block()


@pytest.mark.parametrize("text", sorted(demo_hours()) + TRICKY)
def test_the_french_the_app_writes_reads_back_to_the_same_hours(text):
    """The form shows the stored hours in French (``for_input``): saved as shown, they
    mean what they meant, day by day."""
    shown = for_input(text)
    assert library_days(from_french(shown)) == library_days(text)
    if text in demo_hours():
        assert shown == humanize(text) != text  # French in the form, not the codes


def test_hours_whose_french_would_not_read_back_are_shown_as_stored():
    # The 1st Tuesday's morning replaces its afternoon (« ; »): French would add them.
    assert for_input("Tu 14:00-17:00; Tu[1] 09:00-12:00") == "Tu 14:00-17:00; Tu[1] 09:00-12:00"
    assert for_input("Mo-Fr 09:00-12:00") == "du lundi au vendredi : 9 h – 12 h"
    assert for_input("") == ""
