"""Text normalisation shared by indexing and querying.

The same function runs on the stored text (once, when a resource is written) and on the
query (per keystroke), so that accents, case, punctuation and word endings (plural,
feminine, verb forms: a French stemmer) never decide whether a resource is found.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints

_NON_WORD = re.compile(r"[^0-9a-z]+")

# Words that carry no meaning for a search in French. Kept short on purpose: a word the
# field uses as a term ("aide", "emploi", "sans") must stay searchable.
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "c",
        "ce",
        "ces",
        "cet",
        "cette",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "il",
        "ils",
        "j",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "m",
        "ma",
        "me",
        "mes",
        "mon",
        "n",
        "ne",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "s",
        "sa",
        "se",
        "ses",
        "son",
        "sous",
        "sur",
        "t",
        "ta",
        "te",
        "tes",
        "ton",
        "un",
        "une",
        "vers",
        "vos",
        "votre",
        "vous",
        "y",
    ]
)


_COMBINING = re.compile("[\u0300-\u036f]+")

# How words are written in a text message, and the words they stand for (folded): "pa" is
# « pas », "ds" « dans », "jcherche" « je cherche »; "ni" says what is missing as « pas »
# does ("ni voiture ni permis"). Only spellings that are no word of their own.
SMS_SPELLINGS = {
    "pa": "pas",
    "ni": "pas",
    "o": "au",
    "el": "elle",
    "tro": "trop",
    "ri1": "rien",
    "ki": "qui",
    "pe": "peut",
    "g": "j ai",
    "ds": "dans",
    "pr": "pour",
    "ke": "que",
    "kel": "quel",
    "kelle": "quelle",
    "koi": "quoi",
    "bcp": "beaucoup",
    "tjs": "toujours",
    "tjrs": "toujours",
    "qd": "quand",
    "tt": "tout",
    "ts": "tous",
    "tte": "toute",
    "mm": "meme",
    "chui": "je suis",
    "jsuis": "je suis",
    "jcherche": "je cherche",
    "jveux": "je veux",
    "jsais": "je sais",
    "jpeux": "je peux",
    "ya": "il y a",
    "pb": "probleme",
    "pbm": "probleme",
    "pblm": "probleme",
    "pcq": "parce que",
    "pk": "pourquoi",
    "svp": "svp",
    "fe": "fait",
    "dla": "de la",
    "jai": "j ai",
    "jme": "je me",
    "apart": "appart",
    "plu": "plus",
    "jeun": "jeune",
    "1": "un",
    "franc": "france",
    "aparts": "apparts",
    "ru": "rue",  # « à la ru »: the final « e » a text message leaves out
    "jsui": "je suis",
    "jveu": "je veux",
    "jdor": "je dors",
    "kelkun": "quelqu un",
    "qqn": "quelqu un",
    "qqch": "quelque chose",
    "apprt": "appartement",
    "appt": "appartement",
    "aprt": "appartement",
    "logt": "logement",
    "lgt": "logement",
    "lgmt": "logement",
    "logmt": "logement",
}


def sms_words(folded: list[str]) -> list[str]:
    """Folded words with their text-message spellings written out (`SMS_SPELLINGS`), and an
    age glued to its unit (« 20a », « 19an », « 58ans ») as two words."""
    if not any(w in SMS_SPELLINGS or (w[:1].isdigit() and _GLUED_AGE.fullmatch(w)) for w in folded):
        return folded
    out: list[str] = []
    for word in folded:
        glued = _GLUED_AGE.fullmatch(word) if word[:1].isdigit() else None
        if glued:
            out += [glued.group(1) or glued.group(2), "ans"]
        else:
            out += SMS_SPELLINGS.get(word, word).split()
    return out


_GLUED_AGE = re.compile(r"(\d{2})a|(\d{1,3})(?:an|ans)")


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form of *text* (words separated by one space)."""
    folded = text.casefold()
    if not folded.isascii():
        # NFKD splits "é" into "e" + a combining accent, which the regex drops; letters
        # NFKD does not split are spelt out first.
        folded = folded.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _NON_WORD.sub(" ", folded).strip()


