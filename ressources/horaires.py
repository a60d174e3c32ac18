"""Opening hours: the OpenStreetMap ``opening_hours`` format that data·inclusion carries (as
France Travail, Soliguide and the others send it: "Mo-Fr 09:00-12:00,14:00-17:00; Sa
09:00-12:00; PH off"), read into a week and written in French; and French as a person types it
("du lundi au vendredi 9h-12h et 14h-17h") written back in that format.

The format is checked by ``opening-hours-py`` (the Rust parser of the OSM grammar): what it
refuses is not opening hours. What it accepts is then read here into :class:`Week` with the
format's meaning: a rule separated by « ; » *replaces* what earlier rules said of its days
("Tu,Th 14:00-17:00; Mo-Fr 09:00-12:00" is open 9 h – 12 h only, every weekday), one after
« , » adds to them, « Tu[1,3] » is the first and third Tuesday of the month, « off » closes.
Selectors Binôme does not render (months, dates, week numbers, sunrise…) leave the text as it
was written: it is shown as it is rather than wrongly.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace

import opening_hours

from ressources.errors import InvalidValue

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# An interval of the day, in minutes from midnight (the end may be 24 h = 1440).
Interval = tuple[int, int]
# Weeks of the month a rule is for: 1 to 5, or -1 for the last.
WEEK_NUMBERS = (1, 2, 3, 4, 5, -1)


@dataclass(frozen=True)
class Day:
    """One weekday: its hours every week (``base``), and the weeks of the month that have
    other hours (``semaines``: weeks → hours, replacing ``base`` those weeks)."""

    base: tuple[Interval, ...] = ()
    semaines: tuple[tuple[frozenset[int], tuple[Interval, ...]], ...] = ()

    def hours_in_week(self, week: int, last: bool) -> tuple[Interval, ...]:
        """The hours of this weekday in its ``week``-th occurrence of the month."""
        for weeks, hours in self.semaines:
            if week in weeks or (last and -1 in weeks):
                return hours
        return self.base


@dataclass(frozen=True)
class Week:
    """A week of opening hours (Monday first), and the public holidays: ``None`` when the
    text says nothing of them, ``()`` when closed."""

    jours: tuple[Day, ...] = field(default_factory=lambda: (Day(),) * 7)
    feries: tuple[Interval, ...] | None = None
    toujours: bool = False


# -- reading the OSM format ---------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<time>\d{1,2}:\d{2})|(?P<day>Mo|Tu|We|Th|Fr|Sa|Su|PH)|(?P<num>\d)"
    r"|(?P<word>off|closed|open|24/7)|(?P<sym>\|\||[;,\-\[\]]))"
)


def _tokens(text: str) -> list[str] | None:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            return None
        out.append(match.group().strip())
        pos = match.end()
    return out


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


class _Parser:
    """Reads the subset of the grammar that services use: weekday ranges and lists, weeks of
    the month, PH, time spans, off, 24/7, and « ; » and « , » between rules."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self, offset: int = 0) -> str | None:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def rules(self) -> list[tuple[str, list[tuple[int, frozenset[int] | None]], bool, tuple]]:
        """(« ; » or « , », [(day 0-6 or 7 for PH, weeks)], off, hours) per rule."""
        out = []
        separator = ";"
        while True:
            days = self.selector()
            hours: list[Interval] = []
            while self.peek() is not None and re.fullmatch(r"\d{1,2}:\d{2}", self.peek() or ""):
                start = _minutes(self.take())
                if self.peek() != "-":
                    raise ValueError
                self.take()
                end = _minutes(self.take())
                hours.append((start, end))
                if self.peek() == "," and re.fullmatch(r"\d{1,2}:\d{2}", self.peek(1) or ""):
                    self.take()
            off = False
            if self.peek() in ("off", "closed"):
                self.take()
                off = True
            elif self.peek() == "open":
                self.take()
                hours = hours or [(0, 1440)]
            if not days and not hours and not off:
                raise ValueError
            if not hours and not off:
                hours = [(0, 1440)]  # « Mo-Fr » alone: open all day
            out.append((separator, days or [(d, None) for d in range(7)], off, tuple(hours)))
            token = self.peek()
            if token is None:
                return out
            if token in (";", ","):
                separator = self.take()
                continue
            raise ValueError  # « || » fallback rules, or anything else: not rendered

    def selector(self) -> list[tuple[int, frozenset[int] | None]]:
        days: list[tuple[int, frozenset[int] | None]] = []
        while self.peek() in (*DAYS, "PH"):
            first = self.take()
            if first == "PH":
                days.append((7, None))
            else:
                start = DAYS.index(first)
                end = start
                if self.peek() == "-" and self.peek(1) in DAYS:
                    self.take()
                    end = DAYS.index(self.take())
                weeks = self.weeks() if self.peek() == "[" else None
                span = (
                    range(start, end + 1)
                    if end >= start
                    else [*range(start, 7), *range(0, end + 1)]
                )
                days += [(d, weeks) for d in span]
            if self.peek() == "," and self.peek(1) in (*DAYS, "PH"):
                self.take()
            else:
                break
        return days

    def weeks(self) -> frozenset[int]:
        self.take()  # [
        found: set[int] = set()
        while self.peek() != "]":
            token = self.take()
            if token == "-":
                found.add(-int(self.take()))
            elif token.isdigit():
                first = int(token)
                if self.peek() == "-" and (self.peek(1) or "").isdigit():
                    self.take()
                    found.update(range(first, int(self.take()) + 1))
                else:
                    found.add(first)
            elif token != ",":
                raise ValueError
        self.take()  # ]
        if not found or not found <= set(WEEK_NUMBERS):
            raise ValueError
        return frozenset(found)


