"""Small trend queries over the warehouse views, for the terminal summary."""

from __future__ import annotations

from datetime import date
from typing import Any


def company_daily(
    con: Any, days: int = 7, top: int = 10
) -> tuple[list[date], list[tuple[str, list[int], int]]]:
    """Articles per company for the last ``days`` days that have data; the ``top`` companies."""
    day_rows = con.execute(
        "SELECT DISTINCT day FROM company_mentions_daily ORDER BY day DESC LIMIT ?", [days]
    ).fetchall()
    day_cols = sorted(r[0] for r in day_rows)
    totals = con.execute(
        """
        SELECT company_id, company_name, sum(articles) AS n
        FROM company_mentions_daily GROUP BY ALL ORDER BY n DESC, company_id LIMIT ?
        """,
        [top],
    ).fetchall()
    cells = {
        (cid, d): n
        for cid, d, n in con.execute(
            "SELECT company_id, day, articles FROM company_mentions_daily WHERE day >= ?",
            [day_cols[0] if day_cols else date.min],
        ).fetchall()
    }
    rows = [(name, [cells.get((cid, d), 0) for d in day_cols], int(n)) for cid, name, n in totals]
    return day_cols, rows


def top_topics(con: Any, top: int = 10) -> list[tuple[str, int]]:
    return [
        (name, int(n))
        for name, n in con.execute(
            """
            SELECT t.name, count(*) AS n FROM article_topics JOIN topics AS t USING (topic_id)
            GROUP BY ALL ORDER BY n DESC, t.name LIMIT ?
            """,
            [top],
        ).fetchall()
    ]
