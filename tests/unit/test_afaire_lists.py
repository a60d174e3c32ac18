"""The to-do list read a page at a time (issue 13, slow lists): the same entries as the
yearly-review rule (``review_due``) says, counted in SQL, in order, whatever the dates."""

from datetime import date, timedelta

import pytest

from ressources import edition

PARTNER = "cd82-mds-castelsarrasin-moissac"


def rule_lists(db, today: date, slug: str | None) -> tuple[list[str], list[str]]:
    """The overdue and due-soon entries as the rule says, entry by entry."""
    where, params = "archive = 0", []
    if slug:
        where += " AND partenaire = ?"
        params.append(slug)
    late, soon = [], []
    notice = today + timedelta(days=edition.REVIEW_NOTICE_DAYS)
    for service_id, revue in db.execute(
        f"SELECT id, date_revue FROM services WHERE {where} ORDER BY date_revue, id", params
    ):
        due = edition.review_due(revue, today)
        if due is None or due <= today:
            late.append(service_id)
        elif due <= notice:
            soon.append(service_id)
    return late, soon


def set_dates(db, dates: list[str | None]) -> list[str]:
    ids = [
        r[0]
        for r in db.execute("SELECT id FROM services WHERE partenaire = ? ORDER BY id", [PARTNER])
    ]
    assert len(ids) >= len(dates)
    for service_id, revue in zip(ids, dates, strict=False):
        db.execute("UPDATE services SET date_revue = ? WHERE id = ?", [revue, service_id])
    return ids


EDGE_DATES = [
    None,
    "",
    "pas une date",
    "2025-02-30",
    "20250101",
    "2024-02-29",
    "2025-02-28",
    "2025-03-01",
    "2025-11-22",
    "2025-11-23",
    "2025-11-24",
    "2025-12-23",
    "2025-12-24",
    "2026-01-01",
    "2026-11-23",
]


@pytest.mark.parametrize(
    "today", [date(2026, 11, 23), date(2025, 2, 28), date(2028, 2, 29), date(2026, 3, 1)]
)
def test_the_pages_hold_what_the_yearly_rule_says(demo_db, today):
    set_dates(demo_db, EDGE_DATES)
    for slug in (PARTNER, None):
        late, soon = rule_lists(demo_db, today, slug)
        pages = {
            list_name: [i["id"] for i in edition.todo_page(demo_db, today, list_name, slug)]
            for list_name in ("overdue_reviews", "reviews_due_soon")
        }
        assert pages == {"overdue_reviews": late, "reviews_due_soon": soon}
        counts = edition.todo_count(demo_db, today, slug)
        assert (counts["overdue_reviews"], counts["reviews_due_soon"]) == (len(late), len(soon))


def test_a_page_at_a_time_gives_the_whole_list_once(demo_db):
    today = date(2026, 11, 23)
    whole = [i["id"] for i in edition.todo_list(demo_db, today, None).overdue_reviews]
    assert len(whole) > 40
    read, offset = [], 0
    while page := edition.todo_page(demo_db, today, "overdue_reviews", offset=offset, limit=17):
        read += [i["id"] for i in page]
        offset += len(page)
    assert read == whole
    first = edition.todo_page(demo_db, today, "overdue_reviews", limit=3)
    assert [i["echeance"] for i in first] == [
        edition.review_due(i["date_revue"], today).isoformat()
        if edition.review_due(i["date_revue"], today)
        else None
        for i in first
    ]


def test_reports_are_counted_and_paged_like_the_others(demo_db):
    from datetime import datetime

    from acteurs import Who

    conseiller = Who("cons-albasud-01", "conseiller", "france-travail-82")
    ids = set_dates(demo_db, [])
    for n, service_id in enumerate(ids[:5]):
        edition.report_error(
            demo_db, conseiller, service_id, f"Erreur {n}", now=datetime(2026, 11, 1 + n, 9)
        )
    edition.archive_service(
        demo_db, Who("admin", "administrateur", None), ids[4], now=datetime(2026, 11, 20, 9)
    )
    today = date(2026, 11, 23)
    assert edition.todo_count(demo_db, today, PARTNER)["error_reports"] == 4
    assert [
        r["commentaire"]
        for r in edition.todo_page(demo_db, today, "error_reports", PARTNER, offset=1, limit=2)
    ] == ["Erreur 1", "Erreur 2"]
    assert edition.todo_count(demo_db, today, "caf-82")["error_reports"] == 0


