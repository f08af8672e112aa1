-- Mart: per source (publisher, articles.source_domain): volume, languages, extraction failures.
-- Counts every stored article, relevant or not, since this is about the source's intake.
-- Grain: source.
-- materialized: table
--
-- Columns:
--   source           articles.source_domain
--   feeds            feed ids that brought its articles
--   articles         articles stored
--   duplicates       copies of a story an earlier article already carried (story_rank > 1: the same
--                    text, or a near-duplicate such as a syndicated wire story)
--   relevant_articles  articles counting as AI-relevant (is_ai_relevant TRUE or NULL)
--   relevant_share   relevant_articles / articles
--   languages        languages seen, most frequent first
--   main_language    the most frequent language
--   extraction_failures  articles whose page gave no usable text (feed summary used instead)
--   extraction_failure_rate  extraction_failures / articles
--   first_day, last_day  first and last day (publication, else fetch) of its articles
--   active_days      days with at least one article
CREATE OR REPLACE VIEW mart_sources AS
WITH by_language AS (
    SELECT source, language, count(*) AS n
    FROM stg_articles
    WHERE language IS NOT NULL
    GROUP BY ALL
),
languages AS (
    SELECT source, list(language ORDER BY n DESC, language) AS languages
    FROM by_language
    GROUP BY source
)
SELECT
    a.source,
    list(DISTINCT a.feed_id ORDER BY a.feed_id) AS feeds,
    count(*) AS articles,
    count(*) FILTER (WHERE a.story_rank > 1) AS duplicates,
    count(*) FILTER (WHERE a.is_relevant) AS relevant_articles,
    count(*) FILTER (WHERE a.is_relevant) / count(*) AS relevant_share,
    coalesce(any_value(l.languages), CAST([] AS VARCHAR[])) AS languages,
    any_value(l.languages)[1] AS main_language,
    count(*) FILTER (WHERE a.extraction_failed) AS extraction_failures,
    count(*) FILTER (WHERE a.extraction_failed) / count(*) AS extraction_failure_rate,
    min(a.day) AS first_day,
    max(a.day) AS last_day,
    count(DISTINCT a.day) AS active_days
FROM stg_articles AS a
LEFT JOIN languages AS l USING (source)
GROUP BY a.source;
