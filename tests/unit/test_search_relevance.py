"""What the conseiller means: most words, fillers, word forms, sounds, needs and places.

Small bases built here (the reference data and a few entries), so that each test says which
entry must come out, and why.
"""

import pytest

from ressources import indices
from ressources.exchange import import_records
from ressources.search import FILLER_WEIGHT, SearchEngine, SearchFilters, Vocabulary
from ressources.text import phonetic, stem

MONTAUBAN, MOISSAC, CAUSSADE, CASTELSARRASIN = "82121", "82112", "82037", "82033"
URGENCE = "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"


def structure(code=MONTAUBAN):
    return {
        "source": "t",
        "id": f"t--s{code}",
        "nom": "Structure test",
        "date_maj": "2025-01-01",
        "code_insee": code,
    }


def service(key, nom, description="Un service de test.", code=MONTAUBAN, **extra):
    return {
        "source": "t",
        "id": f"t--{key}",
        "structure_id": f"t--s{code}",
        "nom": nom,
        "description": description,
        "date_maj": "2025-01-01",
        "code_insee": code,
        **extra,
    }


@pytest.fixture
def base(reference_db):
    def make(*services):
        codes = {s["code_insee"] for s in services}
        report = import_records(reference_db, [structure(c) for c in codes], list(services))
        assert report.ok, report.rejections
        return SearchEngine(reference_db)

    return make


def ids(result):
    return [h.resource.id.removeprefix("t--") for h in result.hits]


# -- most words ------------------------------------------------------------------------------
def test_an_entry_with_most_of_the_words_is_shown_below_those_with_all(base):
    engine = base(
        service("all", "Atelier cuisine et budget pour les familles"),
        service("two", "Atelier cuisine pour les familles"),
        service("one", "Atelier de couture"),
    )
    result = engine.search("atelier cuisine budget")
    assert ids(result)[:2] == ["all", "two"]
    assert "one" not in ids(result)  # one word of three is too few
    assert not result.relaxed


def test_filler_words_do_not_exclude_the_right_answer(base):
    engine = base(
        service("epicerie", "Épicerie solidaire du canal"),
        service("aide", "Aide aux devoirs"),
    )
    result = engine.search("besoin d'aide pour une epicerie solidaire")
    assert ids(result)[0] == "epicerie"


# -- word forms ------------------------------------------------------------------------------
def test_feminine_plural_and_verb_forms_meet(base):
    engine = base(
        service("inf", "Permanence d'un infirmier"),
        service("dem", "Aide au déménagement"),
        service("edu", "Rencontre avec un éducateur"),
    )
    assert ids(engine.search("infirmières")) == ["inf"]
    assert ids(engine.search("déménager")) == ["dem"]
    assert ids(engine.search("educatrice")) == ["edu"]


def test_typos_are_matched_on_the_words_as_written(base):
    engine = base(service("dem", "Aide au déménagement"))
    hit = engine.search("demenagment").hits[0]
    assert hit.resource.id == "t--dem"
    assert any(m.found == "demenagement" and m.how == "faute de frappe" for m in hit.matches)


def test_two_words_typed_as_one_are_read_as_the_two(base):
    """« autoentrepreneur », « francetravail »: two words glued; the first may be spelt by
    ear (« oto »). A word a typo away from one the base writes is a typo, not two words."""
    engine = base(
        service("ae", "Accompagnement des auto entrepreneurs : déclarations"),
        service("ft", "Inscription à France Travail"),
        service("dem", "Aide au renouvellement des droits"),
    )
    assert ids(engine.search("autoentrepreneur"))[:1] == ["ae"]
    assert ids(engine.search("otoentrepreneur declarations"))[:1] == ["ae"]
    assert ids(engine.search("francetravail inscription"))[:1] == ["ft"]
    typo = engine.search("renouvlement")
    assert ids(typo)[:1] == ["dem"] and not typo.ignored


def test_a_typo_that_meets_another_words_stem_is_still_a_typo(base):
    # « solidare » stems as « solidarités » does (« solidar »): the épicerie solidaire
    # lacked a word, beneath the Maison des solidarités.
    engine = base(
        service("epicerie", "Épicerie solidaire du canal"),
        service("mds", "Accueil de la Maison des solidarités"),
    )
    result = engine.search("epicerie solidare")
    assert ids(result)[0] == "epicerie" and not result.relaxed
    hit = result.hits[0]
    assert any(m.found == "solidaire" and m.how == "faute de frappe" for m in hit.matches)


def test_stems_are_the_same_from_every_form():
    assert stem("infirmiere") == stem("infirmier") == stem("infirmieres")
    assert stem("emplois") == stem("emploi")
    assert stem("ateliers") == stem("atelier") and stem("credits") == stem("credit")
    assert stem("logements") == stem("logement") == stem("loger")
    assert stem("caf") == "caf" and stem("115") == "115"


def test_unrelated_words_do_not_meet_through_their_stems():
    # Stemmed again and again, "domiciliation" became "domicile", "chantier" "chant",
    # "metier" "met"; stems of two or three letters met acronyms ("café" the CAF).
    assert stem("domiciliation") != stem("domicile")
    assert stem("chantier") != stem("chant") and stem("metiers") != stem("met")
    assert stem("cafe") != stem("caf") and stem("cafes") != stem("caf")
    assert stem("loyer") != stem("loi") and stem("cerises") != stem("cer")


def test_a_typed_word_finds_what_it_means_not_what_shares_its_stem(base):
    engine = base(
        service("dom", "Domiciliation administrative", "Une adresse pour le courrier."),
        service("home", "Maintien à domicile des personnes âgées"),
        service("caf", "Permanence de la CAF", "Allocations familiales."),
        service("cafe", "Café des parents", "Un moment convivial."),
    )
    assert ids(engine.search("domicilliation")) == ["dom"]  # a typo, and its stem
    assert ids(engine.search("domiciliation")) == ["dom"]
    assert ids(engine.search("caf")) == ["caf"]
    assert ids(engine.search("cafe")) == ["cafe"]


def test_a_base_indexed_with_the_former_stems_is_reindexed_when_opened(reference_db_path):
    from caseload.database import open_project_database
    from ressources.store import INDEX_FORMAT, INDEX_FORMAT_KEY

    db = open_project_database(reference_db_path)
    services = [
        service("caf", "Permanence de la CAF", "Allocations familiales."),
        service("cafe", "Café des parents", "Un moment convivial."),
    ]
    assert import_records(db, [structure()], services).ok
    # As the former stemmer left it: "café" indexed as "caf", and format 1.
    db.execute("UPDATE services_fts SET nom = 'caf parent' WHERE nom = 'cafe parent'")
    db.execute("UPDATE service_mots SET racine = 'caf' WHERE mot = 'cafe'")
    db.execute(f"UPDATE meta SET value = '1' WHERE key = '{INDEX_FORMAT_KEY}'")
    db.conn.commit()
    assert ids(SearchEngine(db).search("caf")) == ["caf", "cafe"]
    db.close()

    db = open_project_database(reference_db_path)
    assert db.execute("SELECT value FROM meta WHERE key = ?", [INDEX_FORMAT_KEY]).fetchone()[
        0
    ] == str(INDEX_FORMAT)
    assert ids(SearchEngine(db).search("caf")) == ["caf"]
    assert ids(SearchEngine(db).search("cafe")) == ["cafe"]
    db.close()


# -- sounds ----------------------------------------------------------------------------------
def test_words_spelt_by_ear_are_found_by_their_sound(base):
    engine = base(
        service("ortho", "Consultations d'orthophonie", "Une orthophoniste reçoit les enfants."),
        service("dent", "Centre dentaire", "Un dentiste sans dépassement."),
    )
    assert ids(engine.search("ortofoniste")) == ["ortho"]
    hit = engine.search("dantiste").hits[0]
    assert hit.resource.id == "t--dent"


def test_french_phonetic_key():
    assert phonetic("dantiste") == phonetic("dentiste")
    assert phonetic("ortofoniste") == phonetic("orthophonistes")
    assert phonetic("emaus") == phonetic("emmaus")
    assert phonetic("puericultrise") == phonetic("puericultrice")
    assert phonetic("moissac") != phonetic("montech")


# -- needs in lay words ----------------------------------------------------------------------
def test_a_need_said_in_lay_words_finds_the_service(base):
    engine = base(
        service("fsl", "Fonds de solidarité logement : énergie", "Factures d'énergie impayées."),
        service("sejour", "Permanence droits des étrangers", "Titre de séjour, asile."),
        service("garage", "Garage solidaire"),
    )
    assert ids(engine.search("il a plus d'électricité"))[0] == "fsl"
    assert ids(engine.search("elle n'a pas de papiers"))[0] == "sejour"
    hit = engine.search("il a plus d'électricité").hits[0]
    assert any(m.how == "besoin" for m in hit.matches)


# -- places ----------------------------------------------------------------------------------
def test_a_local_entry_with_the_need_missing_another_word_before_a_far_one_with_all(base):
    # "manger gratos à moissac": the food distribution of Moissac, which does not write
    # « gratuit », before the one of Caussade that does; it has the need the thesaurus
    # knows (« manger »), and misses the other word only.
    engine = base(
        service("here", "Distribution alimentaire des Restos du cœur", code=MOISSAC),
        service("far", "Distribution alimentaire", "Colis gratuits.", code=CAUSSADE),
        service("sport", "Sport pour tous", "Cours gratuits.", code=MOISSAC),
    )
    assert ids(engine.search("manger gratos moissac"))[:2] == ["here", "far"]
    # Among the entries of the commune, the one with every word first.
    engine = base(
        service("here", "Distribution alimentaire des Restos du cœur", code=MOISSAC),
        service("all", "Distribution alimentaire : colis gratuits", code=MOISSAC),
    )
    assert ids(engine.search("manger gratos moissac"))[:2] == ["all", "here"]


