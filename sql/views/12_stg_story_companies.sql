-- Staging: one row per AI-relevant story × company named in it (tags of the story's kept copy).
-- materialized: table
--
-- Columns:
--   story_key, article_id, day, week_start, month_start, iso_year, iso_week, language, source,
--   sources, published_at, title, url: from stg_stories
--   company_id, company_name   the company (companies.name)
--   mentions     accepted name occurrences in title + text
--   in_title, in_lead   named in the title / in the lead
--   salience     0..1 (title, lead, count, position); 0 for rows tagged before salience existed
CREATE OR REPLACE VIEW stg_story_companies AS
SELECT
    s.story_key,
    s.article_id,
    s.day,
    s.week_start,
    s.month_start,
    s.iso_year,
    s.iso_week,
    s.language,
    s.source,
    s.sources,
    s.published_at,
    s.title,
    s.url,
    ac.company_id,
    c.name AS company_name,
    ac.mentions,
    ac.in_title,
    coalesce(ac.in_lead, FALSE) AS in_lead,
    coalesce(ac.salience, 0.0) AS salience
FROM stg_stories AS s
JOIN article_companies AS ac USING (article_id)
JOIN companies AS c USING (company_id);
