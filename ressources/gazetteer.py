"""The communes of the département: find one from what a person types, and distances.

People type "st antonin", "negrepelisse", "82500", "Castel": the gazetteer answers with one
commune, several candidates, or a clear "no such commune here".
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Collection, Container
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from ressources.errors import AmbiguousCommune, UnknownCommune
from ressources.text import STOPWORDS, fold, phonetic

EARTH_RADIUS_KM = 6371.0
DEPARTEMENT = "Tarn-et-Garonne"

# Abbreviations people write in commune names.
_NAME_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "s": "saint"}
# Words that cannot end a short name: "verdun sur" is not how anyone names Verdun.
_CONNECTORS = {"saint", "sainte", "de", "du", "d", "des", "en", "sur", "la", "le", "les", "l"}
_SAINTS = {"saint", "sainte"}
# The names people use for a commune whose official name is another (INSEE code → folded
# usual names): Valence is "Valence d'Agen" on every sign, letter and tongue.
_USUAL_NAMES = {"82186": ("valence d agen",)}
# Names said for a commune in a sentence, not typed to choose one: "Castel" is Castelsarrasin
# in the département's speech (the other Castel- communes are said whole), while the commune
# picker still offers every Castel- commune; "mtb" is how notes and texts write Montauban.
_SPOKEN_NAMES = {"82033": ("castel",), "82121": ("mtb",)}
# Below this similarity a misspelt name is not taken for a commune (ratio, 0–100).
_FUZZY_CUTOFF = 86
# A name typed in a query: one word with a letter wrong from seven letters (« mxntech »:
# 85.7), a name of several words with a letter wrong (« saint prquier »: 96).
_WORD_CUTOFF = 85.0
_PHRASE_CUTOFF = 90.0
# A name shorter than this (letters) is not found by its sound: "pin" sounds as « pain ».
_SOUND_MIN = 5


def _sound(name: str) -> str:
    """A folded name's French phonetic key, word by word."""
    return " ".join(map(_word_sound, name.split()))


@functools.lru_cache(maxsize=8192)
def _word_sound(word: str) -> str:
    """One word's phonetic key, remembered: a query's words are looked at in every run of
    words they are part of, at every keystroke."""
    return phonetic(word)


@dataclass(frozen=True)
class Commune:
    code_insee: str
    nom: str
    codes_postaux: tuple[str, ...]
    latitude: float
    longitude: float
    population: int = 0
    epci: str = ""  # its name
    canton: str = ""
    epci_siren: str = ""  # how data·inclusion's zones name the EPCI

    @property
    def code_postal(self) -> str:
        return self.codes_postaux[0] if self.codes_postaux else ""

    def label(self) -> str:
        return f"{self.nom} ({self.code_postal})" if self.code_postal else self.nom


@dataclass
class Lookup:
    """What a commune query found: ``communes`` has one entry when it is unambiguous."""

    query: str
    communes: list[Commune] = field(default_factory=list)
    # How many communes the text fits in all, when ``communes`` holds only the largest of
    # them (« st »: 24 Saint-…, 8 listed); 0 when ``communes`` is all of them.
    more_than_listed: int = 0

    @property
    def unique(self) -> Commune | None:
        return self.communes[0] if len(self.communes) == 1 else None

    @property
    def total(self) -> int:
        """How many communes the text fits, listed or not."""
        return self.more_than_listed or len(self.communes)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _fold_name(text: str) -> str:
    return " ".join(_NAME_ABBREVIATIONS.get(w, w) for w in fold(text).split())


