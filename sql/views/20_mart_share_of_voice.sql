-- Mart: share of voice: each company's share of all company mentions in a period, overall, per
-- language and per source. Grain: period × period_start × breakdown × segment × company (only
-- companies named in that period and segment).
-- materialized: table
--
-- Columns:
--   period           day | week (ISO, Monday start) | month | all (everything stored)
--   period_start     first day of the period; NULL for period = 'all'
--   breakdown        all | language | source
--   segment          'all', the language code ('unknown' when none) or the source
--   company_id, company_name
--   mentions         accepted name occurrences of the company in the segment's stories
--   articles         stories naming the company
--   total_mentions   mentions of every company in the same period and segment
--   total_articles   company-story pairs in the same period and segment
--   share_of_mentions  mentions / total_mentions (the shares of a segment add up to 1)
--   share_of_articles  articles / total_articles
CREATE OR REPLACE VIEW mart_share_of_voice AS
WITH periods AS (
    SELECT sc.*, p.period,
        CASE p.period
            WHEN 'day' THEN sc.day
            WHEN 'week' THEN sc.week_start
            WHEN 'month' THEN sc.month_start
        END AS period_start
    FROM stg_story_companies AS sc
    CROSS JOIN (VALUES ('day'), ('week'), ('month'), ('all')) AS p (period)
),
segmented AS (
    SELECT period, period_start, 'all' AS breakdown, 'all' AS segment, company_id, company_name, mentions
    FROM periods
    UNION ALL
    SELECT period, period_start, 'language', coalesce(language, 'unknown'), company_id, company_name, mentions
    FROM periods
    UNION ALL
    SELECT period, period_start, 'source', source, company_id, company_name, mentions
    FROM periods
),
per_company AS (
    SELECT
        period, period_start, breakdown, segment, company_id, company_name,
        sum(mentions) AS mentions,
        count(*) AS articles
    FROM segmented
    GROUP BY ALL
)
SELECT
    period,
    period_start,
    breakdown,
    segment,
    company_id,
    company_name,
    mentions,
    articles,
    sum(mentions) OVER segment_period AS total_mentions,
    sum(articles) OVER segment_period AS total_articles,
    mentions / sum(mentions) OVER segment_period AS share_of_mentions,
    articles / sum(articles) OVER segment_period AS share_of_articles
FROM per_company
WINDOW segment_period AS (PARTITION BY period, period_start, breakdown, segment);
