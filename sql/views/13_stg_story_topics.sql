-- Staging: one row per AI-relevant story × topic (tags of the story's kept copy).
-- materialized: table
--
-- Columns:
--   story_key, article_id, day, week_start, month_start, iso_year, iso_week, language, source:
--   from stg_stories
--   topic_id, topic_name   the topic (topics.name)
--   score        the topic's score in the article
CREATE OR REPLACE VIEW stg_story_topics AS
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
    tp.topic_id,
    t.name AS topic_name,
    tp.score
FROM stg_stories AS s
JOIN article_topics AS tp USING (article_id)
JOIN topics AS t USING (topic_id);
