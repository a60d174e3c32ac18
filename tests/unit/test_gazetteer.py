"""The gazetteer finds a commune of the 82 from what a person types (issue: Data/Communes)."""

import json

import pytest

from ressources.errors import AmbiguousCommune, UnknownCommune
from ressources.gazetteer import Gazetteer
from seed.loader import seed_path


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_records(json.loads(seed_path("communes-82.json").read_text()))


def test_the_departement_has_195_communes(gazetteer):
    assert len(gazetteer.communes) == 195


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("st antonin", "Saint-Antonin-Noble-Val"),
        ("negrepelisse", "Nègrepelisse"),
        ("NEGREPLISSE", "Nègrepelisse"),  # a typo
        ("moisac", "Moissac"),
        ("verdun", "Verdun-sur-Garonne"),
        ("Valence d'Agen", "Valence"),  # its usual name
        ("82121", "Montauban"),  # INSEE code
        ("82710", "Bressols"),  # postal code of one commune only
        ("Lafrancaise", "Lafrançaise"),
    ],
)
def test_resolves_what_people_type(gazetteer, typed, expected):
    assert gazetteer.resolve(typed).nom == expected


def test_start_of_a_name_gives_candidates_largest_first(gazetteer):
    names = [c.nom for c in gazetteer.lookup("castel").communes]
    assert names[0] == "Castelsarrasin"
    assert {"Castelmayran", "Castelsagrat", "Castelferrus"} <= set(names)
    with pytest.raises(AmbiguousCommune) as exc:
        gazetteer.resolve("castel")
    assert "Castelsarrasin" in str(exc.value)


def test_shared_postal_code_is_ambiguous(gazetteer):
    found = gazetteer.lookup("82500").communes
    assert len(found) > 1 and all("82500" in c.codes_postaux for c in found)


def test_a_commune_of_another_departement_is_clearly_refused(gazetteer):
    with pytest.raises(UnknownCommune) as exc:
        gazetteer.resolve("Montauban-de-Bretagne")
    assert "Aucune commune du Tarn-et-Garonne" in str(exc.value)
    assert gazetteer.lookup("Toulouse").communes == []


def test_distances_between_communes(gazetteer):
    montauban, moissac = gazetteer.resolve("Montauban"), gazetteer.resolve("Moissac")
    # Town halls of Montauban and Moissac are about 23 km apart as the crow flies.
    assert 20 < gazetteer.distance_km(montauban, moissac) < 27
    assert gazetteer.distance_km(moissac, moissac) == 0


def test_finds_a_commune_named_inside_a_query(gazetteer):
    words = ["epicerie", "solidaire", "moissac"]
    commune, start, end = gazetteer.find_in_words(words)
    assert commune.nom == "Moissac" and (start, end) == (2, 3)
    commune, start, end = gazetteer.find_in_words(["aide", "st", "antonin", "noble", "val"])
    assert commune.nom == "Saint-Antonin-Noble-Val" and (start, end) == (1, 5)
    assert gazetteer.find_in_words(["garage", "solidaire"]) is None
    # A known word of the base is never taken for a misspelt commune.
    assert gazetteer.find_in_words(["moisson"], known_words={"moisson"}) is None


@pytest.mark.parametrize(
    ("typed", "expected", "span"),
    [
        (["cours", "de", "francais", "moisak"], "Moissac", (3, 4)),
        (["epicerie", "lauzert"], "Lauzerte", (1, 2)),
        (["addicto", "valanse"], "Valence", (1, 2)),
        (["pmi", "caussad"], "Caussade", (1, 2)),
        (["mds", "beaumon", "de", "lomagne"], "Beaumont-de-Lomagne", (1, 4)),
        # A short name said whole, its last word misspelt: the whole name.
        (["aide", "verdun", "sur", "garone"], "Verdun-sur-Garonne", (1, 4)),
    ],
)
def test_a_commune_spelt_by_ear_is_found_by_its_sound(gazetteer, typed, expected, span):
    commune, start, end = gazetteer.find_in_words(typed, known_words={"cours", "aide", "pmi"})
    assert commune.nom == expected and (start, end) == span


def test_a_word_of_the_base_or_a_short_word_is_never_a_commune_by_its_sound(gazetteer):
    # « pain » sounds as Pin (too short a name to be found by its sound); « moisson » is
    # a word of the base.
    assert gazetteer.find_in_words(["pain", "pas", "cher"], known_words={"pas", "cher"}) is None
    assert gazetteer.find_in_words(["moisson"], known_words={"moisson"}) is None


def test_a_common_word_is_a_commune_only_where_a_place_is_typed(gazetteer):
    common = {"cause", "valent", "sante", "perdu"}
    # « à cause de » is no Causé; « valent » no misspelt Valence.
    words = ["perdu", "travail", "a", "cause", "de", "sa", "sante"]
    assert gazetteer.find_in_words(words, known_words=set(), common_words=common) is None
    assert gazetteer.find_in_words(["valent"], known_words=set(), common_words=common) is None
    # As the last word, where a place is typed, the name is the commune.
    commune, start, end = gazetteer.find_in_words(
        ["epicerie", "cause"], known_words=set(), common_words=common
    )
    assert commune.nom == "Causé" and (start, end) == (1, 2)


@pytest.mark.parametrize(
    ("typed", "expected", "span"),
    [
        # One letter wrong in a name of seven letters, or in a name of several words.
        (["psy", "a", "mxntech"], "Montech", (2, 3)),
        (["bus", "saint", "prquier"], "Saint-Porquier", (1, 3)),
        (["aide", "labastide", "st", "piere"], "Labastide-Saint-Pierre", (1, 4)),
    ],
)
def test_a_commune_typed_with_a_letter_wrong_is_found(gazetteer, typed, expected, span):
    commune, start, end = gazetteer.find_in_words(typed, known_words={"psy", "bus", "aide"})
    assert commune.nom == expected and (start, end) == span


def test_words_of_the_base_near_a_name_are_no_misspelt_commune(gazetteer):
    known = {"saint", "valentin", "garde", "alternee", "montant"}
    assert gazetteer.find_in_words(["saint", "valentin"], known_words=known) is None
    assert gazetteer.find_in_words(["garde", "alternee"], known_words=known) is None
    assert gazetteer.find_in_words(["montant"], known_words=known) is None


def test_a_saint_spelt_by_ear_is_found_by_its_sound(gazetteer):
    commune, start, end = gazetteer.find_in_words(["bus", "saint", "porkier"], known_words={"bus"})
    assert commune.nom == "Saint-Porquier" and (start, end) == (1, 3)
    # « saint » alone, or before a word of the base, is no commune.
    known = {"saint", "valentin"}
    assert gazetteer.find_in_words(["saint", "valentin"], known_words=known) is None
