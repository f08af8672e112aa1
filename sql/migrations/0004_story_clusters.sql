-- 0004: story clusters. Near-duplicate copies of one story (a wire story republished by several
-- outlets) share a story_id: the article_id of the first article of the story that was loaded.
-- story_signatures keeps each signed article's MinHash, so later runs compare new articles with
-- recent ones without recomputing them. Rules and parameters: pipeline/clusters.py.

ALTER TABLE articles ADD COLUMN story_id VARCHAR;

CREATE TABLE story_signatures (
    article_id         VARCHAR PRIMARY KEY,
    story_id           VARCHAR NOT NULL,
    day                DATE NOT NULL,      -- publication date (UTC), or the fetch date: the window's key
    method             VARCHAR NOT NULL,   -- shingling and MinHash parameters (clusters.METHOD)
    signature          BLOB NOT NULL,      -- the MinHash values, little-endian uint32
    matched_article_id VARCHAR,            -- the earlier article it was found similar to, if any
    similarity         DOUBLE              -- estimated Jaccard similarity to it (1.0: identical text)
);

-- Articles loaded before clusters existed: identical texts are one story, named after the earliest
-- copy (as the views ranked them); an article with no text is a story of its own. No signatures
-- are computed for them (one grouped pass and one update: about 4 s at a million articles).
UPDATE articles SET story_id = first.story_id
FROM (
    SELECT coalesce(content_hash, article_id) AS story_key,
           arg_min(article_id, (coalesce(published_at, fetched_at), fetched_at, article_id)) AS story_id
    FROM articles
    GROUP BY story_key
) AS first
WHERE coalesce(articles.content_hash, articles.article_id) = first.story_key;
