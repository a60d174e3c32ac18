"""Robustness benchmark: does search still find the answer when the query is typed badly?

Takes the queries of the read relevance sets that Binôme answers fully (recall@5 = 1) and
types each again the way people do in an interview, one way at a time, then measures how
much of the answer is still in the first five (recall@5 against the same judgments):

- ``typo``: one letter of a word of six or more deleted, inserted, replaced or swapped;
- ``sound``: one word spelt by ear (« qu » → « k », « ph » → « f », « eau » → « o », a
  double consonant single, a silent end dropped, « an » for « en », a first « h » left
  out…);
- ``sms``: the whole query as a text message (« pr », « ds », « ki », « 1 », silent ends);
- ``fillers``: a conseiller's opening and ending around a short query (« besoin d'un
  conseil pour … si possible », « … pour ma cliente »).

The changes are drawn at random with a fixed seed (``--seed``): the same code gives the
same figures; another seed, another draw of the same kinds of mistakes.
A rule written for one of these queries lifts the figure by one query at most; the figure
says how the engine copes with a kind of mistake, not with a query. Prints each figure, the
worst queries with ``--show``, and one JSON object last. Run:
``python tests/bench/bench_robustness.py [--show N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import bench_relevance as relevance  # noqa: E402

from ressources.text import fold  # noqa: E402

# The sets read to find fixes (their queries are no secret); the unread ones stay unread.
READ_SETS = ("queries", "heldout", "blind3", "blind4", "blind5", "blind6", "blind8", "blind9")
READ_SETS += ("blind12",)
SEED = 7

LETTERS = "abcdefghijklmnopqrstuvwxyz"
SOUNDS = [
    ("qu", "k"),
    ("ph", "f"),
    ("eau", "o"),
    ("au", "o"),
    ("ss", "s"),
    ("tion", "sion"),
    ("ai", "e"),
    ("er$", "e"),
    ("mm", "m"),
    ("nn", "n"),
    ("ll", "l"),
    ("tt", "t"),
    ("pp", "p"),
    ("rr", "r"),
    ("([aeiou])s$", r"\1"),
    ("([aeiou])t$", r"\1"),
    ("e$", ""),
    ("c([ei])", r"s\1"),
    ("an", "en"),
    ("en", "an"),
    ("^h", ""),
    ("th", "t"),
]
SMS = {
    "pour": "pr",
    "dans": "ds",
    "quoi": "koi",
    "quel": "kel",
    "quelle": "kel",
    "que": "ke",
    "qui": "ki",
    "rien": "ri1",
    "un": "1",
    "une": "1",
    "pas": "pa",
    "plus": "plu",
    "beaucoup": "bcp",
    "toujours": "tjs",
    "elle": "el",
    "tout": "tt",
    "aller": "alle",
    "payer": "paye",
}
OPENINGS = [
    "bonjour je cherche",
    "j'aurais besoin d'aide pour",
    "est-ce qu'il existe quelque chose pour",
    "elle voudrait savoir ou trouver",
    "il me faudrait des infos sur",
    "on cherche",
    "besoin d'un conseil pour",
    "je voudrais savoir s'il y a",
]
ENDINGS = ["svp", "merci", "si possible", "pour ma cliente", "pour un monsieur que je suis"]


def typo(query: str, rng: random.Random) -> str | None:
    words = query.split()
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return None
    index = rng.choice(long)
    word = words[index]
    at = rng.randrange(1, len(word) - 1)
    how = rng.choice("dist")
    if how == "d":
        word = word[:at] + word[at + 1 :]
    elif how == "i":
        word = word[:at] + rng.choice(LETTERS) + word[at:]
    elif how == "s":
        word = word[:at] + rng.choice(LETTERS) + word[at + 1 :]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[index] = word
    return " ".join(words)


def sound(query: str, rng: random.Random) -> str | None:
    words = fold(query).split()
    spelt = [
        i
        for i, w in enumerate(words)
        if len(w) >= 5 and w.isalpha() and any(re.search(a, w) for a, _ in SOUNDS)
    ]
    if not spelt:
        return None
    index = rng.choice(spelt)
    rules = [(a, b) for a, b in SOUNDS if re.search(a, words[index])]
    pattern, by = rng.choice(rules)
    words[index] = re.sub(pattern, by, words[index], count=1)
    return " ".join(words)


def sms(query: str, rng: random.Random) -> str | None:
    out = []
    for word in fold(query).split():
        if word in SMS and rng.random() < 0.8:
            out.append(SMS[word])
            continue
        if len(word) >= 5 and rng.random() < 0.4:
            word = re.sub(r"(e|s|t|x)$", "", word.replace("qu", "k"))
        out.append(word)
    return " ".join(out)


def fillers(query: str, rng: random.Random) -> str | None:
    if len(query.split()) > 4:
        return None
    ending = " " + rng.choice(ENDINGS) if rng.random() < 0.5 else ""
    return f"{rng.choice(OPENINGS)} {query}{ending}"


WAYS: dict[str, Callable[[str, random.Random], str | None]] = {
    "typo": typo,
    "sound": sound,
    "sms": sms,
    "fillers": fillers,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="the N worst queries of each way")
    parser.add_argument("--seed", type=int, default=SEED, help="another draw of the mistakes")
    args = parser.parse_args()
    queries = []
    for name in READ_SETS:
        path = Path(__file__).with_name(f"eval_{name}.json")
        queries += json.loads(path.read_text("utf-8"))["queries"]
    summary: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        search = relevance.binome_engine(relevance.open_base(Path(folder) / "robust.db"))
        answered = [q for q in queries if relevance.recall_at(search(q["q"]), q["judgments"]) == 1]
        print(f"{len(answered)} of {len(queries)} queries answered fully, typed again:")
        for way, retype in WAYS.items():
            rng = random.Random(args.seed)
            rows = []
            for q in answered:
                typed = retype(q["q"], rng)
                if typed is None or fold(typed) == fold(q["q"]):
                    continue
                rows.append((relevance.recall_at(search(typed), q["judgments"]), q["q"], typed))
            mean = round(sum(r for r, _, _ in rows) / len(rows), 3)
            summary[f"recall5_{way}"] = mean
            summary[f"queries_{way}"] = len(rows)
            print(f"{way:>8} | {len(rows):3} queries | recall@5 {mean:.3f}")
            for recall, said, typed in sorted(rows)[: args.show]:
                print(f"           {recall:.2f} {said!r} → {typed!r}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