def read_week(opening_hours_text: str | None) -> Week | None:
    """The week an ``opening_hours`` text describes, or ``None`` when it is empty, not in the
    format (checked by opening-hours-py) or uses selectors Binôme does not render."""
    text = (opening_hours_text or "").strip()
    if not text or not opening_hours.validate(text):
        return None
    if text == "24/7":
        return Week(toujours=True)
    tokens = _tokens(text)
    if tokens is None:
        return None
    try:
        rules = _Parser(tokens).rules()
    except (ValueError, IndexError):
        return None
    jours = [Day() for _ in range(7)]
    feries: tuple[Interval, ...] | None = None
    for separator, days, off, hours in rules:
        given: tuple[Interval, ...] = () if off else hours
        for day, weeks in days:
            if day == 7:
                previous = feries or ()
                feries = given if separator == ";" or off else (*previous, *given)
                continue
            jour = jours[day]
            if weeks is None:
                if separator == ";" or off:
                    jours[day] = Day(base=given)  # a normal rule replaces the day entirely
                else:
                    jours[day] = Day(
                        base=(*jour.base, *given),
                        semaines=tuple((w, (*h, *given)) for w, h in jour.semaines),
                    )
                continue
            if separator == ";" or off:
                kept = tuple((w - weeks, h) for w, h in jour.semaines if w - weeks)
                jours[day] = replace(jour, semaines=(*kept, (weeks, given)))
            else:
                before = jour.hours_in_week(min(weeks), -1 in weeks and len(weeks) == 1)
                kept = tuple((w - weeks, h) for w, h in jour.semaines if w - weeks)
                jours[day] = replace(jour, semaines=(*kept, (weeks, (*before, *given))))
    return Week(jours=tuple(_tidy(j) for j in jours), feries=feries)


def _tidy(jour: Day) -> Day:
    """Hours sorted and merged where they touch; weeks with the same hours as every week
    dropped."""
    base = _merge(jour.base)
    semaines = tuple((w, _merge(h)) for w, h in jour.semaines if _merge(h) != base)
    return Day(base, semaines)


def _merge(hours: tuple[Interval, ...]) -> tuple[Interval, ...]:
    out: list[Interval] = []
    for start, end in sorted(hours):
        if out and start <= out[-1][1] and end >= out[-1][0] and end > start:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


# -- writing French -----------------------------------------------------------------------------


