"""Need cues: a lay sentence finds the services of the thématique its need belongs to, on a
base whose wording has none of its words (`ressources/indices.py`, `data/indices.json`).

Small bases built here, worded otherwise than the thesaurus expects (as records from
another département would be): what they all share is their data·inclusion thématiques.
"""

import pytest

from ressources import indices
from ressources.exchange import import_records
from ressources.search import SearchEngine
from ressources.text import sms_words, words

MONTAUBAN = "82121"
ADDICTIONS = "sante--addictions"
DEPENDANCE = "famille--prise-en-charge-personne-dependante"
VEHICULE = "mobilite--acceder-a-un-vehicule"
REPARER = "mobilite--entretenir-reparer-son-vehicule"
PERMIS = "mobilite--preparer-un-permis"


def service(key, nom, thematiques, description="Sur rendez-vous."):
    return {
        "source": "t",
        "id": f"t--{key}",
        "structure_id": "t--s",
        "nom": nom,
        "description": description,
        "date_maj": "2025-01-01",
        "code_insee": MONTAUBAN,
        "thematiques": thematiques,
    }


@pytest.fixture
def base(reference_db):
    def make(*services):
        structure = {
            "source": "t",
            "id": "t--s",
            "nom": "Structure test",
            "date_maj": "2025-01-01",
            "code_insee": MONTAUBAN,
        }
        report = import_records(reference_db, [structure], list(services))
        assert report.ok, report.rejections
        return SearchEngine(reference_db)

    return make


def ids(result):
    return [h.resource.id.removeprefix("t--") for h in result.hits]


def cues(query):
    return {code for found in indices.find(sms_words(words(query))) for code in found.thematiques}


def test_a_lay_sentence_finds_the_services_of_its_thematique(base):
    engine = base(
        service("csapa", "Centre de soins, d'accompagnement et de prévention", [ADDICTIONS]),
        service("ssiad", "Service de soins infirmiers", [DEPENDANCE]),
        service("velo", "Atelier vélo", [REPARER]),
    )
    result = engine.search("il fume du shit tous les jours")
    assert ids(result)[0] == "csapa"
    assert "velo" not in ids(result)
    result = engine.search("sa mère de 85 ans tombe souvent")
    assert ids(result)[0] == "ssiad"


def test_the_why_says_which_cue_led_to_which_thematique(base):
    engine = base(
        service("csapa", "Centre de soins, d'accompagnement et de prévention", [ADDICTIONS]),
    )
    (hit,) = engine.search("il fume du shit").hits
    assert any(w.endswith(" → thématique « Addictions »") for w in hit.why())


def test_a_plain_query_that_the_words_answer_is_no_thematique_search(base):
    engine = base(
        *(service(f"permis{i}", f"Permis de conduire, session {i}", [PERMIS]) for i in range(3)),
        service("examen", "Accompagnement individuel vers l'examen", [PERMIS]),
    )
    result = engine.search("permis de conduire")
    # The words as typed answer it: the services of the thématique that lack them are not
    # found through « permis ».
    assert ids(result) == ["permis0", "permis1", "permis2"]
    assert all("thématique «" not in " ".join(h.why()) for h in result.hits)


def test_what_a_negation_says_is_missing_is_not_what_to_repair():
    # « pas de voiture »: a car to rent or borrow, not a car to repair.
    assert VEHICULE in cues("il a pas de voiture pour aller au travail")
    assert REPARER not in cues("il a pas de voiture pour aller au travail")
    # « sa voiture est en panne »: the other cues of the query settle « voiture ».
    assert cues("sa voiture est en panne") == {REPARER}
    # « il ne boit plus »: no drinking to stop.
    assert ADDICTIONS not in cues("il ne boit plus depuis deux ans")
    assert ADDICTIONS in cues("il boit trop")


