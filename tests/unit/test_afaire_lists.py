"""The to-do list read a page at a time (issue 13, slow lists): the same entries as the
yearly-review rule (``review_due``) says, counted in SQL, in order, whatever the dates."""

from datetime import date, timedelta

import pytest

from ressources import edition as E

PARTNER = "cd82-mds-castelsarrasin-moissac"


def rule_lists(db, today: date, slug: str | None) -> tuple[list[str], list[str]]:
    """The overdue and due-soon entries as the rule says, entry by entry."""
    where, params = "archive = 0", []
    if slug:
        where += " AND partenaire = ?"
        params.append(slug)
    late, soon = [], []
    notice = today + timedelta(days=E.REVIEW_NOTICE_DAYS)
    for service_id, revue in db.execute(
        f"SELECT id, date_revue FROM services WHERE {where} ORDER BY date_revue, id", params
    ):
        due = E.review_due(revue, today)
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
            list_name: [i["id"] for i in E.todo_page(demo_db, today, list_name, slug)]
            for list_name in ("overdue_reviews", "reviews_due_soon")
        }
        assert pages == {"overdue_reviews": late, "reviews_due_soon": soon}
        counts = E.todo_count(demo_db, today, slug)
        assert (counts["overdue_reviews"], counts["reviews_due_soon"]) == (len(late), len(soon))


def test_a_page_at_a_time_gives_the_whole_list_once(demo_db):
    today = date(2026, 11, 23)
    whole = [i["id"] for i in E.todo_list(demo_db, today, None).overdue_reviews]
    assert len(whole) > 40
    read, offset = [], 0
    while page := E.todo_page(demo_db, today, "overdue_reviews", offset=offset, limit=17):
        read += [i["id"] for i in page]
        offset += len(page)
    assert read == whole
    first = E.todo_page(demo_db, today, "overdue_reviews", limit=3)
    assert [i["echeance"] for i in first] == [
        E.review_due(i["date_revue"], today).isoformat()
        if E.review_due(i["date_revue"], today)
        else None
        for i in first
    ]


def test_reports_are_counted_and_paged_like_the_others(demo_db):
    from datetime import datetime

    from acteurs import Who

    conseiller = Who("cons-albasud-01", "conseiller", "france-travail-82")
    ids = set_dates(demo_db, [])
    for n, service_id in enumerate(ids[:5]):
        E.report_error(
            demo_db, conseiller, service_id, f"Erreur {n}", now=datetime(2026, 11, 1 + n, 9)
        )
    E.archive_service(
        demo_db, Who("admin", "administrateur", None), ids[4], now=datetime(2026, 11, 20, 9)
    )
    today = date(2026, 11, 23)
    assert E.todo_count(demo_db, today, PARTNER)["error_reports"] == 4
    assert [
        r["commentaire"]
        for r in E.todo_page(demo_db, today, "error_reports", PARTNER, offset=1, limit=2)
    ] == ["Erreur 1", "Erreur 2"]
    assert E.todo_count(demo_db, today, "caf-82")["error_reports"] == 0