def _hour(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" if rest == 0 else f"{hours} h {rest:02d}"


def _hours(hours: tuple[Interval, ...]) -> str:
    if not hours:
        return "fermé"
    if hours == ((0, 1440),):
        return "toute la journée"
    return " et ".join(f"{_hour(a)} – {_hour(b)}" for a, b in hours)


def _day_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


def _consecutive_runs(indexes: list[int]) -> list[list[int]]:
    """[0, 1, 2, 4] → [[0, 1, 2], [4]]: the days written as one span, in French or OSM."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _days(indexes: list[int]) -> str:
    """[0, 1, 2, 3, 4] → « du lundi au vendredi »; [1, 3] → « mardi et jeudi »."""
    words = []
    for run in _consecutive_runs(indexes):
        if len(run) >= 3:
            words.append(f"du {JOURS[run[0]]} au {JOURS[run[-1]]}")
        else:
            words += [JOURS[i] for i in run]
    return _day_list(words)


def _weeks(weeks: frozenset[int], jour: str) -> str:
    ordinals = {1: "1er", 2: "2e", 3: "3e", 4: "4e", 5: "5e", -1: "dernier"}
    names = [f"le {ordinals[w]}" for w in sorted(weeks, key=lambda w: (w < 0, w))]
    return f"{_day_list(names)} {jour} du mois"


def to_french(week: Week) -> str:
    """A week in French: « du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; le 1er et le 3e
    mardi du mois : 9 h – 12 h ; fermé les jours fériés »."""
    if week.toujours:
        return "tous les jours, 24 h sur 24"
    groups: dict[tuple[Interval, ...], list[int]] = {}
    for index, jour in enumerate(week.jours):
        if jour.base:
            groups.setdefault(jour.base, []).append(index)
    parts: list[tuple[int, str]] = []
    for hours, indexes in groups.items():
        days = "tous les jours" if len(indexes) == 7 else _days(indexes)
        parts.append((indexes[0], f"{days} : {_hours(hours)}"))
    for index, jour in enumerate(week.jours):
        for weeks, hours in jour.semaines:
            what = _hours(hours) if hours else "fermé"
            parts.append((index, f"{_weeks(weeks, JOURS[index])} : {what}"))
    lines = [text for _, text in sorted(parts, key=lambda p: p[0])]
    if week.feries == ():
        lines.append("fermé les jours fériés")
    elif week.feries:
        lines.append(f"jours fériés : {_hours(week.feries)}")
    return " ; ".join(lines) if lines else "fermé"


def humanize(opening_hours_text: str | None) -> str:
    """ "Mo-Fr 09:00-12:00" → "du lundi au vendredi : 9 h – 12 h". Text that is not in the
    format, or that Binôme does not render, is returned as it is: it was written for people."""
    if not opening_hours_text:
        return ""
    week = read_week(opening_hours_text)
    return opening_hours_text.strip() if week is None else to_french(week)


# -- writing the OSM format ---------------------------------------------------------------------


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _osm_days(indexes: list[int]) -> str:
    out = []
    for run in _consecutive_runs(indexes):
        if len(run) >= 3:
            out.append(f"{DAYS[run[0]]}-{DAYS[run[-1]]}")
        else:
            out += [DAYS[i] for i in run]
    return ",".join(out)


def _osm_hours(hours: tuple[Interval, ...]) -> str:
    return ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in hours) if hours else "off"


def to_osm(week: Week) -> str:
    """The ``opening_hours`` text of a week: each day in one rule only, so no rule replaces
    another (« Mo,We,Fr 09:00-12:00; Tu,Th 09:00-12:00,14:00-17:00 »)."""
    if week.toujours:
        return "24/7"
    groups: dict[tuple[Interval, ...], list[int]] = {}
    for index, jour in enumerate(week.jours):
        if jour.base:
            groups.setdefault(jour.base, []).append(index)
    rules = [
        (indexes[0], f"{_osm_days(indexes)} {_osm_hours(hours)}")
        for hours, indexes in groups.items()
    ]
    for index, jour in enumerate(week.jours):
        for weeks, hours in jour.semaines:
            numbers = ",".join(str(w) for w in sorted(weeks, key=lambda w: (w < 0, w)))
            rules.append((index, f"{DAYS[index]}[{numbers}] {_osm_hours(hours)}"))
    # Days before their weeks of the month: a rule « Tu[1] » after « Tu » changes only them.
    texts = [text for _, text in sorted(rules, key=lambda r: (r[0], "[" in r[1]))]
    if week.feries is not None:
        texts.append(f"PH {_osm_hours(week.feries)}")
    return "; ".join(texts)


# -- reading French -----------------------------------------------------------------------------

_FR_DAYS = {
    "lundi": 0,
    "lun": 0,
    "mardi": 1,
    "mar": 1,
    "mercredi": 2,
    "mer": 2,
    "jeudi": 3,
    "jeu": 3,
    "vendredi": 4,
    "ven": 4,
    "samedi": 5,
    "sam": 5,
    "dimanche": 6,
    "dim": 6,
}
_DAY_WORD = (
    r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim)s?\.?"
)
_HOUR = r"(\d{1,2})\s*(?:h|:)\s*(\d{2})?"
_SPAN = re.compile(rf"(?:de\s+)?{_HOUR}\s*(?:-|–|à|a)\s*{_HOUR}")
_ORDINAL = re.compile(
    r"\b(1er|premier|1re|2e|2eme|deuxieme|3e|3eme|troisieme|4e|4eme|quatrieme|"
    r"5e|5eme|cinquieme|dernier)\b"
)
_ORDINALS = {
    "1er": 1,
    "premier": 1,
    "1re": 1,
    "2e": 2,
    "2eme": 2,
    "deuxieme": 2,
    "3e": 3,
    "3eme": 3,
    "troisieme": 3,
    "4e": 4,
    "4eme": 4,
    "quatrieme": 4,
    "5e": 5,
    "5eme": 5,
    "cinquieme": 5,
    "dernier": -1,
}
EXAMPLE = "du lundi au vendredi 9h-12h et 14h-17h ; samedi 9h-12h ; fermé les jours fériés"
_FILLER = re.compile(
    r"\b(le|les|la|l|du|au|de|des|et|a|du mois|mois|ouvert|ouverture|sur"
    r"|rendez-vous|rdv|sans)\b"
)


# What a segment says of days, of the holidays and of being closed: read by ``_units`` to cut
# a segment into groups, and by each group's own reading, with the same patterns.
_EVERY_DAY = re.compile(r"\b(tous les jours|7 ?j ?/ ?7|7 jours sur 7)\b")
_WEEKDAYS = re.compile(r"\ben semaine\b")
_DAY_SPAN = re.compile(rf"\b(?:du\s+)?{_DAY_WORD}\s*(?:au|-|–|a)\s*{_DAY_WORD}")
_ONE_DAY = re.compile(rf"\b{_DAY_WORD}(?![a-z])")
_HOLIDAYS = re.compile(r"\bjours? feries?\b")
_CLOSED = re.compile(r"\bfermee?s?\b")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")


def _french_days(segment: str) -> tuple[list[int], frozenset[int] | None, str]:
    """The days a segment of French names (and the weeks of the month), and what is left."""
    weeks: set[int] = set()
    rest = segment
    if _EVERY_DAY.search(rest):
        return list(range(7)), None, _EVERY_DAY.sub(" ", rest)
    if _WEEKDAYS.search(rest):
        return list(range(5)), None, _WEEKDAYS.sub(" ", rest)
    for match in _ORDINAL.finditer(rest):
        weeks.add(_ORDINALS[match.group(1)])
    rest = _ORDINAL.sub(" ", rest)
    days: list[int] = []
    span = _DAY_SPAN.search(rest)
    if span:
        start, end = _FR_DAYS[span.group(1)], _FR_DAYS[span.group(2)]
        days += list(range(start, end + 1)) if end >= start else [*range(start, 7), *range(end + 1)]
        rest = rest[: span.start()] + " " + rest[span.end() :]
    for match in _ONE_DAY.finditer(rest):
        days.append(_FR_DAYS[match.group(1)])
    rest = _ONE_DAY.sub(" ", rest)
    return sorted(set(days)), frozenset(weeks) or None, rest


def _spoken_hours(segment: str) -> str:
    """Hours as people write them, made regular: « midi » 12h, « 9 heures » 9h, « 9-12h »
    9h-12h."""
    segment = re.sub(r"\bmidi\b", "12h", segment)
    segment = re.sub(r"\bminuit\b", "24h", segment)
    segment = re.sub(r"(\d{1,2})\s*heures?\b", r"\1h", segment)
    # « 9-12h », but not the minutes of « 8 h 30 – 12 h ».
    return re.sub(r"(?<!h )(?<!h)(?<!:)\b(\d{1,2})\s*(-|–|a)\s*(\d{1,2})\s*h", r"\1h\2\3h", segment)


# Any of them, for ``_units`` (a span of days before one day: « du lundi au vendredi »).
_DAYS_SAID = re.compile(
    "|".join(p.pattern for p in (_EVERY_DAY, _WEEKDAYS, _HOLIDAYS, _ORDINAL))
    + rf"|(?:{_DAY_SPAN.pattern}|\b(?:du\s+)?{_DAY_WORD})(?![a-z])"
)


def _units(segment: str) -> list[str]:
    """A segment cut where a new group of days (or hours) begins: « lundi 9h-12h et jeudi
    14h-17h », « du lundi au vendredi 9h-12h, mercredi 14h-17h », « samedi 9h-12h, fermé les
    jours fériés » each hold two groups, which used to be read as one (every day given every
    hour: Wednesday dropped into the weekdays' afternoons)."""
    said: list[tuple[int, int, str]] = []
    for pattern, kind in ((_SPAN, "hours"), (_CLOSED, "closed"), (_DAYS_SAID, "days")):
        said += [(m.start(), m.end(), kind) for m in pattern.finditer(segment)]
    said.sort()
    cuts: list[int] = []
    seen: set[str] = set()
    start_kind, last_end = "", -1
    for start, end, kind in said:
        if start < last_end:
            continue  # inside a part already read (« a » of « 9h a 12h »)
        last_end = end
        hours_like = kind != "days"
        if seen and (
            (start_kind == "days" and not hours_like and seen & {"hours", "closed"})
            or (start_kind == "hours" and hours_like and "days" in seen)
            or (kind == "closed" and "hours" in seen)
            or (kind == "hours" and "closed" in seen)
        ):
            cuts.append(start)
            seen = set()
        if not seen:
            start_kind = "hours" if hours_like else "days"
        seen.add(kind)
    bounds = [0, *cuts, len(segment)]
    return [segment[a:b] for a, b in itertools.pairwise(bounds)]


def from_french(text: str) -> str:
    """French opening hours, as a person types them, in the ``opening_hours`` format:
    « du lundi au vendredi 9h-12h et 14h-17h ; samedi 9h-12h » → « Mo-Fr 09:00-12:00,14:00-17:00;
    Sa 09:00-12:00 ». What is said of a day adds to what another part said of it (a person
    means both). Text already in the format is kept as it is; anything else raises
    :class:`InvalidValue` with a French example."""
    text = text.strip()
    if not text:
        return ""
    if opening_hours.validate(text):
        return text
    folded = _fold(text)
    always = r"(24\s*h\s*(/|sur)\s*24|7\s*j(ours)?\s*(/|sur)\s*7|tous les jours)"
    if re.fullmatch(rf"\s*({always}\s*,?\s*)+", folded) and "24" in folded:
        return "24/7"
    jours = [Day() for _ in range(7)]
    feries: tuple[Interval, ...] | None = None
    # Split as typed (for the messages), then each part folded (no accents, lower case).
    written = [s.strip() for s in re.split(r"[;\n.]|\s+puis\s+", text) if s.strip()]
    units = [(typed, unit) for typed in written for unit in _units(_spoken_hours(_fold(typed)))]
    for typed, segment in units:
        holidays = bool(_HOLIDAYS.search(segment))
        segment = _HOLIDAYS.sub(" ", segment)
        closed = bool(_CLOSED.search(segment))
        segment = _CLOSED.sub(" ", segment)
        hours: list[Interval] = []
        for match in _SPAN.finditer(segment):
            h1, m1, h2, m2 = match.groups()
            start, end = int(h1) * 60 + int(m1 or 0), int(h2) * 60 + int(m2 or 0)
            if (
                not (0 <= start < 1440 and 0 < end <= 1440)
                or int(m1 or 0) > 59
                or int(m2 or 0) > 59
            ):
                raise InvalidValue(f"Heure impossible dans « {typed} ». Exemple : {EXAMPLE}")
            hours.append((start, end))
        segment = _SPAN.sub(" ", segment)
        days, weeks, rest = _french_days(segment)
        rest = _FILLER.sub(" ", re.sub(r"[,'’:()–/&+-]", " ", rest))
        if rest.strip() or (not holidays and not days) or (not hours and not closed):
            raise InvalidValue(
                f"Horaires non compris : « {typed} ». Écrivez les jours puis les heures, par "
                f"exemple : {EXAMPLE}"
            )
        given = () if closed else tuple(hours)
        if holidays:
            feries = given if closed else (*(feries or ()), *given)
        for day in days:
            jour = jours[day]
            if weeks is None:
                base = () if closed else (*jour.base, *given)
                jours[day] = Day(base, tuple((w, (*h, *given)) for w, h in jour.semaines))
            else:
                kept = tuple((w - weeks, h) for w, h in jour.semaines if w - weeks)
                hours_then = () if closed else (*jour.base, *given)
                jours[day] = Day(jour.base, (*kept, (weeks, hours_then)))
    week = Week(jours=tuple(_tidy(j) for j in jours), feries=feries)
    result = to_osm(week)
    if not result or not opening_hours.validate(result):
        raise InvalidValue(f"Horaires non compris : « {text} ». Exemple : {EXAMPLE}")
    return result


def for_input(stored: str | None) -> str:
    """The stored hours as a form shows them to be changed: in French when that French reads
    back to the same week (:func:`from_french`), else as stored."""
    value = (stored or "").strip()
    french = humanize(value)
    if not value or french == value:
        return value
    try:
        back = from_french(french)
    except InvalidValue:
        return value
    return french if read_week(back) == read_week(value) else value


def hours_error(text: str | None) -> str | None:
    """A French message when ``text`` is neither empty nor in the ``opening_hours`` format."""
    value = (text or "").strip()
    if not value or opening_hours.validate(value):
        return None
    return f"horaires au format « Mo-Fr 09:00-12:00 » attendus, ou en français : {EXAMPLE}"