# Snowball's French stemmer (C, via PyStemmer) folds plurals, feminines and verb forms
# ("infirmières"/"infirmier", "déménager"/"déménagement") where a hand-written rule made
# unrelated words collide. It runs on the folded word (people type without accents), where
# one pass can stop short: "infirmiere" → "infirmier" (an -e taken as the feminine), while
# "infirmier" → "infirmi". So it runs again, but only after a pass that took off an
# inflection (-s, -x, -e, -es): running it until nothing changes took derivational endings
# twice and made unrelated words meet ("domiciliation"/"domicile", "atelier" → "atel",
# "chantier"/"chant", "metier"/"met", "cerises"/"CER").
_INFLECTIONS = ("s", "x", "e", "es")
# A stem shorter than this, of a longer word, is its first letters instead: the stem of
# "café" is not the CAF, that of "loyer" not "loi", that of "gare" not that of "garantie".
MIN_STEM = 4
# Words kept whole, as Lucene's protected words: proper nouns the stemmer would make meet a
# common word ("France" of France Travail and France Services → "franc", as « français »).
PROTECTED = frozenset({"france"})
# Words the stemmer makes meet another word of other meaning, given their own stem (as
# Lucene's stemmer override): « cours » (lessons), « course(s) » (shopping, a run) and
# « courant » (electricity) all stem to « cour » ("cours de conduite" found the épiceries'
# « courses », "coupé le courant" the French courses).
OVERRIDES = {
    "cours": "cours",
    "course": "course",
    "courses": "course",
    "courant": "courant",
    "courants": "courant",
    # « isolation » (of a house) and « isolement » (of a person) both stem to « isol »:
    # "maison mal isolée" found the services against loneliness.
    "isolation": "isolation",
    "isolations": "isolation",
    "isolant": "isolation",
    "isolants": "isolation",
    # « boîte » (folded « boite ») stems to « boit »: "il boit trop" found the BGE whose
    # keywords say « créer sa boîte », "boîte aux lettres" read as drinking.
    "boite": "boite",
    "boites": "boite",
    # « je dors », « il dort » (« jdor dans ma voiture », « il dort dans sa voiture »):
    # the stemmer keeps the t of the third person only.
    "dors": "dort",
    "sors": "sort",
    # « je sais » (« jsai pa ») stems as « saisie » (of a salary) does.
    "sais": "sait",
}
_SNOWBALL = Stemmer.Stemmer("french")
_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """The indexed form of one folded word: its French stem ("logements" → "loge",
    "educatrice" → "educ"). Numbers and words of three letters or less (acronyms: "caf",
    "rsa", "115") are kept as they are."""
    found = _STEMS.get(word) or OVERRIDES.get(word)
    if found is not None:
        return found
    form = word
    if len(word) > 3 and not word.isdigit() and word not in PROTECTED:
        while True:
            shorter = _SNOWBALL.stemWord(form)
            if shorter == form or len(shorter) < 2:
                break
            inflection = form.startswith(shorter) and form[len(shorter) :] in _INFLECTIONS
            form = shorter
            if not inflection:
                break
        # Snowball keeps the s of words ending in -is/-ois ("emplois"): plural still.
        if len(form) >= 5 and form.endswith("s") and not form.endswith("ss"):
            form = form[:-1]
        # A short stem is a short word's plural ("jobs", "lits"), or else the word's first
        # letters: it must not meet a word of three letters, an acronym ("caf", "cer").
        if len(form) < MIN_STEM and word not in (form + "s", form + "x"):
            form = word[:MIN_STEM]
    if len(_STEMS) < 200_000:
        _STEMS[word] = form
    return form


def word_stems(token: str) -> tuple[tuple[str, str], ...]:
    """(folded word, stem) of each indexed word of a raw token ("Logements," →
    (("logements", "log"),)): the written forms the index keeps beside its stems."""
    found = _WORD_STEMS.get(token)
    if found is None:
        found = tuple((w, stem(w)) for w in fold(token).split() if w not in STOPWORDS)
        if len(_WORD_STEMS) < 200_000:
            _WORD_STEMS[token] = found
    return found


