-- Mart: the company × topic matrix per period: how often each company is covered under each topic.
-- Grain: period × period_start × company × topic (pairs that occur only).
-- materialized: table
--
-- Columns:
--   period           week (ISO, Monday start) | month | all
--   period_start     first day of the period; NULL for period = 'all'
--   company_id, company_name, topic_id, topic_name
--   articles         AI-relevant, de-duplicated stories naming the company and carrying the topic
--   company_articles stories naming the company in the period (with or without a topic)
--   topic_share      articles / company_articles: the part of the company's coverage on this topic
--
-- Inside, the period is keyed by period_key (0001-01-01 for 'all') so that the join is a plain
-- equi-join (`IS NOT DISTINCT FROM` on period_start made DuckDB use a nested loop).
CREATE OR REPLACE VIEW mart_company_topics AS
WITH periods AS (
    SELECT sc.story_key, sc.company_id, sc.company_name, p.period,
        CASE p.period WHEN 'week' THEN sc.week_start WHEN 'month' THEN sc.month_start
            ELSE DATE '0001-01-01' END AS period_key
    FROM stg_story_companies AS sc
    CROSS JOIN (VALUES ('week'), ('month'), ('all')) AS p (period)
),
company_totals AS (
    SELECT period, period_key, company_id, count(*) AS company_articles
    FROM periods
    GROUP BY ALL
),
pairs AS (
    SELECT p.period, p.period_key, p.company_id, p.company_name, st.topic_id, st.topic_name,
        count(*) AS articles
    FROM periods AS p
    JOIN stg_story_topics AS st USING (story_key)
    GROUP BY ALL
)
SELECT
    pairs.period,
    CASE WHEN pairs.period <> 'all' THEN pairs.period_key END AS period_start,
    pairs.company_id,
    pairs.company_name,
    pairs.topic_id,
    pairs.topic_name,
    pairs.articles,
    company_totals.company_articles,
    pairs.articles / company_totals.company_articles AS topic_share
FROM pairs
JOIN company_totals
    ON pairs.period = company_totals.period
    AND pairs.period_key = company_totals.period_key
    AND pairs.company_id = company_totals.company_id;
