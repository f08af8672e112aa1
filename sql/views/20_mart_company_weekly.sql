-- Mart: mentions per company per ISO week. Grain: company × ISO week, dense (zero-filled) from the
-- first to the last week with an AI-relevant story, for every company ever named.
-- materialized: table
--
-- Columns:
--   week_start       Monday of the ISO week
--   iso_year, iso_week  ISO-8601 year and week number
--   company_id, company_name
--   articles         AI-relevant, de-duplicated stories naming the company that week
--   mentions         accepted name occurrences in those stories
--   articles_daily_avg, mentions_daily_avg   per-day averages over the week (articles / 7): the
--                    7-day rolling average taken at the week's Sunday
--   articles_prev_week  `articles` the week before (NULL for the first week)
CREATE OR REPLACE VIEW mart_company_weekly AS
WITH weeks AS (
    SELECT CAST(unnest(generate_series(min(week_start), max(week_start), INTERVAL 7 DAY)) AS DATE)
        AS week_start
    FROM stg_stories
),
named AS (
    SELECT DISTINCT company_id, company_name FROM stg_story_companies
),
counted AS (
    SELECT week_start, company_id, count(*) AS articles, sum(mentions) AS mentions
    FROM stg_story_companies
    GROUP BY week_start, company_id
),
dense AS (
    SELECT
        weeks.week_start,
        named.company_id,
        named.company_name,
        coalesce(counted.articles, 0) AS articles,
        coalesce(counted.mentions, 0) AS mentions
    FROM weeks
    CROSS JOIN named
    LEFT JOIN counted USING (week_start, company_id)
)
SELECT
    week_start,
    isoyear(week_start) AS iso_year,
    week(week_start) AS iso_week,
    company_id,
    company_name,
    articles,
    mentions,
    articles / 7.0 AS articles_daily_avg,
    mentions / 7.0 AS mentions_daily_avg,
    lag(articles) OVER (PARTITION BY company_id ORDER BY week_start) AS articles_prev_week
FROM dense;
