"""The thesaurus of needs (`ressources/data/besoins.json`) looks for words of services, not
for the words every sentence says."""

from ressources.search import FILLERS, _needs_file
from ressources.text import normalize


def test_no_word_a_need_looks_for_is_a_filler_once_stemmed():
    """« pass » (the PASS, an acronym) stems as « passer » does: the need « pas de sécu »
    found every service whose description says « passer ». A word looked for alone must
    not meet a filler's stem; a phrase (« permanence d'accès aux soins ») may."""
    fillers = {normalize(word) for word in FILLERS} - {""}
    clashes = sorted(
        (word, need["dit"][0])
        for need in _needs_file()
        for word in need["cherche"]
        if " " not in normalize(word) and normalize(word) in fillers
    )
    assert clashes == []
