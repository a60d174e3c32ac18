from ressources.text import fold, normalize, stem


def test_fold_removes_accents_case_and_punctuation():
    assert fold("Épicerie SOLIDAIRE, Nègrepelisse!") == "epicerie solidaire negrepelisse"
    assert fold("Cœur d'Hébergement") == "coeur d hebergement"


def test_plural_and_singular_index_alike():
    assert normalize("Logements") == normalize("logement")
    assert stem("logements") == stem("logement") == "logement"
    assert stem("prix") == "pri" and stem("bus") == "bus"  # short words are left alone


def test_normalize_of_empty_text_is_empty():
    assert normalize(None) == "" and normalize("  ;; ") == ""
