-- One line per feed: last fetch outcome and how many articles it brought.
CREATE OR REPLACE VIEW feed_status AS
SELECT
    f.feed_id,
    f.name,
    f.url,
    f.language,
    f.last_status,
    f.last_http_status,
    f.last_error,
    f.last_fetched_at,
    f.consecutive_failures,
    (SELECT count(*) FROM feed_entries AS e WHERE e.feed_id = f.feed_id) AS entries_seen,
    (SELECT count(*) FROM articles AS a WHERE a.feed_id = f.feed_id) AS articles
FROM feeds AS f
ORDER BY f.feed_id;
