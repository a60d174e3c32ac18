"""Opening hours in plain French, from the OpenStreetMap ``opening_hours`` format that
data·inclusion uses ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off")."""

from __future__ import annotations

import re

_DAYS = {"Mo": "lundi", "Tu": "mardi", "We": "mercredi", "Th": "jeudi", "Fr": "vendredi",
         "Sa": "samedi", "Su": "dimanche"}  # fmt: skip
_DAY_SPEC = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
_TIME_SPEC = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def _time(hours: str, minutes: str) -> str:
    return f"{int(hours)} h" if minutes == "00" else f"{int(hours)} h {minutes}"


def _days(spec: str) -> str | None:
    parts = []
    for chunk in spec.split(","):
        match = _DAY_SPEC.match(chunk.strip())
        if not match:
            return None
        start, end = match.group(1), match.group(3)
        parts.append(f"du {_DAYS[start]} au {_DAYS[end]}" if end else _DAYS[start])
    return ", ".join(parts)


def _times(spec: str) -> str | None:
    parts = []
    for chunk in spec.split(","):
        match = _TIME_SPEC.match(chunk.strip())
        if not match:
            return None
        h1, m1, h2, m2 = match.groups()
        parts.append(f"{_time(h1, m1)} – {_time(h2, m2)}")
    return " et ".join(parts)


def humanize(opening_hours: str | None) -> str:
    """ "Mo-Fr 09:00-12:00" → "du lundi au vendredi : 9 h – 12 h". Text that does not follow
    the format is returned as it is: it was written for people."""
    if not opening_hours:
        return ""
    text = opening_hours.strip()
    if text == "24/7":
        return "tous les jours, 24 h sur 24"
    lines = []
    for rule in text.split(";"):
        rule = rule.strip()
        if not rule:
            continue
        if rule == "PH off":
            lines.append("fermé les jours fériés")
            continue
        days, _, times = rule.partition(" ")
        day_text = _days(days)
        if day_text is None:
            return text
        if times.strip() == "off":
            lines.append(f"{day_text} : fermé")
            continue
        time_text = _times(times) if times else "ouvert"
        if time_text is None:
            return text
        lines.append(f"{day_text} : {time_text}")
    return " ; ".join(lines) if lines else text