def test_an_entry_serving_the_commune_with_the_need_missing_another_word_before_a_far_one(base):
    # Elsewhere but serving the commune (its zone holds Moissac), as in the commune itself:
    # the person can go there; Caussade's, which takes only Caussade, cannot take her.
    engine = base(
        service(
            "serving",
            "Distribution alimentaire des Restos du cœur",
            code=CASTELSARRASIN,
            zone_eligibilite=[CASTELSARRASIN, MOISSAC],
        ),
        service(
            "far",
            "Distribution alimentaire",
            "Colis gratuits.",
            code=CAUSSADE,
            zone_eligibilite=[CAUSSADE],
        ),
    )
    assert ids(engine.search("manger gratos moissac"))[:2] == ["serving", "far"]


def test_a_service_of_the_whole_departement_serves_every_commune(base):
    engine = base(
        service("dep", "Point conseil budget", zone_eligibilite=["82"]),
        service("france", "Ligne d'écoute budget", zone_eligibilite=["france"]),
        service("other", "Budget des familles", code=CAUSSADE, zone_eligibilite=[CAUSSADE]),
    )
    result = engine.search("budget", SearchFilters(commune=MOISSAC))
    local = {h.resource.id.removeprefix("t--"): h.local for h in result.hits}
    assert local == {"dep": True, "france": True}  # Caussade's one does not take her


def test_a_service_zoned_by_its_epcis_siren_serves_the_communes_of_that_epci(base):
    # data·inclusion names an EPCI by its SIREN: 200066322 is Terres des Confluences
    # (Moissac, Castelsarrasin), 248200057 the Quercy Caussadais.
    engine = base(
        service(
            "confluences", "Point conseil budget", code=MOISSAC, zone_eligibilite=["200066322"]
        ),
        service("caussadais", "Budget des familles", code=CAUSSADE, zone_eligibilite=["248200057"]),
    )
    for asked in (
        engine.search("budget", SearchFilters(commune=CASTELSARRASIN)),
        engine.search("budget castelsarrasin"),
    ):
        local = {h.resource.id.removeprefix("t--"): h.local for h in asked.hits}
        assert local.get("confluences") is True and not local.get("caussadais")
    assert engine.gazetteer.get(CASTELSARRASIN).epci_siren == "200066322"
    assert engine.gazetteer.epci_name("248200057") == "Communauté de communes du Quercy Caussadais"


def test_a_service_that_serves_the_person_outranks_a_closer_one_that_does_not(base):
    near = service("near", "Épicerie solidaire", code=MOISSAC, zone_eligibilite=[MOISSAC])
    far = service("far", "Épicerie solidaire", code=CAUSSADE, zone_eligibilite=["82"])
    engine = base(near, far)
    # From Castelsarrasin (next to Moissac): Moissac's épicerie is nearer, but only the one
    # open to the whole département serves her.
    result = engine.search("epicerie solidaire castelsarrasin")
    assert ids(result) == ["far", "near"]
    assert result.hits[0].local and not result.hits[1].local


def test_remote_services_are_at_hand_and_not_dropped_by_a_radius(base):
    engine = base(
        service(
            "phone",
            "Écoute santé mentale par téléphone",
            code=CAUSSADE,
            modes_accueil=["a-distance"],
            zone_eligibilite=["82"],
        ),
        service(
            "site",
            "Consultations en santé mentale",
            code=CAUSSADE,
            modes_accueil=["en-presentiel"],
            zone_eligibilite=["82"],
        ),
    )
    result = engine.search("sante mentale", SearchFilters(commune=MOISSAC, rayon_km=10))
    assert ids(result) == ["phone"]  # Caussade is 40 km away: the one to go to is out
    assert result.hits[0].distance_km == 0 and result.hits[0].remote_only


def test_without_any_serving_service_the_nearest_are_still_shown(base):
    engine = base(
        service("cau", "Atelier vélo", code=CAUSSADE, zone_eligibilite=[CAUSSADE]),
    )
    result = engine.search("velo", SearchFilters(commune=MOISSAC))
    assert ids(result) == ["cau"] and not result.hits[0].local


def test_synonyms_stemmed_by_a_former_version_are_reloaded_from_the_seed(tmp_path):
    from seed.loader import open_seeded_database

    path = tmp_path / "old.db"
    db = open_seeded_database(path, demo=False)
    # As the former stemmer wrote them ("logement" → "log"), with no format recorded.
    db.execute("UPDATE synonymes SET expansions = '[\"appart\", \"log\"]' WHERE terme = 'appart'")
    db.execute("DELETE FROM meta WHERE key = 'synonymes_format'")
    db.conn.commit()
    db.close()
    db = open_seeded_database(path, demo=False)
    row = db.execute("SELECT expansions FROM synonymes WHERE terme = 'appart'").fetchone()
    assert "loge" in row[0] and '"log"' not in row[0]
    db.close()


# -- words that say no need ------------------------------------------------------------------
def test_a_filler_word_is_not_read_as_the_words_a_typo_away(base):
    engine = base(service("epi", "Épicerie solidaire de la ville"))
    hits = engine.search("epicerie pour sa fille").hits
    assert [h.resource.id for h in hits] == ["t--epi"]
    assert all(m.query != "fille" for m in hits[0].matches)  # not "fille → ville"


def test_common_verbs_of_a_question_do_not_exclude_the_answer(base):
    engine = base(
        service("permis", "Aide au permis de conduire"),
        service("pret", "Microcrédit personnel", "Un prêt pour le permis de conduire."),
        service("facture", "Payer ses factures en ligne"),
    )
    found = ids(engine.search("pret pour payer le permis"))
    assert found[0] == "pret" and "permis" in found  # "payer" says no need
    assert "facture" not in found


def test_what_a_negation_says_is_missing_is_looked_for(base):
    engine = base(service("loc", "Voitures prêtées pour reprendre un emploi"))
    assert ids(engine.search("pas de voiture")) == ["loc"]


def test_the_service_for_a_need_is_shown_without_its_circumstances(base):
    engine = base(
        service("tad", "Transport à la demande", "Un minibus sur réservation."),
        service("bus", "Navette solidaire", "Des chauffeurs bénévoles pour les courses."),
    )
    # "navette" is a need of the thesaurus; "courses" and "village" say when and where.
    found = ids(engine.search("navette pour les courses au village"))
    assert found[0] == "bus" and "tad" in found


def test_a_local_entry_with_one_word_in_its_description_comes_before_a_far_one(base):
    engine = base(
        service("near", "Atelier cuisine", "Pour apprendre à tenir son budget.", code=MOISSAC),
        service("far", "Atelier cuisine et budget", code=CAUSSADE),
    )
    assert ids(engine.search("atelier cuisine budget moissac")) == ["near", "far"]


def test_a_local_entry_half_described_comes_before_one_not_serving_the_commune(
    base,
):
    """« épicerie solidaire à moissac »: the libre-service solidaire of Moissac, whose
    description says « épicerie », after the épicerie that serves Moissac and before one
    that does not serve it, however many of those there are."""
    far = [
        service(f"far{i}", "Épicerie solidaire", code=CAUSSADE, zone_eligibilite=[CAUSSADE])
        for i in range(30)
    ]
    engine = base(
        service("serving", "Épicerie solidaire", code=CASTELSARRASIN, zone_eligibilite=["82"]),
        service(
            "near",
            "Libre-service solidaire",
            "Des produits d'épicerie à petit prix.",
            code=MOISSAC,
            zone_eligibilite=[MOISSAC],
        ),
        *far,
    )
    found = ids(engine.search("epicerie solidaire a moissac", limit=5))
    assert found[:2] == ["serving", "near"] and found[2].startswith("far")


def test_france_is_not_the_french_language(base):
    engine = base(
        service("fs", "France Services", "Aide aux démarches en ligne."),
        service("fle", "Cours de français", "Apprendre la langue."),
    )
    assert ids(engine.search("cours de francais")) == ["fle"]
    assert ids(engine.search("france services")) == ["fs"]


def test_synonyms_the_seed_gains_reach_an_existing_base(tmp_path):
    from seed.loader import open_seeded_database

    path = tmp_path / "base.db"
    db = open_seeded_database(path, demo=False)
    db.execute("DELETE FROM synonymes WHERE terme = 'pro'")  # as a base made before it
    db.execute("UPDATE meta SET value = 'older' WHERE key = 'seeded_synonymes'")
    db.conn.commit()
    db.close()
    db = open_seeded_database(path, demo=False)
    row = db.execute("SELECT expansions FROM synonymes WHERE terme = 'pro'").fetchone()
    assert row is not None and "professionnel" in row[0]
    db.close()


def test_a_son_or_a_daughter_asks_for_a_service_for_children(base):
    engine = base(
        service("adult", "Consultations de psychologue", "Pour les adultes du secteur."),
        service("child", "Psychologue pour enfants et adolescents"),
    )
    assert ids(engine.search("son fils de 8 ans voit un psy"))[0] == "child"


def test_an_unknown_word_finds_what_sounds_like_it_beside_the_words_it_starts(base):
    engine = base(
        service("restos", "Les Restos : distribution de repas"),
        service("cuisine", "Formation en restauration collective"),
    )
    # "restau": the start of « restauration », and the sound of « restos ».
    assert set(ids(engine.search("restau"))) == {"restos", "cuisine"}


def test_castel_is_castelsarrasin(base):
    engine = base(service("pcb", "Point conseil budget", code="82033"))
    result = engine.search("pcb castel")
    assert result.commune is not None and result.commune.nom == "Castelsarrasin"
    assert ids(result) == ["pcb"]


def test_a_need_s_first_words_say_it_best(base):
    # « décrochage scolaire » means first the E2C, the Mission locale only fourth: an entry
    # that says the fourth everywhere does not outrank one that says the first.
    engine = base(
        service(
            "ml",
            "Permanence Mission Locale",
            "La mission locale reçoit les jeunes.",
            binome={"mots_cles": ["mission locale"]},
        ),
        service("e2c", "Parcours E2C", "L'école de la deuxième chance."),
        service("cej", "Contrat d'engagement (CEJ)", "Pour les jeunes sans diplôme."),
    )
    assert ids(engine.search("decrochage scolaire"))[:2] == ["e2c", "ml"]