def test_the_filter_finds_in_a_whole_list_what_the_words_say(demo_db):
    """The filter box searches each whole list (not its first page): the entry's name and
    its partner's, a report's author and comment too, accents and case aside; in the
    list's order."""
    from datetime import datetime

    from acteurs import Who

    from ressources.text import fold

    today = date(2026, 11, 23)
    partners = {slug: nom for slug, nom in demo_db.execute("SELECT slug, nom FROM partenaires")}
    for slug in (None, PARTNER):
        index = edition.todo_index(demo_db, today, "overdue_reviews", slug)
        whole = edition.todo_page(demo_db, today, "overdue_reviews", slug)
        assert len(index) == len(whole)
        assert index.items(range(len(index))) == whole
        for words in ("Accompagnement", "emploi", "CAF de Tarn", "épicerie", "zzz"):
            wanted = fold(words)
            expected = [
                item
                for item in whole
                if wanted in fold(f"{item['nom']} {partners.get(item['partenaire'], '')}")
            ]
            assert index.items(index.matching(wanted)) == expected
    # A partner's name finds its entries, whose own names do not say it.
    index = edition.todo_index(demo_db, today, "overdue_reviews", None)
    whole = edition.todo_page(demo_db, today, "overdue_reviews", None)
    theirs = [i["id"] for i in whole if i["partenaire"] == PARTNER]
    assert theirs
    found = [i["id"] for i in index.items(index.matching(fold(partners[PARTNER])))]
    assert set(theirs) <= set(found)

    conseiller = Who("cons-albasud-01", "conseiller", "france-travail-82")
    ids = set_dates(demo_db, [])
    edition.report_error(
        demo_db, conseiller, ids[0], "Le téléphone a changé", now=datetime(2026, 11, 2, 9)
    )
    edition.report_error(demo_db, conseiller, ids[1], "Horaires faux", now=datetime(2026, 11, 3, 9))
    names = {"cons-albasud-01": "Élodie Conseillère"}
    reports = edition.todo_index(demo_db, today, "error_reports", PARTNER, author_name=names.get)
    assert [r["commentaire"] for r in reports.items(reports.matching("telephone"))] == [
        "Le téléphone a changé"
    ]
    assert len(reports.matching("elodie conseillere")) == 2
    assert reports.items(reports.matching(""))[1]["service_id"] == ids[1]


def test_words_typed_then_erased_find_what_they_find_from_scratch(demo_db):
    """The filter answers a key from the answer to the words before it (typed on, or
    erased): the same rows as searching the whole list afresh."""
    today = date(2026, 11, 23)
    typed = edition.todo_index(demo_db, today, "overdue_reviews", None)
    for words in ["e", "em", "emp", "empl", "emploi", "empl", "em", "mploi", "a", "ac", "a"]:
        afresh = edition.todo_index(demo_db, today, "overdue_reviews", None)
        assert typed.matching(words) == afresh.matching(words)
    assert 0 < len(typed.matching("emploi")) < len(typed.matching("em")) < len(typed)


def test_a_list_read_in_chunks_gives_way_between_them_and_reads_the_same_rows(demo_db, monkeypatch):
    """Read in the background, a long list calls *pause* after each chunk (the screen's
    thread gets its turn) and holds the same rows and texts as read at once."""
    from ressources.text import fold

    today = date(2026, 11, 23)
    whole = edition.todo_index(demo_db, today, "overdue_reviews", None)
    assert len(whole) > 3
    monkeypatch.setattr(edition, "TODO_INDEX_CHUNK", 3)
    pauses = []
    chunked = edition.todo_index(
        demo_db, today, "overdue_reviews", None, pause=lambda: pauses.append(1)
    )
    assert len(pauses) == -(-len(whole) // 3)
    assert chunked.items(range(len(chunked))) == whole.items(range(len(whole)))
    for words in ("emploi", "caf", "zzz"):
        assert chunked.matching(fold(words)) == whole.matching(fold(words))
