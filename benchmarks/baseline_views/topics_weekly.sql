-- Public interface (kept since 0001): AI-relevant, de-duplicated stories per topic per ISO week
-- (week starting Monday, UTC); only weeks in which the topic occurs.
-- Built on mart_topic_weekly (files without a numeric prefix sort after the 1x_/2x_ layers).
CREATE OR REPLACE VIEW topics_weekly AS
SELECT week_start, topic_id, topic_name, articles, round(avg_score, 2) AS avg_score
FROM mart_topic_weekly
WHERE articles > 0
ORDER BY week_start, articles DESC, topic_id;