_WORD_STEMS: dict[str, tuple[tuple[str, str], ...]] = {}


# -- words of French ------------------------------------------------------------------------

# How often a word must be met in the French word list's corpus to be a word of the
# language people type well (its rarest words are met 50 times; a tenth of its words, the
# common ones, 500 times or more: "entend" 8,832, "taule" 4,465, "epicier" 93).
COMMON_FRENCH = 500


@functools.lru_cache(maxsize=1)
def _french_counts() -> dict[str, int]:
    """The folded words common in French (pyspellchecker's French list, `COMMON_FRENCH`
    or more) with how often its corpus meets them. Empty when the list cannot be read."""
    try:
        from importlib import resources

        data = (resources.files("spellchecker") / "resources" / "fr.json.gz").read_bytes()
    except (ImportError, FileNotFoundError, OSError):
        return {}
    counts: dict[str, int] = {}
    for word, count in json.loads(gzip.decompress(data)).items():
        folded = fold(word)
        if count >= COMMON_FRENCH and folded and " " not in folded:
            counts[folded] = max(count, counts.get(folded, 0))
    return counts


@functools.lru_cache(maxsize=1)
def _common_french() -> tuple[frozenset[str], frozenset[str]]:
    """The common French words (`_french_counts`) of four letters or more, and the shorter."""
    common = _french_counts()
    return (
        frozenset(w for w in common if len(w) >= 4),
        frozenset(w for w in common if len(w) < 4),
    )


def common_french_words() -> frozenset[str]:
    """The folded words common in French, four letters or more: words a person types well,
    whether or not the base writes them."""
    return _common_french()[0]


def french_frequency(word: str) -> int:
    """How often French meets the folded *word* (0 for a word that is not common)."""
    return _french_counts().get(word, 0)


def common_short_words() -> frozenset[str]:
    """The folded words common in French of two or three letters ("sou", "dos", "mis"):
    whole words, when typed whole, not the start of longer ones."""
    return _common_french()[1]


# A text message clips a word's silent end (« voitur », « francai », « veu », « sor ») and
# glues an elided pronoun to its verb (« jdor », « jsai »): the endings put back.
CLIPPED_ENDINGS = ("e", "s", "t", "x", "d", "re", "es", "nt")
# The shortest clipped word put back (« sor », « tap »; « pe » is too many words).
CLIPPED_LENGTH = 3


# Verbs as said with their subject, which no elided « d' » or « l' » comes before.
_CONJUGATED = frozenset(
    [
        "etes",
        "est",
        "sont",
        "suis",
        "ai",
        "avez",
        "avons",
        "ont",
        "vais",
        "vont",
        "fait",
        "font",
        "peut",
        "veut",
        "dit",
        "doit",
    ]
)


def unclipped(word: str) -> list[str]:
    """*word* as the common French word it clips (« veu » → « veut », « depui » →
    « depuis », « kelk » → « quelque »), the pronoun it glues split off (« jdor » →
    « j », « dors »), or itself: the commonest completion. Only a word that is no common
    French word itself; the caller leaves the words its base knows alone."""
    counts = _french_counts()
    if word in counts or len(word) < CLIPPED_LENGTH or not word.isalpha():
        return [word]
    # « j » before a consonant is an elided « je » (« jsai », « jcompren »).
    if word[0] == "j" and word[1] not in "aeiouy" and len(word) > CLIPPED_LENGTH:
        rest = unclipped(word[1:])
        if rest[0] in counts:
            return ["j", *rest]
    # An apostrophe left out before a vowel (« dembauche », « lentretien », « laide »);
    # never before a verb said with its subject (« detes » is « dettes », not « d'êtes »).
    whole = _completed(word, counts)
    if word[0] in "dlmtsn" and word[1] in "aeiouyh" and len(word) > CLIPPED_LENGTH:
        rest = unclipped(word[1:])
        # Unless the rest is clipped too and the word completes whole: « metr » is
        # « mettre », not « m'être ».
        clipped_rest = rest[0] != word[1:]
        if rest[0] in counts and rest[0] not in _CONJUGATED and not (clipped_rest and whole):
            return [word[0], *rest]
    return [whole or word]