def test_tion_sounds_like_sion():
    assert phonetic("alocassion") == phonetic("allocation")
    assert phonetic("mediassion") == phonetic("mediation")


def test_doing_it_alone_is_not_loneliness(base):
    others = [service(f"o{i}", f"Permanence {i}", "Sur rendez-vous.") for i in range(12)]
    engine = base(
        service("num", "Ateliers numériques pour débutants", "Apprendre internet pas à pas."),
        service("lien", "Rompre l'isolement", "Des visites pour les personnes seules."),
        *others,  # "seule" is a rare word, one that says a need
    )
    result = engine.search("elle voudrait apprendre internet toute seule")
    assert ids(result) == ["num"]
    assert result.hits[0].missing == [] and not result.relaxed  # "seule" is no word it lacks
    assert ids(engine.search("personne agee seule"))[0] == "lien"  # alone, she is lonely


def test_a_word_typed_too_fast_is_read_as_the_word_it_shortens(base):
    engine = base(
        service("epi", "Épicerie solidaire", "Des courses à petit prix."),
        service("garage", "Garage solidaire", "Réparations à petit prix."),
        service("proches", "Soutien des proches aidants"),
    )
    # « epicry »: beyond the typo budget and sounding otherwise, but every letter of
    # « épicerie » but one, in order: the épicerie first, not whatever says « solidaire ».
    result = engine.search("epicry solidere")
    assert ids(result)[0] == "epi"
    assert result.hits[0].missing == []
    # A word of its own is not read as a shorter one that starts the same way: « la
    # semaine prochaine » says when, not « proches ».
    result = engine.search("epicerie la semaine prochaine")
    assert ids(result) == ["epi"] and result.hits[0].missing == []


def test_the_words_as_typed_come_before_what_they_mean(base):
    # « greta » is in the base as typed: the GRETA's own courses before the titres
    # professionnels its synonyms name (a better-scored name).
    engine = base(
        service("fle", "Cours de français pour adultes", binome={"mots_cles": ["GRETA"]}),
        service("titres", "Titres professionnels du bâtiment"),
    )
    assert ids(engine.search("greta"))[:2] == ["fle", "titres"]
    # « chantier d'insertion »: the chantiers before the entreprise d'insertion that the need
    # also means, whose name says « insertion ».
    engine = base(
        service("aci", "Emploi en maraîchage", binome={"mots_cles": ["chantier d'insertion"]}),
        service("ei", "Emploi en entreprise d'insertion"),
    )
    assert ids(engine.search("chantier d'insertion"))[:2] == ["aci", "ei"]


def test_among_entries_missing_a_word_the_one_missing_least_comes_first(base):
    # "colo pour les enfants pas cher": the holidays service lacks « pas cher »; the
    # épiceries solidaires lack « colo » and « enfants » (a word many entries have, in a
    # sentence that says a need: it weighs less, but it weighs). Both lack a word that says
    # the need; the one that lacks less of the query comes first, however well the other's
    # name matches.
    engine = base(
        service(
            "vac",
            "Aide aux vacances des familles",
            "Une colonie pour les enfants.",
            binome={"mots_cles": ["colonie"]},
        ),
        *[service(f"epi{i}", f"Épicerie solidaire {i}", "Des courses.") for i in range(3)],
        *[service(f"garde{i}", f"Halte-garderie {i}", "Pour les enfants.") for i in range(3)],
    )
    result = engine.search("colo pour les enfants pas cher")
    assert ids(result)[0] == "vac"
    assert result.hits[0].missing == ["pas cher"]


def test_a_lay_word_misspelt_is_understood_when_the_base_never_writes_it(base):
    # « nourrice » is a word of the thesaurus of needs, not of the base (it says
    # « assistante maternelle »): misspelt, it is still that need.
    engine = base(
        service("rpe", "Relais petite enfance", "Trouver une assistante maternelle."),
        service("garage", "Garage solidaire"),
    )
    assert ids(engine.search("nourice")) == ["rpe"]
    assert ids(engine.search("nourice", typing=True)) == ["rpe"]
    # A word of the base a typo away is what a misspelt word means first.
    engine = base(service("ville", "Ville de Moissac : services"), service("rpe2", "Crèche"))
    assert ids(engine.search("villle"))[0] == "ville"


def test_in_a_sentence_a_need_said_in_one_word_outweighs_a_common_word(base):
    # "elle veut divorcer, qui peut la conseiller": « conseiller » is in most entries'
    # names; the family-law service that says « divorce » but not « conseiller » comes
    # before the entries with « conseiller » and the need only loosely (in a description).
    engine = base(
        service("cidff", "Information juridique des familles", binome={"mots_cles": ["divorce"]}),
        service(
            "justice",
            "Point justice",
            "Pension alimentaire, litiges.",
            binome={"mots_cles": ["conseiller juridique"]},
        ),
        *[service(f"num{i}", f"Ateliers avec le conseiller numérique {i}") for i in range(4)],
        *[service(f"o{i}", f"Permanence {i}", "Sur rendez-vous.") for i in range(12)],
    )
    assert ids(engine.search("elle veut divorcer qui peut la conseiller"))[0] == "cidff"
    # Among keywords, every word still counts in full.
    assert ids(engine.search("divorce conseiller"))[0] != "cidff"


def test_a_verb_meets_the_noun_made_from_it(base):
    # "s'inscrire" and « inscription » stem apart (« inscrir », « inscript »): the service
    # whose name says « inscription » has every word, before those that lack one.
    engine = base(
        service("insc", "Inscription et accompagnement vers l'emploi - France Travail"),
        service("form", "Financer sa formation avec France Travail"),
        service("mob", "Aides à la mobilité de France Travail"),
    )
    result = engine.search("s'inscrire a france travail")
    assert ids(result)[0] == "insc" and result.hits[0].missing == []
    # A noun is not a verb: « domicile » does not mean « domiciliation ».
    engine = base(
        service("dom", "Domiciliation administrative"),
        service("sad", "Aide à domicile des personnes âgées"),
    )
    assert ids(engine.search("domicile")) == ["sad"]


def test_a_verb_meets_its_learned_noun(base):
    # « reconnaître » and « reconnaissance », « conduire » and « conduite »: the noun is made
    # from another root than the infinitive's, which a derivation rule gives.
    engine = base(
        service("rqth", "Reconnaissance de la qualité de travailleur handicapé"),
        service("loisirs", "Loisirs adaptés", "Sorties pour personnes en situation de handicap."),
        service("permis", "Leçons de conduite accompagnée"),
        service("code", "Code de la route"),
    )
    result = engine.search("faire reconnaitre son handicap")
    assert ids(result)[0] == "rqth" and result.hits[0].missing == []
    assert ids(engine.search("apprendre a conduire"))[0] == "permis"
    # The rule only reaches nouns the base writes, from a root of six letters at least:
    # « mettre » is not « mission ».
    engine = base(service("mission", "Mission locale"), service("meuble", "Mettre en meublé"))
    assert "mission" not in ids(engine.search("mettre"))


def test_a_need_said_with_a_synonym_of_its_words(base):
    # The thesaurus says « reprendre un emploi »; the person says "reprendre le boulot",
    # whose first synonym is « emploi »: the need, and what the services call it.
    engine = base(
        service("retour", "Retour à l'emploi des parents"),
        service("boulot", "Petits boulots en association intermédiaire"),
        service("etudes", "Reprendre ses études"),
    )
    result = engine.search("reprendre le boulot")
    assert ids(result)[0] == "retour" and result.hits[0].missing == []


def test_a_need_said_with_a_missing_word_and_a_synonym(base):
    # The thesaurus says « plus d'argent »; the person says "il a plus de fric", whose
    # first synonym is « argent »: « plus » says the money is missing, though elsewhere it
    # is a filler (« plus » as « davantage »).
    engine = base(
        service("urgence", "Aides financières d'urgence du CCAS"),
        service("budget", "Atelier cuisine petit budget", "Cuisiner sans dépenser d'argent."),
        *[service(f"o{i}", f"Permanence {i}", "Sur rendez-vous.") for i in range(12)],
    )
    for said in ("il a plus de fric", "elle a plus de pognon pour payer"):
        result = engine.search(said)
        assert ids(result)[0] == "urgence", said
        assert result.hits[0].missing == []


def test_the_familiar_words_of_an_interview_mean_the_usual_ones(base):
    # What people say in an interview, in their own words (seed/data/synonymes.json): the
    # base writes « médecin », « amis », « chômage ».
    engine = base(
        service("soins", "Permanence d'accès aux soins", "Pour qui n'a pas de médecin traitant."),
        service("siao", "Demande SIAO : hébergement", "Pour qui dort chez des amis."),
        service("ft", "Inscription à France Travail", binome={"mots_cles": ["chômage"]}),
        *[service(f"o{i}", f"Permanence {i}", "Sur rendez-vous.") for i in range(12)],
    )
    assert ids(engine.search("il trouve pas de toubib"))[0] == "soins"
    assert ids(engine.search("il dort chez un pote"))[0] == "siao"
    assert ids(engine.search("il est au chomdu"))[0] == "ft"
    # « piaule » is one letter from « pilule », a lay word of the thesaurus (« santé
    # sexuelle »), that the base never writes: a synonym, a room.
    engine = base(
        service("fjt", "Foyer de jeunes travailleurs : logement", "Une chambre meublée."),
        service("ss", "Santé sexuelle", "Contraception et dépistage."),
    )
    assert ids(engine.search("elle cherche une piaule")) == ["fjt"]
    # « daron » is her father, said in the family's words: a filler as « père » is, not
    # « Garonne » a letter away.
    engine = base(
        service("garonne", "Aide aux familles de Tarn-et-Garonne", "Écoute des familles."),
        service("soins", "Mission accompagnement santé", "Pour les personnes malades."),
    )
    assert ids(engine.search("son daron est malade"))[0] == "soins"
    # « fiston » is her son (a service for the young), not « piston » a letter away, a
    # lay word of the thesaurus (« pas de piston »: a network for a job).
    engine = base(
        service("parrain", "Parrainage vers l'emploi", "Un réseau pour trouver un travail."),
        service("ado", "Accueil et écoute des adolescents", "Pour les jeunes et leurs parents."),
    )
    found = ids(engine.search("son fiston va mal"))
    assert found[0] == "ado" and "parrain" not in found


