-- Mart: mentions per company per day, with 7-day rolling averages. Grain: company × day, dense:
-- every day from the first to the last day with an AI-relevant story, for every company ever
-- named, zero-filled, so rolling windows and spike baselines see quiet days.
-- materialized: table
--
-- Columns:
--   day              calendar day (UTC; publication date, else fetch date)
--   company_id, company_name
--   articles         AI-relevant, de-duplicated stories naming the company that day
--   mentions         accepted name occurrences in those stories
--   articles_7d_avg  mean of `articles` over this day and the 6 before it (fewer at the very start
--                    of the data, where the window is cut off)
--   mentions_7d_avg  the same for `mentions`
CREATE OR REPLACE VIEW mart_company_daily AS
WITH calendar AS (
    SELECT CAST(unnest(generate_series(min(day), max(day), INTERVAL 1 DAY)) AS DATE) AS day
    FROM stg_stories
),
named AS (
    SELECT DISTINCT company_id, company_name FROM stg_story_companies
),
counted AS (
    SELECT day, company_id, count(*) AS articles, sum(mentions) AS mentions
    FROM stg_story_companies
    GROUP BY day, company_id
),
dense AS (
    SELECT
        calendar.day,
        named.company_id,
        named.company_name,
        coalesce(counted.articles, 0) AS articles,
        coalesce(counted.mentions, 0) AS mentions
    FROM calendar
    CROSS JOIN named
    LEFT JOIN counted USING (day, company_id)
)
SELECT
    day,
    company_id,
    company_name,
    articles,
    mentions,
    avg(articles) OVER last_7_days AS articles_7d_avg,
    avg(mentions) OVER last_7_days AS mentions_7d_avg
FROM dense
WINDOW last_7_days AS (PARTITION BY company_id ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW);
