-- Mart: topic trends per ISO week. Grain: topic × ISO week, dense (zero-filled) from the first to
-- the last week with an AI-relevant story, for every topic ever assigned.
--
-- Columns:
--   week_start       Monday of the ISO week
--   iso_year, iso_week  ISO-8601 year and week number
--   topic_id, topic_name
--   articles         AI-relevant, de-duplicated stories with the topic that week
--   avg_score        mean topic score of those stories (NULL when articles = 0)
--   week_articles    all AI-relevant stories that week
--   share            articles / week_articles (NULL for a week without stories)
--   articles_prev_week  `articles` the week before (NULL for the first week)
--   change           articles - articles_prev_week
CREATE OR REPLACE VIEW mart_topic_weekly AS
WITH weeks AS (
    SELECT CAST(unnest(generate_series(min(week_start), max(week_start), INTERVAL 7 DAY)) AS DATE)
        AS week_start
    FROM stg_stories
),
assigned AS (
    SELECT DISTINCT topic_id, topic_name FROM stg_story_topics
),
counted AS (
    SELECT week_start, topic_id, count(*) AS articles, avg(score) AS avg_score
    FROM stg_story_topics
    GROUP BY week_start, topic_id
),
week_totals AS (
    SELECT week_start, count(*) AS week_articles FROM stg_stories GROUP BY week_start
),
dense AS (
    SELECT
        weeks.week_start,
        assigned.topic_id,
        assigned.topic_name,
        coalesce(counted.articles, 0) AS articles,
        counted.avg_score,
        coalesce(week_totals.week_articles, 0) AS week_articles
    FROM weeks
    CROSS JOIN assigned
    LEFT JOIN counted USING (week_start, topic_id)
    LEFT JOIN week_totals USING (week_start)
)
SELECT
    week_start,
    isoyear(week_start) AS iso_year,
    week(week_start) AS iso_week,
    topic_id,
    topic_name,
    articles,
    avg_score,
    week_articles,
    articles / nullif(week_articles, 0) AS share,
    lag(articles) OVER by_topic AS articles_prev_week,
    articles - lag(articles) OVER by_topic AS change
FROM dense
WINDOW by_topic AS (PARTITION BY topic_id ORDER BY week_start);