def test_a_negation_is_about_the_word_right_after_it(base):
    # "elle n'a pas de papiers" is the rights of foreigners; "elle sait pas se servir
    # d'internet pour ses papiers" is her online forms: the « pas » is the verb's.
    engine = base(
        service("sejour", "Permanence d'accès aux droits des étrangers : titre de séjour"),
        service(
            "fs", "Aide aux démarches administratives et en ligne", "Vos papiers sur internet."
        ),
    )
    assert ids(engine.search("elle sait pas se servir d'internet pour ses papiers"))[0] == "fs"
    assert ids(engine.search("elle a pas de papiers"))[0] == "sejour"
    assert ids(engine.search("il a pas encore ses papiers"))[0] == "sejour"


def test_a_need_said_with_a_verb_is_the_need_its_noun_says(base):
    # The thesaurus says « coupure de courant »; the person says "on lui a coupé le
    # courant" (« coupé » and « coupure » stem apart, and « coupé » alone meets « coups »).
    engine = base(
        service("fsl", "Fonds de solidarité logement : énergie", "Factures d'énergie impayées."),
        service("coups", "Aide aux victimes de coups et blessures"),
        service("cours", "Cours de français courant"),
    )
    assert ids(engine.search("on lui a coupé le courant"))[0] == "fsl"


def test_being_alone_is_loneliness(base):
    others = [service(f"o{i}", f"Permanence {i}", "Sur rendez-vous.") for i in range(12)]
    engine = base(
        service("num", "Ateliers numériques pour débutants", "Apprendre internet pas à pas."),
        service("lien", "Rompre l'isolement", "Des visites pour les personnes seules."),
        *others,
    )
    # « elle est toute seule », « il vit tout seul »: how she lives, not how she does it.
    assert ids(engine.search("elle est toute seule a la campagne"))[0] == "lien"
    assert ids(engine.search("il vit tout seul"))[0] == "lien"
    assert ids(engine.search("elle voudrait apprendre internet toute seule")) == ["num"]


def test_lessons_shopping_and_current_are_different_words(base):
    # « cours », « courses », « courant »: one stem for Snowball, three words for a person.
    assert len({stem("cours"), stem("courses"), stem("courant")}) == 3
    assert stem("course") == stem("courses")
    engine = base(
        service("epi", "Épicerie solidaire", binome={"mots_cles": ["courses"]}),
        service("auto", "Auto-école sociale : leçons de conduite", "Code et cours de conduite."),
        service("fle", "Cours de français"),
        *[service(f"o{i}", f"Permanence {i}", "Sur rendez-vous.") for i in range(20)],
    )
    assert ids(engine.search("cours de conduite pas cher"))[0] == "auto"
    assert "epi" not in ids(engine.search("cours de français"))


def test_a_need_the_base_never_writes_also_means_what_its_synonyms_say(base):
    # "ordi" is a need of the thesaurus (« numérique ») and a synonym (« ordinateur »); the
    # base never writes « ordi »: both meanings count, the need's first.
    engine = base(
        service("num", "Ateliers numériques"),
        service("init", "Initiation à l'ordinateur pour débutants"),
        service("garage", "Garage solidaire"),
    )
    found = ids(engine.search("ne sait pas se servir d'un ordi"))
    assert found[:2] == ["num", "init"]


# -- the words as typed before their meaning -------------------------------------------------
def test_among_entries_missing_the_same_word_the_one_with_the_word_as_typed_comes_first(base):
    # "harcèlement à l'école": no entry has both words. Of those without « école », the one
    # whose keywords say « harcèlement » comes before those the need behind the word means
    # (violences, victimes), whatever their names weigh.
    ado = {"mots_cles": ["harcèlement"]}
    engine = base(
        service("autoecole", "Auto-école sociale", "Leçons de conduite."),
        service("victimes", "Aide aux victimes de violences", "Écoute et droits."),
        service("femmes", "Accueil des femmes victimes de violences", "Un lieu sûr."),
        service("ado", "Écoute des adolescents", "Un ado qui va mal.", binome=ado),
    )
    found = ids(engine.search("harcelement a l'ecole"))
    assert found.index("ado") < min(found.index("victimes"), found.index("femmes"))


def test_entries_with_other_words_keep_their_place(base):
    # An entry missing another word is not moved by it: the auto-école (« école » in its
    # name, no « harcèlement ») stays where its match puts it, before the keyword match;
    # and a word no entry has as typed costs nothing ("mal aux dents": the dental care the
    # need means, before the entry that says « argent » in its description).
    ado = {"mots_cles": ["harcèlement"]}
    engine = base(
        service("autoecole", "Auto-école sociale", "Leçons de conduite."),
        service("ado", "Écoute des adolescents", "Un ado qui va mal.", binome=ado),
        service("dents", "Soins dentaires sans dépassement", "Un dentiste."),
        service("budget", "Atelier budget", "Gérer son argent au quotidien."),
    )
    assert ids(engine.search("harcelement a l'ecole"))[:2] == ["autoecole", "ado"]
    assert ids(engine.search("mal aux dents pas d'argent"))[0] == "dents"


def test_a_need_said_one_way_finds_the_entry_that_says_it_another_way(base):
    # « endetté » and « dettes » say the same need in the thesaurus: an entry whose keywords
    # say « dettes » has the word "endetté" (not missing it), as it has « surendettement ».
    engine = base(
        service("msa", "Accompagnement des agriculteurs", binome={"mots_cles": ["dettes"]}),
        service("pcb", "Point conseil budget", "Surendettement et budget."),
        service("agri", "Formation des agriculteurs", "Des stages."),
    )
    hits = {h.resource.id.removeprefix("t--"): h for h in engine.search("agriculteur endetté").hits}
    assert hits["msa"].missing == []
    assert ids(engine.search("agriculteur endetté"))[0] == "msa"


def test_boulot_is_work_in_general_not_only_the_insertion_missions(base):
    # « boulot » alone is any job (its synonyms: « emploi »…), not only the missions of the
    # associations intermédiaires that « petits boulots » means.
    engine = base(
        service("parrain", "Parrainage vers l'emploi", binome={"mots_cles": ["parrain"]}),
        service("ai", "Missions de travail en association intermédiaire"),
        service("dating", "Job dating", binome={"mots_cles": ["boulot", "recrutement"]}),
    )
    hits = {
        h.resource.id.removeprefix("t--"): h
        for h in engine.search("un parrain pour trouver du boulot").hits
    }
    assert hits["parrain"].missing == []
    assert ids(engine.search("un parrain pour trouver du boulot"))[0] == "parrain"
    assert ids(engine.search("petits boulots"))[0] == "ai"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("elle a peur de son conjoint", {"violences"}),  # fear of the partner: violence
        ("il boit", {"alcool", "addicto"}),
        ("sans un sou", {"urgence"}),
        ("accro au cannabis", {"addicto"}),
        ("epicerie ambulante", {"roues"}),  # « ambulant » is « itinérant »
        ("travailler dans le maraichage", {"emploi"}),  # « travailler » is « emploi »
    ],
)
def test_lay_words_of_a_need(base, query, expected):
    engine = base(
        service("violences", "Accueil des femmes victimes de violences"),
        service("alcool", "Groupes de parole alcool"),
        service("urgence", "Aides financières d'urgence du CCAS"),
        service("addicto", "Consultations en addictologie"),
        service("roues", "Aide alimentaire itinérante en milieu rural"),
        service("autre", "Atelier de couture"),
        service("jardin", "Maraîchage au jardin partagé"),
        service("europe", "Travailler en Europe"),
        service("emploi", "Emploi en maraîchage et légumerie"),
    )
    assert ids(engine.search(query))[0] in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Paying the deposit is the FSL's « dépôt de garantie », not the deposit a landlord
        # keeps (the ADIL's « caution »).
        ("aide pour payer la caution d'un appart", "fsl"),
        ("il joue au poker en ligne", "addicto"),  # not « en ligne »: the online services
        ("problème avec ses voisins", "justice"),
        ("elle veut changer de voie", "cep"),
        ("reprendre un travail après un congé parental", "reprise"),
        # Being retired says who she is, not that she asks for her retirement file.
        ("à la retraite et veut aider les autres", "benevolat"),
    ],
)
def test_needs_as_a_field_worker_hears_them(base, query, expected):
    engine = base(
        service("fsl", "Fonds de solidarité logement", "Aide à l'accès : dépôt de garantie."),
        service("adil", "Droits des locataires", "Caution non rendue, bail."),
        service("addicto", "Consultations en addictologie", "Alcool, drogues, jeux d'argent."),
        service("numerique", "Démarches en ligne", "Faire ses démarches en ligne."),
        service("justice", "Point justice", "Juriste : conflits de voisinage, dettes."),
        service("jardin", "Jardins partagés entre voisins"),
        service("cep", "Conseil en évolution professionnelle", "Reconversion, CPF."),
        service("reprise", "Retour à l'emploi des femmes", "Reprise d'emploi après une pause."),
        service("creche", "Crèche", "Soutien à la parentalité."),
        service("benevolat", "Trouver une mission de bénévolat"),
        service("retraite", "Aide aux démarches : dossier de retraite", "Démarches."),
    )
    assert ids(engine.search(query))[0] == expected


