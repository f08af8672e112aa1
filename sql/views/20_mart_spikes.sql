-- Mart: spikes: a company's or topic's volume on one day against its trailing 14 days, the rule
-- Meltwater uses for editorial spike alerts ("compares one day with the past 14 days"; it also
-- checks the previous week, which here is the same weekday one week earlier, so a weekday
-- pattern alone does not alert). Grain: entity × day, dense (zero-filled) from the first to the
-- last day with an AI-relevant story.
-- materialized: table
--
-- Columns:
--   day              calendar day (UTC)
--   entity_type      company | topic
--   entity_id, entity_name
--   articles         AI-relevant, de-duplicated stories that day
--   baseline_days    days in the trailing window (14 except at the start of the data)
--   baseline_mean    mean daily `articles` over the 14 days before `day` (not including it)
--   baseline_stddev  their population standard deviation
--   week_ago_articles  `articles` on the same weekday a week earlier
--   z_score          (articles - baseline_mean) / greatest(baseline_stddev, 1): the deviation is
--                    floored at one story a day so that a burst after a silent fortnight gets a
--                    finite, comparable score instead of a division by zero
--   is_spike         baseline_days = 14 AND articles >= 3 AND z_score >= 2
--                    AND articles > week_ago_articles
CREATE OR REPLACE VIEW mart_spikes AS
WITH calendar AS (
    SELECT CAST(unnest(generate_series(min(day), max(day), INTERVAL 1 DAY)) AS DATE) AS day
    FROM stg_stories
),
entities AS (
    SELECT DISTINCT 'company' AS entity_type, company_id AS entity_id, company_name AS entity_name
    FROM stg_story_companies
    UNION ALL
    SELECT DISTINCT 'topic', topic_id, topic_name FROM stg_story_topics
),
counted AS (
    SELECT day, 'company' AS entity_type, company_id AS entity_id, count(*) AS articles
    FROM stg_story_companies
    GROUP BY ALL
    UNION ALL
    SELECT day, 'topic', topic_id, count(*) FROM stg_story_topics GROUP BY ALL
),
dense AS (
    SELECT calendar.day, e.entity_type, e.entity_id, e.entity_name, coalesce(c.articles, 0) AS articles
    FROM calendar
    CROSS JOIN entities AS e
    LEFT JOIN counted AS c USING (day, entity_type, entity_id)
),
baselined AS (
    SELECT
        *,
        count(*) OVER baseline_window AS baseline_days,
        avg(articles) OVER baseline_window AS baseline_mean,
        stddev_pop(articles) OVER baseline_window AS baseline_stddev,
        lag(articles, 7) OVER by_entity AS week_ago_articles
    FROM dense
    WINDOW
        by_entity AS (PARTITION BY entity_type, entity_id ORDER BY day),
        baseline_window AS (PARTITION BY entity_type, entity_id ORDER BY day ROWS BETWEEN 14 PRECEDING AND 1 PRECEDING)
),
scored AS (
    SELECT *, (articles - baseline_mean) / greatest(baseline_stddev, 1.0) AS z_score
    FROM baselined
)
SELECT
    day,
    entity_type,
    entity_id,
    entity_name,
    articles,
    baseline_days,
    baseline_mean,
    baseline_stddev,
    week_ago_articles,
    z_score,
    coalesce(
        baseline_days = 14 AND articles >= 3 AND z_score >= 2 AND articles > week_ago_articles, FALSE
    ) AS is_spike
FROM scored;