def _completed(word: str, counts: dict[str, int]) -> str:
    """The commonest French word *word* is the clipped start of, or ""."""
    best, best_count = "", 0
    # A consonant said once and written twice (« frap » → « frappe », « aprend »,
    # « metr » → « mettre »).
    doubled = [word + word[-1]]
    if len(word) > 2 and word[-1] in "rl" and word[-2] not in "aeiouy" + word[-1]:
        doubled.append(word[:-1] + word[-2] + word[-1])
    for base in dict.fromkeys((word, word.replace("k", "qu"), *doubled)):
        for ending in ("", *CLIPPED_ENDINGS):
            count = counts.get(base + ending, 0)
            if count > best_count:
                best, best_count = base + ending, count
    return best


# -- French phonetic key ------------------------------------------------------------------------

# Ordered rewrites of a folded word into how it sounds (a reduction in the spirit of
# Soundex-FR / "phonex": no PyPI package computes a French key; the ones on PyPI are for
# English, Russian or the Nordic languages). Enough for spellings typed by ear:
# "dantiste"/"dentiste", "ortofoniste"/"orthophoniste", "franse"/"france".
_PHONETIC_RULES = [
    (r"(.)\1+", r"\1"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"sch", "ch"),
    (r"ch", "x"),
    (r"sh", "x"),
    (r"t(?=ion)", "s"),  # "-tion" says "-sion": "alocassion" = "allocation"
    (r"qu", "k"),
    (r"gu(?=[eiy])", "g"),
    (r"g(?=[eiy])", "j"),
    (r"ge(?=[aou])", "j"),
    (r"c(?=[eiy])", "s"),
    (r"ck", "k"),
    (r"c", "k"),
    (r"q", "k"),
    (r"w", "v"),
    (r"z", "s"),
    (r"x", "ks"),
    (r"y", "i"),
    (r"h", ""),
    (r"gn", "ni"),
    (r"eau|au", "o"),
    (r"(?:ain|ein|aim|eim|in|im|un|um)(?=[^aeiou]|$)", "1"),
    (r"(?:an|am|en|em)(?=[^aeiou]|$)", "2"),
    (r"(?:on|om)(?=[^aeiou]|$)", "3"),
    (r"oi", "va"),
    (r"ou", "u"),
    (r"ai|ei|er$|ez$|et$", "e"),
    (r"ks$", "k"),
    (r"(?<=.)[estdpx]+$", ""),
    (r"(.)\1+", r"\1"),
]
_PHONETIC = [(re.compile(a), b) for a, b in _PHONETIC_RULES]


def phonetic(word: str) -> str:
    """A French phonetic key of a folded word: spellings that sound alike share it
    ("dantiste" and "dentiste" → "d2tist")."""
    key = word
    for pattern, replacement in _PHONETIC:
        key = pattern.sub(replacement, key)
    return key


def words(text: str) -> list[str]:
    """The folded words of *text*, in order, stop words included."""
    folded = fold(text)
    return folded.split() if folded else []


def index_words(text: str | None) -> list[str]:
    """The words of *text* as the index holds them: folded, plural folded, stop words out.

    Stop words are the most frequent tokens: leaving them out keeps phrase lookups
    ("garde d'enfants" → "garde enfant") from scanning nearly every document.
    """
    if not text:
        return []
    cache = _INDEX_FORM
    out = []
    for word in fold(text).split():
        form = cache.get(word)
        if form is None:
            form = "" if word in STOPWORDS else stem(word)
            if len(cache) < 200_000:
                cache[word] = form
        if form:
            out.append(form)
    return out


# word → its indexed form ("" for a stop word): words repeat, stemming them once is enough.
_INDEX_FORM: dict[str, str] = {}