def test_adverbs_of_a_sentence_weigh_as_fillers(base):
    # « plein » says how much, not « plainte » (its sound); « après » says when.
    engine = base(
        service("adil", "Logement insalubre : droits des locataires", "Moisissures, humidité."),
        service("plainte", "Aide aux victimes", "Porter plainte, être accompagné."),
    )
    result = engine.search("plein de moisissures")
    assert ids(result)[0] == "adil"
    assert "plainte" not in ids(result)


def test_ete_after_avoir_is_the_participle_not_summer(base):
    engine = base(
        service("cep", "Conseil en évolution professionnelle", "Reconversion, changer de métier."),
        service("job", "Jobs d'été pour les jeunes", "Trouver un job d'été."),
    )
    assert ids(engine.search("elle a été licenciée et veut changer de métier"))[0] == "cep"
    assert ids(engine.search("job d'été"))[0] == "job"  # summer is still summer


def test_a_well_spelt_lay_word_is_not_read_as_a_typo(base):
    # « bruit » (of the neighbours) is a word the thesaurus knows and the base never writes:
    # not « fruit », a letter away.
    engine = base(
        service("justice", "Point justice", "Juriste : conflits de voisinage."),
        service("fruits", "Cueillette des fruits", "Emplois saisonniers : fruits."),
    )
    parsed = engine.parse("le bruit")
    assert parsed.groups == [] and parsed.ignored == ["bruit"]
    assert ids(engine.search("voisins qui font du bruit"))[0] == "justice"


def test_among_entries_missing_a_word_a_description_only_match_comes_after(base):
    # Neither has « tutelle »: the entry that says « handicap » in its name and keywords
    # comes before the one that mentions it, and « jeunes », in its description only.
    engine = base(
        service(
            "civique",
            "Missions de volontariat",
            "Pour les jeunes, jusqu'à 30 ans en situation de handicap.",
        ),
        service("mdph", "Accueil MDPH : droits liés au handicap"),
        service("tutelle", "Curatelle et tutelle des majeurs", "Information des familles."),
    )
    order = ids(engine.search("tutelle pour son fils handicapé"))
    assert order.index("mdph") < order.index("civique")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("il cherche un appartement", "hlm"),
        ("refaire sa carte d'identité", "fs"),
        ("son ado est accro aux jeux vidéo", "cjc"),
        ("elle a des idées suicidaires", "cmp"),
        ("trouver une alternance", "ml"),
        ("hôpital sans couverture sociale", "pass"),
        ("une nounou pour reprendre un travail", "relais"),  # « reprise d'emploi »
    ],
)
def test_more_needs_as_a_field_worker_hears_them(base, query, expected):
    engine = base(
        service("hlm", "Demande de logement social (HLM)", "Déposer une demande de logement."),
        service("fs", "France Services", "Papiers d'identité, démarches en ligne (ANTS)."),
        service("cjc", "Consultation jeunes consommateurs", "Cannabis, écrans, jeux vidéo."),
        service("cmp", "CMP adultes : santé mentale", "Dépression, idées noires."),
        service("ml", "Mission locale", "Emploi, alternance et apprentissage des 16-25 ans."),
        service("autre", "Atelier de couture"),
        service("pass", "Permanence d'accès aux soins (PASS)", "Soins à l'hôpital, sans droits."),
        service("social", "Accueil social", "Une assistante sociale reçoit à l'hôpital."),
        service("relais", "Garde d'enfants des parents en reprise d'emploi", "Une nounou."),
        service("nounous", "Relais petite enfance", "Les nounous, le travail des parents."),
    )
    assert ids(engine.search(query))[0] == expected


def test_ptit_dej_is_typed_as_in_a_text_message(base):
    engine = base(
        service("dej", "Accueil de jour", "Café et petit-déjeuner offerts, douche."),
        service("midi", "Déjeuner solidaire", "Un déjeuner chaud à petit prix."),
    )
    # « petit-déjeuner », not the lunch (« déjeuner ») its last word starts
    assert ids(engine.search("ptit dej"))[0] == "dej"


def test_s_en_sortir_says_she_cannot_cope_not_a_way_out(base):
    engine = base(
        service("pcb", "Point conseil budget", "Dettes, surendettement, budget."),
        service("sorties", "Sorties familles", "Des sorties à petit prix et les dettes de jeu."),
    )
    # « sort » of « s'en sort plus » is no word of the query: the need « dettes » is.
    assert ids(engine.search("des dettes partout il s'en sort plus"))[0] == "pcb"
    parsed = engine.parse("des dettes partout il s'en sort plus")
    assert all("sort" not in g.text.split() for g in parsed.groups)


def test_trop_and_the_week_end_say_how_much_and_when_not_what(base):
    engine = base(
        service("restos", "Distribution alimentaire des Restos du cœur"),
        service("garde", "Garde d'enfants le week-end", "Garde le soir et le week-end."),
        service("pcb", "Point conseil budget", "Trop de dettes, de crédits."),
    )
    assert ids(engine.search("pas de quoi manger ce week end"))[0] == "restos"
    weights = {g.text: g.weight for g in engine.parse("trop de dettes").groups}
    assert weights["trop"] < 1.0
    engine = base(
        service("renov", "Rénover son logement", "Isolation, chauffage."),
        service("hiver", "Renfort hivernal", "Des places en hiver."),
    )
    query = "maison mal isolée elle a froid tout l'hiver"
    assert {g.text: g.weight for g in engine.parse(query).groups}["hiver"] < 1.0
    assert ids(engine.search(query))[0] == "renov"


def test_a_need_said_twice_is_one_need_beside_the_other_words(base):
    engine = base(
        service("location", "Location solidaire de scooters", "Pour un stage, un emploi."),
        service("stages", "Stages en entreprise", "Des stages, pour les jeunes sans voiture."),
        service("aci", "Chantier d'insertion", "Un contrat d'insertion en espaces verts."),
    )
    parsed = engine.parse("ni voiture ni permis pour aller a son stage")
    needs = [g for g in parsed.groups if any(a.how == "besoin" for a in g.alternatives)]
    assert len(needs) == 1 and needs[0].text == "pas voiture pas permis"
    # Two single words of one need side by side stay two words (« chantier d'insertion »).
    assert len(engine.parse("chantier d'insertion").groups) == 2


def test_alone_after_to_feel_is_loneliness(base):
    engine = base(
        service("cafe", "Cafés-rencontres contre l'isolement", "Rompre la solitude."),
        service("sante", "Centre de santé", "Consultations sans rendez-vous."),
    )
    assert ids(engine.search("il se sent tout seul"))[0] == "cafe"


def test_a_house_badly_insulated_is_not_a_person_isolated(base):
    engine = base(
        service("renov", "Rénover son logement : isolation", "Travaux d'isolation, chauffage."),
        service("isol", "Rompre l'isolement", "Pour les personnes isolées."),
    )
    assert ids(engine.search("maison mal isolée elle a froid")) == ["renov"]


def test_a_sentence_with_two_needs_shows_each_need_in_turn(base):
    engine = base(
        service("ft1", "Inscription à France Travail - Montauban", "Un conseiller emploi."),
        service("ft2", "Inscription à France Travail - Moissac", "Un conseiller emploi."),
        service("ft3", "Inscription à France Travail - Caussade", "Un conseiller emploi."),
        service("fsl", "Fonds de solidarité logement (FSL)", "Impayés de loyer."),
        service("adil", "Impayés de loyer et expulsions", "Un juriste du logement."),
    )
    order = ids(engine.search("il a perdu son emploi et peut plus payer son loyer"))
    # The best for the job, the best for the rent, then the next of each.
    assert set(order[:2]) == {"ft1", "fsl"} or set(order[:2]) == {"ft1", "adil"}
    assert {"fsl", "adil"} & set(order[:3]) and "ft1" in order[:2]


def test_an_entry_with_both_needs_in_its_description_only_follows_those_that_answer_one(base):
    engine = base(
        service("cmp", "Consultations en santé mentale (CMP)", "Dépression, angoisse."),
        service("med", "Médiation familiale : séparation", "Parents qui se séparent."),
        service("vic", "Aide aux victimes", "Une psychologue, et les séparations difficiles."),
        # Other entries: « séparation » is a word few of them have, as in a real base.
        *(service(f"autre{i}", f"Atelier de couture {i}") for i in range(40)),
    )
    # Two needs said side by side (« depuis la séparation » would say why she is low).
    order = ids(engine.search("elle deprime et la separation se passe mal"))
    assert set(order[:2]) == {"cmp", "med"} and order[2] == "vic"
    # Since when she is low is the context of her low mood: the care for it first.
    assert ids(engine.search("elle deprime depuis la separation"))[0] == "cmp"