def test_a_negated_cue_finds_its_thematique_not_the_others(base):
    engine = base(
        service("garage", "Atelier mécanique associatif", [REPARER]),
        service("pret", "Prêt solidaire de deux-roues", [VEHICULE]),
    )
    assert ids(engine.search("sa voiture est en panne"))[0] == "garage"
    # She has no car: one to borrow, not one to repair.
    assert ids(engine.search("elle a plus de voiture"))[0] == "pret"


def test_an_old_age_and_a_family_word_say_dependence_only_beside_another_cue():
    assert DEPENDANCE in cues("sa mamie tombe souvent")
    assert cues("sa mamie") == set()  # a family word alone says no need
    assert DEPENDANCE in cues("son père de 82 ans perd la tête")
    # « plus de 60 ans » is an age, not a lack.
    assert DEPENDANCE in cues("plus de 60 ans et tombe souvent")


def test_a_cue_misspelt_by_ear_is_still_a_cue():
    assert cues("son fils est alcolique") == {ADDICTIONS}
    assert cues("il fume du canabice") == {ADDICTIONS}
    assert DEPENDANCE in cues("sa mere a alzeimer")
    # The phonetic key alone is coarse: « impayer » shares it with « Indeed » and
    # « inceste », « dantiste » with « dentier ». The cue written nearest is the one meant.
    assert cues("loyers impayer") == {
        "logement-hebergement--se-maintenir-dans-le-logement",
        "logement-hebergement--reduire-les-impayes-de-loyer",
    }
    assert {f.cue for f in indices.find(words("dantiste"))} == {"dentiste"}


def test_the_lexicon_covers_every_thematique_of_the_schema():
    from data_inclusion.schema.v1 import Thematique  # type: ignore[import-untyped]

    lexicon = indices.lexicon().values()
    said = {code for cues_ in lexicon for cue in cues_ for code in cue.thematiques}
    assert said == {t.value for t in Thematique}


LIEN_SOCIAL = "remobilisation--lien-social"
MOBILITE_PARTAGEE = "mobilite--mobilite-douce-partagee-collective"
ACCES_SOINS = "sante--acces-aux-soins"
FORMATION = "se-former--trouver-sa-formation"


def test_cues_that_together_say_one_need_outrank_one_word_read_alone(base):
    # « vit seule », « 80 ans » and « tombe souvent » all say dependence: the home care
    # comes before the café whose name says « isolement », the thesaurus's reading of
    # « seule » alone (ranked first when the cues only tipped the words).
    engine = base(
        service("cafe", "Café rencontre contre l'isolement", [LIEN_SOCIAL]),
        service("ssiad", "Service de soins infirmiers à domicile", [DEPENDANCE]),
    )
    result = engine.search("sa mere de 80 ans vit seule et tombe souvent")
    assert ids(result)[0] == "ssiad"
    assert any("thématique « Prise en charge" in w for w in result.hits[0].why())


def test_a_word_of_a_firm_need_read_another_way_is_not_had(base):
    # « aide-soignante » is a training need; « soignante » alone reads as care (the
    # thesaurus: « accès aux soins »), and the PASS's name says it, « passer » too. An
    # entry of none of the needs the sentence says does not have that word: the course
    # comes first.
    engine = base(
        service("pass", "Permanence d'accès aux soins : passer sans rendez-vous", [ACCES_SOINS]),
        service("greta", "Cours pour adultes du lycée", [FORMATION]),
    )
    assert ids(engine.search("elle veut passer aide soignante"))[0] == "greta"
    # Read another way by an entry of some need the sentence says, the word counts: of two
    # navettes of shared mobility, the one whose keywords say « isolement » has « seul »
    # (which « vit seul » and « 82 ans » firmly read as dependence), and comes before the
    # one whose name says more of the other words.
    lonely = service("isolement", "Navette pour les courses", [MOBILITE_PARTAGEE])
    lonely["binome"] = {"mots_cles": ["isolement"]}
    engine = base(
        service("navette", "Navette sans voiture : aller faire ses courses", [MOBILITE_PARTAGEE]),
        lonely,
        service("domicile", "Aide à domicile", [DEPENDANCE]),
    )
    query = "un monsieur de 82 ans qui vit seul sans voiture pour aller faire ses courses"
    found = ids(engine.search(query))
    assert found.index("isolement") < found.index("navette")


