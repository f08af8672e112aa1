-- One line per feed: last fetch outcome, how many articles it brought, and its health:
-- state (ok | warning | not modified | failing | backing off | gone | never fetched), the
-- reason, and when it will next be fetched. entries_seen and articles stay the last columns.
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
    CASE
        WHEN f.gone_at IS NOT NULL THEN 'gone'
        WHEN f.failure_score > 0 AND f.next_fetch_at > now() THEN 'backing off'
        WHEN f.last_status = 'error' THEN 'failing'
        WHEN f.last_outcome = 'not_modified' THEN 'not modified'
        WHEN f.last_status IS NULL THEN 'never fetched'
        ELSE f.last_status
    END AS state,
    CASE
        WHEN f.gone_at IS NOT NULL THEN
            concat(coalesce(f.last_error, 'gone'), ' since ', strftime(f.gone_at, '%Y-%m-%d'),
                   ': not fetched again until its url changes or `mediamon run --force-all`')
        WHEN f.failure_score > 0 THEN
            concat(f.last_error, ' (', f.last_failure_kind, ' failure, score ', f.failure_score, ')')
        ELSE f.last_error
    END AS reason,
    CASE WHEN f.gone_at IS NULL THEN f.next_fetch_at END AS next_fetch_at,
    f.failure_score,
    f.last_success_at,
    f.gone_at,
    (SELECT count(*) FROM feed_entries AS e WHERE e.feed_id = f.feed_id) AS entries_seen,
    (SELECT count(*) FROM articles AS a WHERE a.feed_id = f.feed_id) AS articles
FROM feeds AS f
ORDER BY f.feed_id;