def test_what_a_service_is_like_is_no_second_need(base):
    # « pas cher », « jeune » say the price or the public: "vêtements pas chers" is one
    # need, its entries in their own order.
    engine = base(service("vest", "Vestiboutique : vêtements à petits prix"))
    parsed = engine.parse("vetements pas chers pour un jeune")
    qualifiers = [g.text for g in parsed.groups if g.qualifier]
    assert "pas chers" in qualifiers


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mamie tombe chez elle", "seniors"),  # family words: « personnes âgées »
        ("papy a besoin d'aide", "seniors"),  # not the « papiers » a sound away
        ("il sort de taule", "spip"),  # slang for prison
        ("il a un casier judiciaire", "spip"),
        ("son chef la harcèle au travail", "justice"),  # the workplace, not the couple
        ("il entend des voix", "cmp"),
        ("elle est enceinte et sait pas si elle veut le garder", "ivg"),
        ("la maison est pleine d'humidité", "adil"),
        ("il tourne en rond toute la journée", "benevolat"),
        ("il veut ouvrir un food truck", "bge"),
        ("monsieur en fauteuil roulant", "mdph"),
        ("il a plus un rond", "ccas"),
        ("dort dans sa bagnole", "115"),  # a synonym of « voiture »
        ("la petite a pas fait ses vaccins", "pmi"),
        ("sa mère peut plus se faire à manger", "seniors"),
        ("il a perdu son permis", "mobilite"),
        ("son gamin fait des crises", "cmpea"),
        ("elle voudrait voir ses petits enfants", "mediation"),
    ],
)
def test_needs_in_the_words_of_an_interview(base, query, expected):
    engine = base(
        service("seniors", "Maintien à domicile des personnes âgées", "Portage de repas."),
        service("papiers", "Aide aux papiers administratifs", "Démarches, papiers."),
        service("spip", "Insertion des sortants de prison", "Personnes sous main de justice."),
        service("justice", "Point justice : droit du travail", "Un juriste, le harcèlement."),
        service("cmp", "CMP adultes : santé mentale", "Troubles psychiatriques."),
        service("ivg", "Contraception et IVG", "Grossesse non prévue, santé sexuelle."),
        service("creche", "Garder son enfant : crèche", "Garde des enfants."),
        service("adil", "Droits des locataires (ADIL)", "Logement indécent ou insalubre."),
        service("benevolat", "Trouver une mission de bénévolat", "Donner de son temps."),
        service("bge", "Créer son entreprise (BGE)", "Création d'entreprise."),
        service("mdph", "Accueil MDPH", "Droits liés au handicap, RQTH."),
        service("ccas", "Aides financières d'urgence du CCAS", "Secours d'urgence."),
        service("115", "115 : hébergement d'urgence", "Mise à l'abri, maraude."),
        service("voiture", "Vente de voitures d'occasion", "Des voitures révisées."),
        service("pmi", "Consultations de PMI", "Vaccinations des bébés, puéricultrice."),
        service("mobilite", "Conseil en mobilité", "Location solidaire, transport à la demande."),
        service("cmpea", "Consultations pour enfants", "Orthophonistes, difficulté psychique."),
        service("mediation", "Médiation familiale", "Parents, grands-parents en conflit."),
    )
    assert ids(engine.search(query))[0] == expected


def test_of_words_a_typo_away_the_one_that_sounds_as_typed_comes_first(base):
    engine = base(
        service("appart", "Louer un appartement", "Un appart à loyer modéré."),
        service("part", "Partir en vacances", "Une part des frais, la part des familles."),
    )
    close = [w for w, _ in engine.vocabulary.close_words("apart")]
    assert close[0] == "appart"


def test_beside_two_needs_the_other_words_say_the_context(base):
    engine = base(
        service("coach", "Emploi accompagné : un job coach", "Handicap psychique, santé mentale."),
        service("cattp", "Activités thérapeutiques", "Sorties, santé mentale, psychiatrie."),
        *(service(f"autre{i}", f"Atelier de couture {i}") for i in range(40)),
    )
    query = "il sort de l'hopital psy et veut un travail adapte"
    parsed = engine.parse(query)
    engine._weigh_context(parsed.groups)
    assert {g.text: g.weight for g in parsed.groups}["sort"] < 1.0
    # The job coach answers a need; the outings (« sorties ») only the context.
    assert ids(engine.search(query))[0] == "coach"


def test_to_feel_and_to_pass_are_verbs_not_health_or_the_pass(base):
    engine = base(
        service("pass", "Permanence d'accès aux soins (PASS)", "Santé sans droits."),
        service("tad", "Transport à la demande", "Un minibus dans les villages."),
    )
    parsed = engine.parse("le bus passe pas dans son village")
    assert all("soin" not in a.tokens for g in parsed.groups for a in g.alternatives)
    assert ids(engine.search("le bus passe pas dans son village"))[0] == "tad"


def test_a_word_common_in_french_is_no_misspelling_of_a_word_of_the_base(base):
    from ressources.text import common_french_words

    assert {"entend", "taule", "sable"} <= common_french_words()
    assert "budjet" not in common_french_words()  # a misspelling stays one
    engine = base(
        service("table", "Table d'hôtes solidaire", "Un repas à la table commune."),
        service("sport", "Sport pour tous", "Jeux de ballon."),
    )
    # « sable » is said well: not « table » one letter away (the base has no sand).
    parsed = engine.parse("du sable pour le jardin")
    assert "sable" in parsed.ignored
    assert all("tabl" not in a.tokens for g in parsed.groups for a in g.alternatives)
    # A misspelling is still read as the word of the base.
    assert ids(engine.search("tabble d'hotes")) == ["table"]


def test_the_auxiliaries_of_a_question_weigh_as_fillers(base):
    engine = base(
        service("css", "Complémentaire santé solidaire", "Une mutuelle pour ceux qui ont peu."),
        service("ont", "Ils ont vingt ans", "Ceux qui doivent partir."),
    )
    weights = {g.text: g.weight for g in engine.parse("une mutuelle pour ceux qui ont peu").groups}
    assert weights["ont"] < 1.0 and weights["mutuelle"] == 1.0
    assert ids(engine.search("il doit trouver une mutuelle"))[0] == "css"


def test_a_word_of_french_typed_whole_is_not_the_start_of_longer_words(base):
    engine = base(
        service("machine", "Électroménager d'occasion", "Machine à laver, frigo."),
        service("soutien", "Soutien scolaire", "Soutien aux devoirs, une machine à café."),
        service("garantie", "Garantie de loyer", "Une garantie pour louer."),
    )
    # « sou », typed whole before other words, is a coin: not « soutien ».
    parsed = engine.parse("pas un sou pour une machine a laver", typing=True)
    assert all("soutien" not in a.tokens for g in parsed.groups for a in g.alternatives)
    assert ids(engine.search("plus un sou pour une machine a laver", typing=True))[0] == "machine"
    # Being typed, it may still be the start of one.
    last = engine.parse("soutien sou", typing=True).groups[-1]
    assert any("soutien" in a.tokens for a in last.alternatives)
    # A word of French still meets its own family, a few letters longer (« garantie »).
    parsed = engine.parse("un garant pour louer", typing=True)
    assert any("garant" in a.tokens for g in parsed.groups for a in g.alternatives)


def test_no_word_is_being_typed_before_a_commune_typed_last(base):
    engine = base(
        service("colis", "Colis alimentaires", "Aide alimentaire.", code=MOISSAC),
        service("pres", "Présentation des métiers", "Aide à la présentation.", code=MOISSAC),
    )
    # « près » before « moissac » was typed whole: not the start of « présentation ».
    parsed = engine.parse("aide alimentaire pres moissac", typing=True)
    assert all("present" not in a.tokens for g in parsed.groups for a in g.alternatives)
    assert ids(engine.search("colis pres moissac", typing=True))[0] == "colis"
    # The last word typed, when no commune follows it, still is.
    parsed = engine.parse("moissac pres", typing=True)
    assert any(a.how == "début de mot" for g in parsed.groups for a in g.alternatives)


def test_what_one_says_while_thinking_weighs_nothing(base):
    engine = base(
        service("115", "Hébergement d'urgence (115)", "Une mise à l'abri pour la nuit."),
        service("coups", "Victimes de violences", "Coups, menaces, harcèlement."),
        service("bons", "Bons alimentaires", "Un bon pour les courses."),
    )
    # « du coup » is no blow, « bon ben » no voucher: the shelter, nothing else first.
    query = "bon ben du coup il lui faudrait un hebergement d'urgence"
    assert ids(engine.search(query))[0] == "115"
    parsed = engine.parse(query)
    assert all("coup" not in a.tokens for g in parsed.groups for a in g.alternatives)
    assert all(g.text not in ("bon", "ben") for g in parsed.groups)
    # Hesitations, numbers said as words and where one is around weigh as fillers.
    weights = {g.text: g.weight for g in engine.parse("euh deux nuits pres de chez lui").groups}
    assert weights.get("euh", 0) < 1 and weights.get("deux", 0) < 1 and weights.get("pres", 0) < 1
    # « bon » before a word that is no filler is still a voucher.
    assert ids(engine.search("bon alimentaire"))[0] == "bons"


def test_how_far_away_weighs_as_a_filler(base):
    engine = base(
        service("mobil", "Bilan mobilité", "Pour se déplacer sans voiture."),
        service("velo", "Vélos en location", "Pour les trajets de moins de 20 km."),
    )
    # « à 20 km » says how far the work is, not the service: the mobility first.
    assert ids(engine.search("il a perdu son permis et travaille a 20 km"))[0] == "mobil"
    weights = {g.text: g.weight for g in engine.parse("travail a 20 km").groups}
    assert weights["km"] < 1


def test_a_negation_says_what_is_missing_of_the_words_after_it(base):
    engine = base(
        service("vente", "Voitures d'occasion à petits prix", "Acheter une voiture."),
        service("mobil", "Bilan mobilité", "Pour se déplacer sans voiture."),
    )
    # « une voiture pas chère » wants a cheap car: not « pas de voiture » read backwards.
    groups = {g.text for g in engine.parse("une voiture pas chere").groups}
    assert "pas chere" in groups and "voiture pas" not in groups
    assert ids(engine.search("une voiture pas chere"))[0] == "vente"
    # Said in its order, it still is the need.
    assert "pas voiture" in {g.text for g in engine.parse("pas de voiture").groups}


def test_at_home_weighs_as_a_filler(base):
    engine = base(
        service("olympe", "Accueil des femmes victimes de violences", "Écoute et mise à l'abri."),
        service("chez", "Aide chez soi", "Une aide à domicile, chez vous, pour les familles."),
    )
    # « chez son mari », « chez lui » say where, not the service.
    assert ids(engine.search("elle veut partir de chez son mari violent"))[0] == "olympe"
    assert {g.text: g.weight for g in engine.parse("chez lui").groups}["chez"] < 1


