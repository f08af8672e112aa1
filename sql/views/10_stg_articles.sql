-- Staging: one row per stored article, with the calendar keys, relevance and story identity that
-- every mart uses. Views are applied in sorted file-name order, so the numeric prefixes put the
-- staging layer (1x_stg_*) before the marts (2x_mart_*), and both before the unprefixed public
-- views (company_mentions_daily, topics_weekly, feed_status) that are built on them.
-- A file with the line "-- materialized: table" is stored as a table holding its query's result,
-- rebuilt by pipeline/warehouse.py (build_views) whenever a write changed the data it reads; this
-- one stays a view (one row per article, with the text, which a table would store twice).
--
-- Columns:
--   article_id, url, title, text, feed_id, language, published_at, fetched_at, content_hash,
--   story_id, word_count, extraction_status: as in `articles`
--   source           publisher: articles.source_domain
--   day              publication date (UTC), or the fetch date when the article has none
--   week_start       Monday of the ISO week of `day`
--   month_start      first day of the month of `day`
--   iso_year, iso_week  ISO-8601 year and week number of `day`
--   is_relevant      counts as AI-relevant: is_ai_relevant is TRUE or NULL (loaded before relevance
--                    existed; `mediamon retag` sets it)
--   extraction_failed  the page gave no usable text and the feed summary stands in (fallback_summary)
--   story_key        the story: story_id (near-duplicate copies share it, pipeline/clusters.py), or
--                    for rows without one content_hash, then article_id (same text = same story)
--   story_rank       1 for the earliest copy of a story (by publication time, or fetch time when there
--                    is none, then fetch time, article_id), 2.. for later copies; marts keep 1 only
CREATE OR REPLACE VIEW stg_articles AS
WITH typed AS (
    SELECT
        a.*,
        CAST(coalesce(a.published_at, a.fetched_at) AT TIME ZONE 'UTC' AS DATE) AS day,
        coalesce(a.story_id, a.content_hash, a.article_id) AS story_key
    FROM articles AS a
)
SELECT
    article_id,
    url,
    title,
    text,
    feed_id,
    source_domain AS source,
    language,
    published_at,
    fetched_at,
    day,
    CAST(date_trunc('week', day) AS DATE) AS week_start,
    CAST(date_trunc('month', day) AS DATE) AS month_start,
    isoyear(day) AS iso_year,
    week(day) AS iso_week,
    is_ai_relevant IS NOT FALSE AS is_relevant,
    extraction_status <> 'ok' AS extraction_failed,
    extraction_status,
    word_count,
    content_hash,
    story_id,
    story_key,
    row_number() OVER (
        PARTITION BY story_key ORDER BY coalesce(published_at, fetched_at), fetched_at, article_id
    ) AS story_rank
FROM typed;
