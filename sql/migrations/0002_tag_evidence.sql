-- 0002: tags an analyst can check: where each company was found, how central it is, whether
-- the article is about the AI industry at all, and how its language was decided.

ALTER TABLE articles ADD COLUMN language_source VARCHAR;   -- metadata | detected
ALTER TABLE articles ADD COLUMN ai_relevance DOUBLE;       -- 0..1
ALTER TABLE articles ADD COLUMN is_ai_relevant BOOLEAN;
ALTER TABLE articles ADD COLUMN tagged_with VARCHAR;       -- digest of the taxonomy file used

ALTER TABLE article_companies ADD COLUMN in_lead BOOLEAN;
ALTER TABLE article_companies ADD COLUMN salience DOUBLE;  -- 0..1: title, lead, count, position

-- Every accepted company name, with offsets into articles.title or articles.text.
CREATE TABLE company_mentions (
    article_id   VARCHAR NOT NULL,
    company_id   VARCHAR NOT NULL,
    field        VARCHAR NOT NULL,  -- title | text
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    matched_text VARCHAR NOT NULL,
    match_kind   VARCHAR NOT NULL,  -- alias | product | name
    in_lead      BOOLEAN NOT NULL,
    PRIMARY KEY (article_id, field, start_char)
);
