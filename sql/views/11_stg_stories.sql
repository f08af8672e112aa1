-- Staging: one row per AI-relevant story, i.e. the earliest copy of each story_key: near-duplicate
-- copies (a wire story republished by several outlets, grouped by pipeline/clusters.py) and
-- identical texts are one story. This is the unit every trend mart counts ("articles" in a mart =
-- stories). A story is relevant when its earliest copy is, and is tagged as that copy is (copies
-- share most of their text, so their tags nearly always agree).
-- materialized: table
--
-- Columns: the stg_articles columns of the kept copy: article_id, url, title, text, feed_id, source,
--   language, published_at, fetched_at, day, week_start, month_start, iso_year, iso_week,
--   is_relevant, extraction_failed, extraction_status, word_count, content_hash, story_id, story_key,
--   story_rank (always 1 here), plus
--   first_source  the source that published the story first (= source: the kept copy is the earliest)
--   copies    articles in the story: its near-duplicate and identical copies (1 = no other copy)
--   sources   distinct sources (publishers) carrying a copy of the story
--   feeds     distinct feeds that brought any copy (an article reached through two feeds counts two)
CREATE OR REPLACE VIEW stg_stories AS
WITH spread AS (
    SELECT
        s.story_key,
        count(DISTINCT s.article_id) AS copies,
        count(DISTINCT s.source) AS sources
    FROM stg_articles AS s
    GROUP BY s.story_key
),
feeds AS (
    SELECT s.story_key, count(DISTINCT f.feed_id) AS feeds
    FROM stg_articles AS s
    JOIN (
        SELECT article_id, feed_id FROM feed_entries
        UNION
        SELECT article_id, feed_id FROM articles
    ) AS f USING (article_id)
    GROUP BY s.story_key
)
SELECT
    k.*,
    k.source AS first_source,
    spread.copies,
    spread.sources,
    feeds.feeds
FROM stg_articles AS k
JOIN spread USING (story_key)
JOIN feeds USING (story_key)
WHERE k.story_rank = 1 AND k.is_relevant;