class Gazetteer:
    """All communes of the département, indexed for lookup by name, postal code or INSEE code."""

    def __init__(self, communes: list[Commune]) -> None:
        self.communes = sorted(communes, key=lambda c: _fold_name(c.nom))
        self.by_code = {c.code_insee: c for c in self.communes}
        self._folded = {c.code_insee: _fold_name(c.nom) for c in self.communes}
        self._by_folded: dict[str, Commune] = {self._folded[c.code_insee]: c for c in self.communes}
        self._choices = list(self._by_folded)
        self._aliases = self._build_aliases()
        self._spoken = {
            name: self.by_code[code]
            for code, names in _SPOKEN_NAMES.items()
            if code in self.by_code
            for name in names
        }
        self._max_words = max(len(name.split()) for name in [*self._by_folded, *self._aliases])
        # The words that say a name (not « la », « de », « sur »), for a misspelt one.
        self.name_words = frozenset(
            {
                w
                for name in [*self._by_folded, *self._aliases]
                for w in name.split()
                if len(w) >= 4 or w == "st"
            }
        )
        # Names by how they sound, word by word ("moisak" is Moissac, "beaumon de lomagne"
        # Beaumont-de-Lomagne): a name spelt by ear beyond the typo budget. A sound that two
        # communes share names neither.
        sounds: dict[str, list[Commune]] = {}
        for name, commune in [*self._by_folded.items(), *self._aliases.items()]:
            if len(name.replace(" ", "")) >= _SOUND_MIN:
                found = sounds.setdefault(_sound(name), [])
                if commune not in found:
                    found.append(commune)
        self._sounds = {key: found[0] for key, found in sounds.items() if len(found) == 1}

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_db(cls, db: Database) -> Gazetteer:
        rows = db.query("SELECT * FROM communes")
        return cls([_row_to_commune(r) for r in rows])

    @classmethod
    def from_records(cls, records: list[dict]) -> Gazetteer:
        return cls([_row_to_commune(r) for r in records])

    def _build_aliases(self) -> dict[str, Commune]:
        """Short names people use in a sentence: the leading words of a compound name when
        they point to one commune only ("verdun", "beaumont", "saint antonin")."""
        counts: dict[str, list[Commune]] = {}
        for commune in self.communes:
            name_words = self._folded[commune.code_insee].split()
            for n in range(1, len(name_words)):
                prefix = " ".join(name_words[:n])
                counts.setdefault(prefix, []).append(commune)
        aliases = {}
        for prefix, found in counts.items():
            if len(found) != 1 or prefix in self._by_folded:
                continue
            last = prefix.split()[-1]
            if last in _CONNECTORS or prefix in STOPWORDS:
                continue
            # One short word ("ville", "bourg") is too often an ordinary word in a query.
            if " " not in prefix and len(prefix) < 6:
                continue
            aliases[prefix] = found[0]
        for code, names in _USUAL_NAMES.items():
            usual = self.by_code.get(code)
            if usual is None:
                continue
            for name in names:
                aliases[name] = usual
        return aliases

    # -- lookup ---------------------------------------------------------------------------
    def get(self, code_insee: str) -> Commune | None:
        return self.by_code.get(code_insee)

    def epci_name(self, siren: str) -> str | None:
        """The name of the EPCI whose SIREN this is, if one of the communes belongs to it."""
        return next((c.epci for c in self.communes if c.epci_siren == siren and c.epci), None)

    @functools.cached_property
    def one_word_names(self) -> frozenset[str]:
        """The folded names of the communes named in one word (« montauban »)."""
        return frozenset(name for name in self._by_folded if " " not in name)

    def lookup(self, text: str, limit: int = 8) -> Lookup:
        """Find communes matching *text*: INSEE code, postal code, name, start of a name,
        short name, or a misspelt name. Several results mean the text is ambiguous."""
        result = Lookup(query=text)
        query = _fold_name(text)
        if not query:
            return result
        compact = query.replace(" ", "")
        if compact.isdigit():
            if compact in self.by_code:
                result.communes = [self.by_code[compact]]
            else:
                result.communes = [c for c in self.communes if compact in c.codes_postaux]
            return result
        if query in self._by_folded:
            result.communes = [self._by_folded[query]]
            return result
        if query in self._aliases:
            result.communes = [self._aliases[query]]
            return result
        starts = [c for c in self.communes if self._folded[c.code_insee].startswith(query)]
        if starts:
            # The largest towns first: "castel" is most often Castelsarrasin.
            starts.sort(key=lambda c: (-c.population, c.nom))
            result.communes = starts[:limit]
            if len(starts) > limit:
                result.more_than_listed = len(starts)
            return result
        fuzzy = process.extract(
            query, self._choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=limit
        )
        if fuzzy:
            best = fuzzy[0][1]
            # A clear winner is taken alone; near ties are shown as candidates.
            kept = [name for name, score, _ in fuzzy if score >= best - 3]
            result.communes = [self._by_folded[name] for name in kept]
        return result

    def resolve(self, text: str) -> Commune:
        """The one commune *text* designates, or an error a person can act on."""
        found = self.lookup(text)
        if found.unique:
            return found.unique
        if not found.communes:
            raise UnknownCommune(
                f"Aucune commune du {DEPARTEMENT} ne correspond à « {text.strip()} »."
            )
        names = ", ".join(c.label() for c in found.communes)
        raise AmbiguousCommune(
            f"« {text.strip()} » peut désigner plusieurs communes : {names}. Précisez.",
            candidates=found.communes,
        )

    def find_in_words(
        self,
        words: list[str],
        known_words: Container[str] | None = None,
        common_words: Collection[str] = (),
    ):
        """Find a commune named inside a query's folded words.

        Returns ``(commune, start, end)`` for the longest full name or short name found
        (words[start:end]), or None. A single misspelt word ("moisac") counts only when it is
        not a word of the base (*known_words*) nor a word common in French (*common_words*:
        "valent" is no misspelt Valence) and is close to one commune name. A name that is
        itself a common word ("à cause de": Causé) is the commune only as the query's last
        word, where a place is typed.
        """
        mapped = [_NAME_ABBREVIATIONS.get(w, w) for w in words]
        for size in range(min(self._max_words, len(mapped)), 0, -1):
            for start in range(len(mapped) - size + 1):
                phrase = " ".join(mapped[start : start + size])
                if size == 1 and phrase in common_words and start + 1 < len(mapped):
                    continue
                commune = (
                    self._by_folded.get(phrase)
                    or self._aliases.get(phrase)
                    or self._spoken.get(phrase)
                )
                if commune is not None:
                    # A short name said whole but misspelt ("verdun sur garone"): the whole.
                    for longer in range(min(self._max_words, len(mapped) - start), size, -1):
                        run = mapped[start : start + longer]
                        whole = self._sound_at(run, known_words, common_words)
                        if whole is commune:
                            return commune, start, start + longer
                    return commune, start, start + size
        # A name of several words with a letter wrong (« saint prquier »): it starts or ends
        # with a word of a name, and one of its words at least is no word of the base nor
        # of French.
        for size in range(min(self._max_words, len(mapped)), 1, -1):
            for start in range(len(mapped) - size + 1):
                run = mapped[start : start + size]
                if run[0] not in self.name_words and run[-1] not in self.name_words:
                    continue
                if all((known_words and w in known_words) or w in common_words for w in run):
                    continue
                best = process.extractOne(
                    " ".join(run), self._choices, scorer=fuzz.ratio, score_cutoff=_PHRASE_CUTOFF
                )
                if best and best[0].count(" ") == size - 1:
                    return self._by_folded[best[0]], start, start + size
        for index, word in enumerate(mapped):
            if len(word) < 6 or word.isdigit() or (known_words and word in known_words):
                continue
            if word in common_words:
                continue
            best = process.extractOne(
                word, self._choices, scorer=fuzz.ratio, score_cutoff=_WORD_CUTOFF
            )
            if best:
                return self._by_folded[best[0]], index, index + 1
        # Spelt by ear ("moisak", "negrepelice", "beaumon de lomagne"): the words sound as a
        # name, one of them at least not a word of the base.
        for size in range(min(self._max_words, len(mapped)), 0, -1):
            for start in range(len(mapped) - size + 1):
                commune = self._sound_at(mapped[start : start + size], known_words, common_words)
                if commune is not None:
                    return commune, start, start + size
        return None

    def _sound_at(
        self, run: list[str], known_words: Container[str] | None, common_words: Collection[str]
    ) -> Commune | None:
        """The commune whose name *run* (folded words) sounds as, one word at least neither
        a word of the base (*known_words*) nor a common word (*common_words*), or None."""
        # A run starts with a word of the name, not « de » or « sur »; « saint » starts one
        # (« saint porkier »), with the rest of it.
        leading = run[0] in _CONNECTORS and not (run[0] in _SAINTS and len(run) > 1)
        if len("".join(run)) < _SOUND_MIN or leading:
            return None
        if any(w.isdigit() for w in run):
            return None
        if all((known_words is not None and w in known_words) or w in common_words for w in run):
            return None
        return self._sounds.get(_sound(" ".join(run)))

    def distance_km(self, a: Commune | str, b: Commune | str) -> float:
        ca = self.by_code[a] if isinstance(a, str) else a
        cb = self.by_code[b] if isinstance(b, str) else b
        return haversine_km(ca.latitude, ca.longitude, cb.latitude, cb.longitude)


def _row_to_commune(row: dict) -> Commune:
    codes = row.get("codes_postaux") or []
    if isinstance(codes, str):
        codes = json.loads(codes)
    return Commune(
        code_insee=row["code_insee"],
        nom=row["nom"],
        codes_postaux=tuple(codes),
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        population=int(row.get("population") or 0),
        epci=row.get("epci") or "",
        canton=row.get("canton") or "",
        epci_siren=row.get("epci_siren") or "",
    )