def test_lay_needs_said_with_a_word_of_another_need_are_the_longer_one(base):
    engine = base(
        service("mediation", "Médiation familiale", "Séparation, garde des enfants."),
        service("alternance", "Trouver une alternance", "Apprentissage et contrat pro."),
        service("cep", "Conseil en évolution professionnelle", "Reconversion, CPF."),
        service("ft", "France Travail : accompagnement vers l'emploi", "Emploi."),
        service("cmp", "CMP : santé mentale", "Psychologue, psychiatre."),
        service("ddd", "Défenseur des droits", "Discriminations, réclamations."),
    )
    # « garde alternée » is a separated couple's, not « alternance »; « changer de taf » a
    # new trade, not « taf » (a job); the signs of a depression; a decision contested.
    assert ids(engine.search("garde alternee ils se parlent plus"))[0] == "mediation"
    assert ids(engine.search("elle veut changer de taf"))[0] == "cep"
    assert ids(engine.search("elle pleure tout le temps"))[0] == "cmp"
    assert ids(engine.search("la caf a supprime ses droits elle veut contester"))[0] == "ddd"
    assert ids(engine.search("refuse a cause de sa couleur de peau"))[0] == "ddd"


def test_two_words_of_one_need_are_one_need_not_two(base):
    engine = base(
        service("bois", "Chantier d'insertion : menuiserie et bois"),
        service("vert", "Chantier d'insertion : espaces verts", "Emploi en insertion."),
    )
    # « chantier » and « insertion » say one need: « bois » still says which one.
    parsed = engine.parse("il aime travailler le bois, un chantier d'insertion")
    assert {g.text: g.weight for g in parsed.groups}["bois"] == 1.0
    assert ids(engine.search("il aime travailler le bois, un chantier d'insertion"))[0] == "bois"


def test_the_common_verbs_of_a_sentence_weigh_as_fillers(base):
    engine = base(
        service("pcb", "Point conseil budget", "Dettes, crédits."),
        service("acc", "Accueil", "Reçoit qui aime les lettres, sur rendez-vous."),
    )
    weights = {g.text: g.weight for g in engine.parse("il recoit des lettres, il aime").groups}
    assert weights["recoit"] < 1 and weights["aime"] < 1
    assert ids(engine.search("il recoit des lettres pour ses credits"))[0] == "pcb"


def test_since_when_and_where_one_goes_are_the_circumstances_of_the_need(base):
    engine = base(
        service("csapa", "Consultations en addictologie", "Alcool, drogues."),
        service("ft", "France Travail : trouver un emploi", "Chômage, emploi perdu."),
        service("mobil", "Location solidaire de voitures", "Pour se déplacer."),
        service("stage", "Stages de découverte des métiers", "Un stage en entreprise."),
    )
    # « depuis qu'il a perdu son emploi » says why he drinks: the addiction first.
    query = "il boit trop depuis qu'il a perdu son emploi"
    assert ids(engine.search(query))[0] == "csapa"
    told = {g.text: g.circumstance for g in engine.parse(query).groups}
    assert told == {"boit trop": False, "perdu emploi": True}
    # A new clause is no longer since when: « il a perdu confiance » is said for itself.
    told = {
        g.text: g.circumstance for g in engine.parse("au chomage depuis 3 ans il boit trop").groups
    }
    assert told["boit trop"] is False
    # Where one goes: « pas de voiture pour aller à son stage » asks for a car.
    assert ids(engine.search("pas de voiture pour aller a son stage"))[0] == "mobil"


def test_where_one_lives_is_no_need_of_its_own(base):
    engine = base(
        service("vet", "Vestiboutique : vêtements", "Habits et chaussures."),
        service("ag", "Accompagnement global", "Freins sociaux et emploi."),
        service("seul", "Visites à qui vit seul", "Un temps pour parler."),
    )
    # « il habite » is not « habits », « vit » and « en même temps » weigh nothing.
    query = "freins sociaux et emploi en meme temps il habite a cote"
    assert ids(engine.search(query)) == ["ag"]
    weights = {g.text: g.weight for g in engine.parse("elle vit chez sa mere, habits").groups}
    assert weights["vit"] < 1 and weights["habits"] == 1
    assert ids(engine.search("il habite ici et cherche des habits"))[0] == "vet"


def test_with_a_place_the_words_in_a_name_come_before_those_of_a_thematique_only(base):
    # Both serve the whole département; the one whose thématique only says « soutien à la
    # parentalité » is nearer (in Moissac) than the one whose name says it (Caussade).
    engine = base(
        service(
            "vacances",
            "Aide aux vacances des familles",
            code=MOISSAC,
            zone_eligibilite=["82"],
            thematiques=["famille--soutien-a-la-parentalite-et-a-leducation"],
        ),
        service(
            "parents",
            "Soutien à la parentalité : ateliers parents",
            code=CAUSSADE,
            zone_eligibilite=["82"],
        ),
    )
    assert ids(engine.search("soutien parentalite castelsarrasin")) == ["parents", "vacances"]


def test_lay_needs_of_a_job_search_and_a_mail_box(base):
    engine = base(
        service("plie", "Accompagnement renforcé vers l'emploi", "Un référent de parcours."),
        service("num", "Ateliers numériques pour débutants", "Créer une adresse mail."),
        service("bge", "Créer son entreprise", "Créer sa boîte."),
    )
    # Someone who follows her closely; a mail box is no company.
    assert ids(engine.search("elle veut quelqu'un qui la suive pour retrouver du travail"))[0] == (
        "plie"
    )
    assert ids(engine.search("aide pour se creer une boite mail"))[0] == "num"


OTHERS = [
    service(key, nom)
    for key, nom in (
        ("cv", "Atelier CV"),
        ("psy", "Consultations de psychologue"),
        ("linge", "Laverie sociale"),
        ("fle", "Cours de français"),
    )
]


def test_the_need_comes_before_the_price_when_no_entry_has_both(base):
    engine = base(
        service("permis", "Permis B accompagné", "Apprendre le code et la conduite."),
        service("epicerie", "Épicerie solidaire", "Des produits à petits prix."),
        *OTHERS,
    )
    # Nothing is both a driving licence and cheap: the licence, not a cheap grocery.
    assert ids(engine.search("permis de conduire pas cher"))[0] == "permis"
    engine = base(
        service("solidaire", "Permis de conduire solidaire", "Auto-école sociale."),
    )
    # One that is both comes first.
    assert ids(engine.search("permis de conduire pas cher"))[0] == "solidaire"


def test_a_need_whose_words_the_base_lacks_is_searched_word_by_word(base):
    # The thesaurus knows « permis de conduire », but this base says « Permis B » and
    # « conduite », none of the words the need means: its words are not dropped.
    engine = base(
        service("permis", "Permis B accompagné", "Apprendre le code et la conduite."),
        *OTHERS,
    )
    for query in ("permis de conduire", "permi de conduir"):
        assert ids(engine.search(query)) == ["permis"], query


def test_a_word_spelt_by_ear_is_the_nearest_written_of_its_sound():
    # The French phonetic key is coarse: « impayer » shares it with « inceste » and
    # « indeed », which the base writes more often. The word meant is the one written
    # nearest, whatever its count.
    vocabulary = Vocabulary(
        {"impay": 2, "incest": 9, "indeed": 14},
        {"impayes": "impay", "inceste": "incest", "indeed": "indeed"},
    )
    assert {vocabulary.stem_of(w) for w in vocabulary.sounds_like("impayer")} == {"impay"}
    assert {vocabulary.stem_of(w) for w in vocabulary.sounds_like("incestte")} == {"incest"}


def test_an_acronym_written_in_a_description_is_found_past_the_entries_of_its_meaning(base):
    # « caces » means training to the thesaurus: eighty entries say « formation » in their
    # description, more than the short list holds; the chantier that trains for the CACES
    # says so in its description only, written after them, and is found all the same.
    courses = [
        service(f"f{i}", f"Atelier numéro {i}", "Une formation pour tous.") for i in range(80)
    ]
    chantier = service(
        "chantier",
        "Emploi en chantier d'insertion",
        "Contrat aidé, formations (sécurité, CACES) et accompagnement.",
    )
    greta = service("greta", "Formations qualifiantes pour adultes")
    engine = base(*courses, chantier, greta)
    # The entry that writes the acronym says what it is about: before the course whose
    # name has its meaning only.
    assert ids(engine.search("caces"))[:2] == ["chantier", "greta"]
    # A French word written in capitals (« CAP »), or one that stems as a French word
    # does (« PASS » as « passer »), is no acronym to look for everywhere.
    assert "caces" in indices.acronyms()
    assert "cap" not in indices.acronyms() and "pass" not in indices.acronyms()


def test_drinking_too_much_is_not_setting_up_a_business(base):
    # « boîte », folded « boite », stemmed as « boit »: the BGE whose name says « créer sa
    # boîte » answered "il boit trop".
    engine = base(
        service("bge", "Créer sa boîte : accueil des créateurs"),
        service("alcool", "Groupe de parole alcool"),
    )
    assert "bge" not in ids(engine.search("il boit trop"))
    assert ids(engine.search("creer sa boite"))[0] == "bge"


def test_a_text_message_is_read_with_its_clipped_words_put_back(base):
    engine = base(
        service("115", "Hébergement d'urgence", "Une place pour la nuit.", thematiques=[URGENCE]),
        service("caf", "Accueil de la CAF", "Vos droits."),
        service("garage", "Garage solidaire", "Réparer sa voiture."),
    )
    # « jdor ds ma voitur » is « je dors dans ma voiture »: sleeping in one's car, not a car.
    assert ids(engine.search("jdor ds ma voitur depui 3 nuit"))[0] == "115"
    # A word the base writes is no clipped word: « caf » is the CAF, not a café.
    assert ids(engine.search("dossier caf jcompren ri1"))[0] == "caf"


