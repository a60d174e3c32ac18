from ressources.text import distance_text, fold, normalize, stem


def test_fold_removes_accents_case_and_punctuation():
    assert fold("Épicerie SOLIDAIRE, Nègrepelisse!") == "epicerie solidaire negrepelisse"
    assert fold("Cœur d'Hébergement") == "coeur d hebergement"


def test_plural_and_singular_index_alike():
    assert normalize("Logements") == normalize("logement")
    # A French stemmer (Snowball) since ressources migration 0007, not a plural rule.
    assert stem("logements") == stem("logement") == "loge"  # four letters at least
    assert stem("prix") == "prix" and stem("bus") == "bus"  # short words are left alone


def test_normalize_of_empty_text_is_empty():
    assert normalize(None) == "" and normalize("  ;; ") == ""


def test_normalize_reads_words_glued_by_punctuation_as_separate_words():
    # Tokens are remembered as written (with their punctuation): the same token must index
    # the same way whether it is met first alone or inside a sentence.
    text = "L'épicerie\u00a0solidaire—d’Aide/logements (CCAS),\tœuvres;\nSans-Abri."
    expected = "epicer solidair aide loge ccas oeuvr san abri"  # stemmed
    assert normalize(text) == expected
    assert normalize(text) == expected  # the second time from what was remembered
    assert normalize("d’Aide/logements") == "aide loge"


def test_the_c_of_c_est_and_prepositions_are_stop_words():
    assert normalize("c'est une épicerie").split() == ["est", normalize("épicerie")]
    assert normalize("il dort dans sa voiture") == normalize("il dort sa voiture")


def test_a_distance_reads_as_a_conseiller_says_it():
    # Under a kilometre was « 0 km »: as if the service were at the person's door.
    assert distance_text(0.3) == "< 1 km" and distance_text(0.0) == "< 1 km"
    assert distance_text(1.4) == "1 km" and distance_text(27.6) == "28 km"
    assert distance_text(0.04, precise=True) == "< 100 m"
    assert distance_text(0.43, precise=True) == "400 m"
    assert distance_text(0.97, precise=True) == "1,0 km"
    assert distance_text(2.46, precise=True) == "2,5 km"
    assert distance_text(12.3, precise=True) == "12 km"
    assert distance_text(None) == "" and distance_text(None, precise=True) == ""


def test_a_count_says_its_word_in_the_singular_or_plural_as_french_does():
    from ressources.text import counted

    assert counted(0, "dossier") == "0 dossier"
    assert counted(1, "an") == "1 an"
    assert counted(2, "entrée") == "2 entrées"
    assert counted(4, "dossier purgé", "dossiers purgés") == "4 dossiers purgés"
    assert counted(1, "dossier a", "dossiers ont") == "1 dossier a"


def test_the_insulation_of_a_house_is_not_the_isolation_of_a_person():
    from ressources.text import stem

    assert stem("isolation") == stem("isolations") == stem("isolant")
    assert stem("isolation") != stem("isolement")
    assert stem("isolee") == stem("isolement")  # « une personne isolée », « l'isolement »


def test_a_box_is_not_a_drink():
    from ressources.text import fold, stem

    # « créer sa boîte » is no « il boit trop », « boîte aux lettres » no drinking.
    assert stem(fold("boîte")) == stem("boites") != stem("boit")


def test_text_message_spellings_are_read_as_the_words_they_stand_for():
    from ressources.text import sms_words, words

    assert sms_words(words("jcherche un apart pa cher")) == [
        "je",
        "cherche",
        "un",
        "appart",
        "pas",
        "cher",
    ]
    # « fé » is « fait », « dla » « de la »: not « fée » nor the start of « femmes ».
    assert sms_words(words("il fé dla drogue")) == ["il", "fait", "de", "la", "drogue"]
    # « 1 » is « un », « franc » (a currency long gone) « France ».
    assert sms_words(words("1 rdv franc travail")) == ["un", "rdv", "france", "travail"]
    assert sms_words(words("jeun ki va plu a l ecole")) == [
        "jeune",
        "qui",
        "va",
        "plus",
        "a",
        "l",
        "ecole",
    ]
    assert sms_words(words("ni voiture ni permis")) == ["pas", "voiture", "pas", "permis"]
    assert sms_words(words("boulot ds le menage")) == ["boulot", "dans", "le", "menage"]


def test_a_word_a_text_message_clips_is_put_back():
    from ressources.text import unclipped

    # Its silent end (the commonest completion), a « k » for « qu », an elided « je ».
    assert unclipped("depui") == ["depuis"]
    assert unclipped("francai") == ["francais"]
    assert unclipped("kelk") == ["quelque"]
    assert unclipped("jdor") == ["j", "dors"]
    assert unclipped("jsai") == ["j", "sais"]
    # A consonant said once and written twice.
    assert unclipped("frap") == ["frappe"]
    assert unclipped("metr") == ["mettre"]  # « me metr dehor »: no « m'être »
    assert unclipped("batr") == ["battre"]
    # An apostrophe left out before a vowel: « d'embauche », « l'entretien ».
    assert unclipped("dembauch") == ["d", "embauche"]
    assert unclipped("lentretien") == ["l", "entretien"]
    assert unclipped("laide") == ["laide"]  # a word of its own
    # Never before a verb said with its subject: « detes » is no « d'êtes ».
    assert unclipped("detes") == ["detes"]
    assert unclipped("dete") == ["d", "ete"]  # « job d'été »
    # A French word, a word nothing completes, a word too short to guess: as typed.
    assert unclipped("cour") == ["cour"]
    assert unclipped("logemnt") == ["logemnt"]
    assert unclipped("pe") == ["pe"]


def test_an_age_glued_to_its_unit_and_the_lodgings_of_a_text_message():
    from ressources.text import sms_words, words

    # « 20a », « 19an », « 58ans »: an age, as « 20 ans » is read (the need of the young,
    # whom a service takes); « 3a » (an address's « bis ») is no age.
    assert sms_words(words("jeune 20a")) == ["jeune", "20", "ans"]
    assert sms_words(words("il a 19an")) == ["il", "a", "19", "ans"]
    assert sms_words(words("monsieur 58ans")) == ["monsieur", "58", "ans"]
    assert sms_words(words("au 3a rue")) == ["au", "3a", "rue"]
    assert sms_words(words("caution apprt")) == ["caution", "appartement"]
    assert sms_words(words("cherche logt")) == ["cherche", "logement"]
