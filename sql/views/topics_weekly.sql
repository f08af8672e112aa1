-- AI-relevant articles per topic per ISO week (week starting Monday, UTC).
CREATE OR REPLACE VIEW topics_weekly AS
WITH dated AS (
    SELECT
        a.article_id,
        CAST(date_trunc('week', coalesce(a.published_at, a.fetched_at) AT TIME ZONE 'UTC') AS DATE)
            AS week_start
    FROM articles AS a
    WHERE a.is_ai_relevant IS NOT FALSE  -- NULL: loaded before relevance existed; `mediamon retag` sets it
)
SELECT
    d.week_start,
    t.topic_id,
    t.name AS topic_name,
    count(*) AS articles,
    round(avg(tp.score), 2) AS avg_score
FROM article_topics AS tp
JOIN dated AS d USING (article_id)
JOIN topics AS t USING (topic_id)
GROUP BY d.week_start, t.topic_id, t.name
ORDER BY d.week_start, articles DESC, t.topic_id;
