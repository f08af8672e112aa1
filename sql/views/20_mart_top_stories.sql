-- Mart: top stories per company per period, ranked by how central the company is in the story
-- (salience), then by how many sources carried it. Grain: period × period_start × company × story.
-- materialized: table
--
-- Columns:
--   period           day | week (ISO, Monday start) | month
--   period_start     first day of the period
--   company_id, company_name
--   rank             1 = the company's top story of the period (salience desc, sources desc,
--                    mentions desc, earliest first)
--   story_key, article_id, title, url, source, language, published_at: the story's earliest copy
--   salience         0..1, the company's salience in the story
--   mentions         name occurrences; in_title, in_lead as in article_companies
--   sources          distinct sources carrying a copy of the story (syndicated copies included)
CREATE OR REPLACE VIEW mart_top_stories AS
WITH periods AS (
    SELECT sc.*, p.period,
        CASE p.period WHEN 'day' THEN sc.day WHEN 'week' THEN sc.week_start ELSE sc.month_start END
            AS period_start
    FROM stg_story_companies AS sc
    CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS p (period)
)
SELECT
    period,
    period_start,
    company_id,
    company_name,
    row_number() OVER (
        PARTITION BY period, period_start, company_id
        ORDER BY salience DESC, sources DESC, mentions DESC, day, article_id
    ) AS rank,
    story_key,
    article_id,
    title,
    url,
    source,
    language,
    published_at,
    salience,
    mentions,
    in_title,
    in_lead,
    sources
FROM periods;