def normalize(text: str | None) -> str:
    """The indexed form of *text*, as one string.

    Indexing 100,000 descriptions folds millions of words, most of them seen before: each
    whitespace-separated token is folded once and remembered (whitespace always separates
    words after folding, so token by token gives the same result as the whole text).
    """
    if not text:
        return ""
    cache = _TOKEN_FORM
    out = []
    for token in text.split():
        form = cache.get(token)
        if form is None:
            form = " ".join(index_words(token))
            if len(cache) < 200_000:
                cache[token] = form
        if form:
            out.append(form)
    return " ".join(out)


# raw token (punctuation and accents included) → its indexed form, "" when it has none.
_TOKEN_FORM: dict[str, str] = {}


# -- text from data, on its way to a terminal or a spreadsheet ---------------------------------

# Terminal escape sequences (ECMA-48): CSI (colours, cursor moves, screen clearing), OSC
# (window title, hyperlinks, clipboard writes), DCS/SOS/PM/APC strings, two-byte ESC
# sequences, and their 8-bit forms. Imported or synced text could rewrite the screen, the
# window title or the clipboard of whoever reads it.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
# Other control characters (C0 but tab and newline, DEL, C1) and the invisible bidi
# overrides that make a terminal show text in another order than it is.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Both in one pattern (escape sequences first, so that they go whole): one scan of a text.
_UNSAFE = re.compile(f"{_ESCAPES.pattern}|{_CONTROLS.pattern}")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str, *, newlines: bool = True) -> str:
    """*text* without escape sequences or control characters: what data may show on a
    terminal or in a spreadsheet cell. Tabs and newlines stay (or become spaces when
    *newlines* is False)."""
    if text.isprintable() or _UNSAFE.search(text) is None:
        return text
    text = _UNSAFE.sub("", text)
    if not newlines:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def safe_cell(text: str) -> str:
    """A spreadsheet cell for *text*: control characters stripped, and a cell a
    spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) put behind an
    apostrophe (which the CSV import takes off again)."""
    text = safe_text(text)
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


class TooDeep(ValueError):
    """A value nests containers deeper than allowed."""


def clean_strings(value: object, max_depth: int = 64, _depth: int = 1) -> object:
    """*value* (a decoded JSON record) with :func:`safe_text` applied to every string;
    raises :class:`TooDeep` when containers nest deeper than *max_depth* (checked in the
    same walk, which therefore never recurses further than that)."""
    cls = value.__class__
    if cls is str:
        return value if value.isprintable() else safe_text(value)  # type: ignore[attr-defined,arg-type]
    if cls is dict:
        if _depth > max_depth:
            raise TooDeep()
        out = {}
        for key, item in value.items():  # type: ignore[attr-defined]
            kind = item.__class__
            if kind is str:
                out[key] = item if item.isprintable() else safe_text(item)
            elif kind is dict or kind is list:
                out[key] = clean_strings(item, max_depth, _depth + 1)
            else:
                out[key] = item
        return out
    if cls is list:
        if _depth > max_depth:
            raise TooDeep()
        return [clean_strings(item, max_depth, _depth + 1) for item in value]  # type: ignore[attr-defined]
    return value


def distance_text(km: float | None, *, precise: bool = False) -> str:
    """A distance as a conseiller says it to the person: « 3 km », and « < 1 km » rather
    than « 0 km » for what is in the same part of town (a list's column); *precise* (an
    entry's detail): « 400 m », « 2,5 km », « 12 km »."""
    if km is None:
        return ""
    if not precise:
        return "< 1 km" if km < 1 else f"{km:.0f} km"
    meters = round(km * 10) * 100
    if meters < 100:
        return "< 100 m"
    if meters < 1000:
        return f"{meters} m"
    if km < 10:
        return f"{km:.1f} km".replace(".", ",")
    return f"{km:.0f} km"


def grouped(count: int) -> str:
    """12 345, as French writes it (a narrow no-break space between thousands)."""
    return f"{count:,}".replace(",", "\u202f")


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """« 1 dossier », « 2 dossiers », « 150 557 services » (French: 0 and 1 take the
    singular; thousands grouped); *plural* where adding an s is not it (« dossiers purgés »),
    rather than « dossier(s) »."""
    words = singular if count <= 1 else plural or singular + "s"
    return f"{grouped(count)} {words}"