def test_the_entries_that_say_a_cues_words_stay_first(base):
    # « transport à la demande » is a cue of shared mobility, and the base says it: the
    # services named so come before those that only have the thématique.
    engine = base(
        service("navette", "Navette solidaire des villages", [MOBILITE_PARTAGEE]),
        service("tad", "Transport à la demande du Grand Montauban", [MOBILITE_PARTAGEE]),
        service("covoit", "Covoiturage de proximité", [MOBILITE_PARTAGEE]),
    )
    assert ids(engine.search("transport a la demande"))[0] == "tad"


def test_a_cue_of_little_words_counts_only_said_whole():
    debt = "difficultes-financieres--situation-dendettement-surendettement"
    street = "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"
    # « doit des sous » is one word once « des sous » is left out: « elle doit partir » is
    # no debt, nor « rue de la Paix » a night outside.
    assert debt in cues("il doit des sous a tout le monde")
    assert debt not in cues("elle doit partir de chez elle")
    assert street in cues("il est a la rue depuis lundi")
    assert street not in cues("il travaille rue de la paix")
    # A negation after the verb is said in many ways, and still counts.
    assert cues("le petit a 4 ans et parle toujours pas")


def test_a_cue_negated_after_its_verb_counts_only_with_its_negation():
    mental = "sante--sante-mentale"
    impayes = "logement-hebergement--reduire-les-impayes-de-loyer"
    aidants = "famille--soutien-aidants"
    # « dort pas »: a sleepless night, said with « pas » or « ne … plus »; sleeping at a
    # sister's is a roof, not an insomnia.
    assert mental in cues("il dort pas la nuit")
    assert mental in cues("depuis un mois il ne dort plus")
    assert mental not in cues("ma cliente a pas d'adresse, elle dort chez sa soeur")
    assert mental not in cues("il dort dans sa voiture depuis trois nuits")
    # A negation inside a cue was once read as one of its words, and such cues were never
    # found; « sans » is its own negation.
    assert impayes in cues("il a perdu son boulot et peut plus payer son loyer")
    said = {f.cue for f in indices.find(words("il voudrait une voiture sans permis"))}
    assert "voiture sans permis" in said
    said = {f.cue for f in indices.find(words("ni voiture ni permis pour aller au stage"))}
    assert "voiture sans permis" not in said and "pas de permis" in said
    # « n'en peut plus » is exhaustion, said whole: « elle peut plus acheter le lait » is not.
    assert aidants in cues("son mari a alzheimer elle en peut plus")
    assert aidants not in cues("elle peut plus acheter le lait du bebe")
    # « parle toujours pas », but not « il parle de plus vouloir vivre ».
    assert not cues("il en parle de plus en plus au travail") & {
        "famille--soutien-a-la-parentalite-et-a-leducation"
    }


def test_a_negation_inside_a_cue_says_the_opposite_of_it():
    strengths = "choisir-un-metier--identifier-ses-points-forts-et-ses-competences"
    assert strengths in cues("faire le point sur ce qu'il sait faire")
    # « il sait pas faire de CV » is no list of strengths, nor (« rien à faire ») idleness.
    found = {f.cue for f in indices.find(words("il sait pas faire de cv"))}
    assert "ce qu'il sait faire" not in found
    assert "rien à faire" not in found
    assert "pas de CV" in found


def test_a_firm_need_said_in_two_cues_holds_its_word_the_base_lacks(base):
    # « pas de manteau » and « l'hiver » both say clothing: « manteau », which no entry
    # writes, is had by the clothing services only, not by the crèche whose name says
    # « enfants » (the « gamins »).
    engine = base(
        service("creche", "Crèche : accueil des enfants", ["famille--garde-denfants"]),
        service(
            "vesti", "Vestiboutique de la Croix-Rouge", ["equipement-et-alimentation--habillement"]
        ),
    )
    assert ids(engine.search("ses gamins ont pas de manteau pour l'hiver"))[0] == "vesti"


