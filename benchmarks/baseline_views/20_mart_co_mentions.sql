-- Mart: co-mentions: pairs of companies named in the same story, with counts and lift.
-- Grain: period × period_start × (company_a, company_b) with company_a < company_b (pairs that occur).
--
-- Columns:
--   period           week (ISO, Monday start) | month | all
--   period_start     first day of the period; NULL for period = 'all'
--   company_a, company_a_name, company_b, company_b_name   the pair, ids in alphabetical order
--   articles         AI-relevant, de-duplicated stories naming both
--   company_a_articles, company_b_articles   stories naming each one
--   period_articles  all AI-relevant stories in the period (N)
--   lift             articles × N / (company_a_articles × company_b_articles): how much more often
--                    the two appear together than if they were named independently (1 = chance)
CREATE OR REPLACE VIEW mart_co_mentions AS
WITH periods AS (
    SELECT sc.story_key, sc.company_id, sc.company_name, p.period,
        CASE p.period WHEN 'week' THEN sc.week_start WHEN 'month' THEN sc.month_start END AS period_start
    FROM stg_story_companies AS sc
    CROSS JOIN (VALUES ('week'), ('month'), ('all')) AS p (period)
),
story_periods AS (
    SELECT p.period,
        CASE p.period WHEN 'week' THEN s.week_start WHEN 'month' THEN s.month_start END AS period_start,
        count(*) AS period_articles
    FROM stg_stories AS s
    CROSS JOIN (VALUES ('week'), ('month'), ('all')) AS p (period)
    GROUP BY ALL
),
singles AS (
    SELECT period, period_start, company_id, count(*) AS company_articles
    FROM periods
    GROUP BY ALL
),
pairs AS (
    SELECT a.period, a.period_start,
        a.company_id AS company_a, a.company_name AS company_a_name,
        b.company_id AS company_b, b.company_name AS company_b_name,
        count(*) AS articles
    FROM periods AS a
    JOIN periods AS b
        ON a.story_key = b.story_key AND a.period = b.period AND a.company_id < b.company_id
    GROUP BY ALL
)
SELECT
    pairs.period,
    pairs.period_start,
    pairs.company_a,
    pairs.company_a_name,
    pairs.company_b,
    pairs.company_b_name,
    pairs.articles,
    sa.company_articles AS company_a_articles,
    sb.company_articles AS company_b_articles,
    sp.period_articles,
    pairs.articles * sp.period_articles / (sa.company_articles * sb.company_articles) AS lift
FROM pairs
JOIN singles AS sa
    ON sa.period = pairs.period AND sa.period_start IS NOT DISTINCT FROM pairs.period_start
    AND sa.company_id = pairs.company_a
JOIN singles AS sb
    ON sb.period = pairs.period AND sb.period_start IS NOT DISTINCT FROM pairs.period_start
    AND sb.company_id = pairs.company_b
JOIN story_periods AS sp
    ON sp.period = pairs.period AND sp.period_start IS NOT DISTINCT FROM pairs.period_start;
