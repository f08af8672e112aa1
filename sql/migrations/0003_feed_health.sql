-- 0003: feed health as data (how Media Cloud's rss-fetcher and Miniflux run feeds). Each feed
-- keeps its HTTP validators and the hash of its last body (conditional GET, unchanged bodies
-- skipped), a failure score and the time it may next be fetched (backoff, Retry-After), and
-- whether the server said it is gone (410). Rules and constants: pipeline/feeds.py, config.py.

ALTER TABLE feeds ADD COLUMN etag VARCHAR;               -- ETag of the last body, sent as If-None-Match
ALTER TABLE feeds ADD COLUMN last_modified VARCHAR;      -- Last-Modified, sent as If-Modified-Since
ALTER TABLE feeds ADD COLUMN body_hash VARCHAR;          -- sha256 of the last body (after decompression)
ALTER TABLE feeds ADD COLUMN last_outcome VARCHAR;       -- fetched | not_modified | failed | gone
ALTER TABLE feeds ADD COLUMN last_failure_kind VARCHAR;  -- hard | soft (of the last failure), else NULL
ALTER TABLE feeds ADD COLUMN failure_score INTEGER DEFAULT 0;  -- hard +2, soft +1, 0 after a success
ALTER TABLE feeds ADD COLUMN next_fetch_at TIMESTAMPTZ;  -- not fetched before this (NULL: at the next run)
ALTER TABLE feeds ADD COLUMN gone_at TIMESTAMPTZ;        -- answered 410 Gone: not fetched again
ALTER TABLE feeds ADD COLUMN last_success_at TIMESTAMPTZ;

-- Existing feeds: past failures count as soft ones (their kind was not recorded), and every
-- feed is due at the next run.
UPDATE feeds SET
    failure_score = consecutive_failures,
    last_success_at = CASE WHEN last_status IN ('ok', 'warning') THEN last_fetched_at END,
    last_outcome = CASE WHEN last_status = 'error' THEN 'failed' WHEN last_status IS NOT NULL THEN 'fetched' END;

ALTER TABLE runs ADD COLUMN feeds_fetched INTEGER;       -- fetched and parsed (a new body)
ALTER TABLE runs ADD COLUMN feeds_not_modified INTEGER;  -- 304, or the same body as last time
ALTER TABLE runs ADD COLUMN feeds_skipped INTEGER;       -- backing off: not fetched this run
ALTER TABLE runs ADD COLUMN feeds_gone INTEGER;          -- 410 this run, or gone before and not fetched