def test_du_mal_a_before_a_verb_is_a_difficulty_not_a_pain(base):
    engine = base(
        service(
            "lire", "Ateliers savoirs de base", ["lecture-ecriture-calcul--maitriser-le-francais"]
        ),
    )

    def said(query):
        parsed = engine.parse(query)
        return [g.text for g in parsed.groups] + parsed.ignored

    assert "mal" not in said("il a du mal à lire") and "lire" in said("il a du mal à lire")
    assert "mal" not in said("elle a du mal à se concentrer")
    # A pain (« mal au dos ») or a harm (« du mal à sa femme ») keeps its word.
    assert "mal" in said("il fait du mal à sa femme")
    assert "mal" in said("elle a mal au dos")


def test_a_sentence_of_fillers_and_words_the_base_lacks_finds_what_its_cues_say(base):
    engine = base(
        service("cmp", "Consultations adultes", ["sante--sante-mentale"], "Pour elles et eux."),
        service(
            "sport",
            "Sport adapté",
            ["remobilisation--activites-sportives-et-culturelles"],
            "Pour elles.",
        ),
    )
    # « bout », « rouleau » are no words of the base, « est » a filler: the cue says the
    # need; without a cue, nothing (« elle sait pas nager »).
    assert ids(engine.search("il est au bout du rouleau")) == ["cmp"]
    assert ids(engine.search("elle broie du noir")) == ["cmp"]
    assert ids(engine.search("elle sait pas nager")) == []


def test_the_word_being_typed_clipped_from_a_filler_weighs_as_one(base):
    engine = base(
        service("teleassistance", "Téléassistance à domicile", [DEPENDANCE]),
        service("memoire", "Atelier souvenirs et mémoire", ["remobilisation--lien-social"]),
    )
    # « souven » is « souvent » being typed, not the « souvenirs » of a workshop.
    assert ids(engine.search("elle tombe souven", typing=True))[0] == "teleassistance"


def test_where_the_person_lives_says_no_need_of_clothes():
    # « habite » stems as « habits »: « elle habite grisolles » asked for the clothing
    # services (`indices.LIVING`); the verb still says its own cues.
    assert cues("elle habite grisolles") == set()
    assert cues("elle arrive plus à payer la cantine, elle habite chez sa mère").isdisjoint(
        {"equipement-et-alimentation--habillement"}
    )
    assert "equipement-et-alimentation--habillement" in cues("il a plus d'habits pour l'hiver")
    assert "mobilite--etre-accompagne-dans-son-parcours-mobilite" in cues("il habite loin")


def test_a_common_word_with_a_cue_s_stem_says_no_need():
    # Stems shared by words of other meanings (`indices.AS_WRITTEN`): « seulement » is not
    # « seul », « la commune » not « communication », « en général » not « généraliste ».
    assert cues("il a seulement 20 ans") == set()
    assert cues("quelque chose sur la commune") == set()
    assert cues("en general il passe le matin") == set()
    assert cues("voila le probleme") == set()
    assert "famille--prise-en-charge-personne-dependante" not in cues("ca depend de la caf")
    assert "equipement-et-alimentation--alimentation" not in cues("il couche dehors")
    # The cues themselves are still said, and those these words are in after a stop word
    # or a negation (looked up by their first meaningful word).
    assert "famille--garde-denfants" in cues("il a pas de place en creche")
    assert "difficultes-financieres--acquerir-une-autonomie-budgetaire" in cues(
        "pas de compte bancaire"
    )
    assert "mobilite--preparer-un-permis" in cues("il a jamais passe le permis")
    assert "remobilisation--lien-social" in cues("il est tout seul")
    assert "sante--acces-aux-soins" in cues("il cherche un generaliste")
    assert "equipement-et-alimentation--alimentation" in cues("des couches pour le bebe")
