-- Mart: co-mentions: pairs of companies named in the same story, with counts and lift.
-- Grain: period × period_start × (company_a, company_b) with company_a < company_b (pairs that occur).
-- materialized: table
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
--
-- The pairs are formed once per story, then counted per period. Inside, the period is keyed by
-- period_key (a real date for every period, 0001-01-01 for 'all') so that the joins are plain
-- equi-joins: joining on `period_start IS NOT DISTINCT FROM` made DuckDB fall back to a nested
-- loop (minutes at a million articles).
CREATE OR REPLACE VIEW mart_co_mentions AS
WITH periods AS (
    SELECT p.period FROM (VALUES ('week'), ('month'), ('all')) AS p (period)
),
story_pairs AS (
    SELECT a.story_key, a.week_start, a.month_start,
        a.company_id AS company_a, a.company_name AS company_a_name,
        b.company_id AS company_b, b.company_name AS company_b_name
    FROM stg_story_companies AS a
    JOIN stg_story_companies AS b ON a.story_key = b.story_key AND a.company_id < b.company_id
),
pairs AS (
    SELECT p.period,
        CASE p.period WHEN 'week' THEN sp.week_start WHEN 'month' THEN sp.month_start
            ELSE DATE '0001-01-01' END AS period_key,
        sp.company_a, sp.company_a_name, sp.company_b, sp.company_b_name,
        count(*) AS articles
    FROM story_pairs AS sp
    CROSS JOIN periods AS p
    GROUP BY ALL
),
singles AS (
    SELECT p.period,
        CASE p.period WHEN 'week' THEN sc.week_start WHEN 'month' THEN sc.month_start
            ELSE DATE '0001-01-01' END AS period_key,
        sc.company_id, count(*) AS company_articles
    FROM stg_story_companies AS sc
    CROSS JOIN periods AS p
    GROUP BY ALL
),
story_periods AS (
    SELECT p.period,
        CASE p.period WHEN 'week' THEN s.week_start WHEN 'month' THEN s.month_start
            ELSE DATE '0001-01-01' END AS period_key,
        count(*) AS period_articles
    FROM stg_stories AS s
    CROSS JOIN periods AS p
    GROUP BY ALL
)
SELECT
    pairs.period,
    CASE WHEN pairs.period <> 'all' THEN pairs.period_key END AS period_start,
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
    ON sa.period = pairs.period AND sa.period_key = pairs.period_key AND sa.company_id = pairs.company_a
JOIN singles AS sb
    ON sb.period = pairs.period AND sb.period_key = pairs.period_key AND sb.company_id = pairs.company_b
JOIN story_periods AS sp ON sp.period = pairs.period AND sp.period_key = pairs.period_key;