def test_a_need_said_with_a_filler_is_said_in_words_side_by_side(base):
    # « besoin » and « argent » a clause apart are no « besoin d'argent »: the price said
    # beside the need (« pas d'argent ») is, and the cheap computer comes before the aid.
    engine = base(
        service("aide", "Aides financières d'urgence", "Un secours pour les familles."),
        service(
            "ordi",
            "Ordinateurs reconditionnés à petit prix",
            "Des ordinateurs portables vendus à tarif solidaire.",
        ),
    )
    query = "elle a besoin d'un ordinateur pour sa formation mais pas d'argent"
    assert "besoin argent" not in [g.text for g in engine.parse(query).groups]
    assert ids(engine.search(query))[0] == "ordi"
    # Side by side, it is the need.
    assert ids(engine.search("besoin d'argent"))[0] == "aide"


def test_sous_after_a_determiner_is_money_not_the_preposition(base):
    engine = base(
        service("aide", "Aides financières d'urgence", "Un secours pour les familles."),
        service("tutelle", "Mesures de protection", "Pour les personnes sous tutelle."),
    )
    assert ids(engine.search("il a plus de sous"))[0] == "aide"
    assert "sous" not in [g.text for g in engine.parse("elle a des sous").groups]
    # The preposition stays a stop word: « sous tutelle » is the tutelle.
    assert ids(engine.search("elle est sous tutelle"))[0] == "tutelle"


def test_an_entry_with_the_need_in_the_commune_before_one_with_every_word_that_does_not_serve_it(
    base,
):
    # The Croix-Rouge's food aid of Moissac does not say « distribution »; the Restos of
    # Caussade do, but take only a person of Caussade.
    engine = base(
        service("here", "Aide alimentaire itinérante de la Croix-Rouge", code=MOISSAC),
        service(
            "caussade",
            "Distribution alimentaire des Restos du cœur",
            code=CAUSSADE,
            zone_eligibilite=[CAUSSADE],
        ),
    )
    assert ids(engine.search("distribution de nourriture moissac"))[:2] == ["here", "caussade"]


def test_a_long_question_also_lists_the_entries_missing_two_of_its_words(base):
    engine = base(
        service("all", "Hébergement d'urgence pour femmes et enfants"),
        service("115", "Le 115 : hébergement d'urgence", "Une place pour la nuit."),
        service("creche", "Crèche collective", "Pour les enfants de 3 mois à 3 ans."),
    )
    result = engine.search("hebergement femmes enfants urgence")
    # After the entry with every word, the 115, which says neither women nor children;
    # not the crèche, which has one word of four.
    assert ids(result) == ["all", "115"]
    assert result.hits[1].missing == ["femmes", "enfants"]
    # Three words: an entry missing two of them is no answer.
    assert "115" not in ids(engine.search("hebergement femmes enfants"))


def test_a_word_typed_last_that_starts_no_word_is_read_as_the_word_it_clips(base):
    engine = base(
        service("violences", "Accueil des victimes de violences conjugales"),
        service("expulsions", "Prévention des expulsions locatives"),
    )
    # « frap » starts no word of the base: it is « frappe », typed or not; « ex » (the
    # former partner) is a family word, no start of « expulsions ».
    for typing in (True, False):
        assert ids(engine.search("mon ex me frap", typing=typing))[0] == "violences"
    assert "expulsions" not in ids(engine.search("son ex le menace"))


def test_no_entry_answers_fillers_alone_when_the_word_of_the_need_is_unknown(base):
    engine = base(
        service("elles", "Groupe de parole", "Pour elles, chaque mardi."),
        service("aide", "Aide aux démarches"),
        service("cher", "Épicerie à petits prix"),
    )
    # « nager » is no word of the base: the entries that say « elle » are no answer.
    result = engine.search("elle sait pas nager")
    assert result.hits == [] and "nager" in result.ignored
    # Nor are the entries that say the price only (« kiné pas cher », no kiné here).
    assert engine.search("kiné pas cher").hits == []
    # Fillers alone still search (« aide »), as before.
    assert ids(engine.search("aide")) == ["aide"]


def test_the_price_alone_is_no_answer(base):
    engine = base(
        service("psy", "Consultations de psychologue", "Sur rendez-vous."),
        service("cinema", "Places de cinéma gratuites"),
        service("cmp", "Centre médico-psychologique", "Un psychologue, gratuitement."),
    )
    found = ids(engine.search("psychologue gratuit"))
    # The psychologues; not the free cinema tickets.
    assert set(found) == {"cmp", "psy"}


def test_of_words_a_typo_away_only_those_that_sound_as_typed_are_read(base):
    engine = base(
        service("location", "Location de logements meublés"),
        service("caf", "Allocation logement : aide de la CAF", "Pour payer son loyer."),
    )
    # « alocation » is one letter from « location » and from « allocation »: it sounds as
    # the second.
    assert ids(engine.search("alocation logement"))[0] == "caf"


def test_a_word_one_letter_from_one_word_is_that_word_before_the_needs_are_read(base):
    engine = base(
        service("violences", "Accueil des victimes de violences conjugales"),
        service("phare", "Le Phare : accueil de jour"),
        service("emploi", "Reprendre un emploi après une longue absence", "Retour au travail."),
    )
    # « farppe » is one letter from « frappe » (a word of the thesaurus' needs), and no
    # other: the need is read; « tramail » is « travail ».
    assert ids(engine.search("son mari la farppe"))[0] == "violences"
    hit = engine.search("retour au tramail").hits[0]
    assert hit.resource.id == "t--emploi"
    # The typo is said as typed.
    assert any(str(m).startswith("tramail → travail") for m in hit.matches)


def test_how_a_conseiller_asks_and_names_the_person_weighs_nothing(base):
    engine = base(
        service("psy", "Consultations de psychologue"),
        service("conseil", "Conseil juridique gratuit", "Pour vos clients et usagers."),
        service(
            "familles",
            "Conseil et informations aux familles, infos pour les clientes",
            "Un psychologue reçoit parfois.",
        ),
    )
    # « un conseil pour », « des infos sur », « ma cliente »: the psychologue first.
    for query in (
        "besoin d'un conseil pour un psychologue",
        "il me faudrait des infos sur un psychologue pour ma cliente",
    ):
        assert ids(engine.search(query))[0] == "psy", query
    # « conseil juridique » is still what she asks for.
    assert ids(engine.search("conseil juridique"))[0] == "conseil"


def test_of_two_words_a_letter_away_the_one_french_says_far_more_is_read(base):
    engine = base(
        service("logement", "Trouver un logement social", "Demande de HLM, appartements."),
        service("creche", "Crèche collective", "Accueil des tout-petits."),
    )
    # « chreche » is one letter from « cherche » and from « crèche »; French says the first
    # far more often: she looks for a flat, not a crèche.
    assert ids(engine.search("chreche un appart"))[0] == "logement"
    assert "cherche appart" in [g.text for g in engine.parse("chreche un appart").groups]


def test_a_filler_spelt_by_ear_is_still_a_filler(base):
    engine = base(
        service("css", "Complémentaire santé solidaire", "Une mutuelle gratuite."),
        service("ferme", "Ferme pédagogique", "Fermer les yeux, faire une pause."),
    )
    # « fere » sounds as « faire »: it weighs as « faire » does, the need is the mutuelle.
    result = engine.search("comment fere pour avoir une mutuelle")
    assert ids(result)[0] == "css"
    weights = {
        g.text: g.weight for g in engine.parse("comment fere pour avoir une mutuelle").groups
    }
    assert weights["fere"] == FILLER_WEIGHT < weights["mutuelle"]


def test_of_words_a_letter_away_the_one_that_sounds_as_typed_is_read_before_the_needs(base):
    engine = base(
        service("internet", "Accès libre à internet"),
        service("interet", "Défense de l'intérêt des locataires"),
    )
    # « internt » is one letter from « internet » and from « intérêt », which French says
    # more often: it sounds as the first.
    assert ids(engine.search("aide internt pour les papiers"))[0] == "internet"


def test_a_word_a_letter_from_a_word_of_the_base_is_no_commune_by_its_sound(base):
    engine = base(service("fonds", "Financer le matériel de son activité"))
    # « finencer » sounds as Finhan, and is « financer » misspelt; « moisac » still is
    # Moissac, a letter from a word that names a commune.
    assert engine.parse("finencer le materiel").commune is None
    assert ids(engine.search("finencer le materiel")) == ["fonds"]
    assert engine.parse("cours de francais moisac").commune.nom == "Moissac"


def test_a_need_is_not_looked_for_in_the_idioms_of_its_lay_words(base):
    engine = base(
        service("violences", "Accueil des victimes de violences conjugales"),
        service("garage", "Coup de pouce : garage solidaire"),
    )
    # « coups » says violence; « coup de pouce » does not: the garage is no answer to
    # « son mari la frappe ».
    assert ids(engine.search("son mari la frappe")) == ["violences"]
    # Typed, « coup » still finds the garage.
    assert ids(engine.search("coup de pouce garage")) == ["garage"]


def test_of_words_a_letter_away_the_one_that_says_a_need_with_the_others_is_read(base):
    engine = base(
        service("cv", "Atelier CV et lettre de motivation"),
        service("velo", "Vélo réparé, vélo repare à petit prix"),
    )
    # « refare » is a letter from « refaire » and from the « repare » of an entry; with
    # « cv », only « refaire » says a need (« refaire son CV »).
    groups = [g.text for g in engine.parse("refare son cv").groups]
    assert "refaire cv" in groups, groups
    # Not a need said with a negation away from it: « payier … pas cher » is no
    # « pas de papiers ».
    assert "papier" not in " ".join(g.text for g in engine.parse("payier legumes pas cher").groups)


def test_a_word_whose_stem_is_another_need_says_it_only_as_itself(base):
    # « coupé » stems as « coups » (the thesaurus' need of a person beaten): « les allocs
    # ont tout coupé » listed the victims' help first (`indices.AS_WRITTEN`).
    engine = base(
        service("avic", "Aide aux victimes", "Pour les victimes de violences conjugales."),
        service("caf", "Rendez-vous des droits CAF", "Quand vos allocations sont suspendues."),
    )
    assert ids(engine.search("les allocs ont tout coupé")) == ["caf"]
    assert ids(engine.search("son mari lui donne des coups"))[0] == "avic"
