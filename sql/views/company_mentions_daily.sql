-- Mentions per company per day: AI-relevant articles naming the company and total mentions.
-- The day is the publication date (UTC), or the fetch date when the article has none.
CREATE OR REPLACE VIEW company_mentions_daily AS
WITH dated AS (
    SELECT
        a.article_id,
        CAST(coalesce(a.published_at, a.fetched_at) AT TIME ZONE 'UTC' AS DATE) AS day
    FROM articles AS a
    WHERE a.is_ai_relevant IS NOT FALSE  -- NULL: loaded before relevance existed; `mediamon retag` sets it
),
joined AS (
    SELECT d.day, ac.company_id, ac.article_id, ac.mentions
    FROM article_companies AS ac
    JOIN dated AS d USING (article_id)
)
SELECT
    day,
    company_id,
    c.name AS company_name,
    count(DISTINCT article_id) AS articles,
    sum(mentions) AS mentions
FROM joined
JOIN companies AS c USING (company_id)
GROUP BY day, company_id, c.name
ORDER BY day, articles DESC, company_id;
