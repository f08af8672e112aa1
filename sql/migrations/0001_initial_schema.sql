-- 0001: the warehouse's first public schema. Forward-only; later changes get new files.

CREATE TABLE feeds (
    feed_id              VARCHAR PRIMARY KEY,
    url                  VARCHAR NOT NULL,
    name                 VARCHAR,
    language             VARCHAR,
    tags                 VARCHAR[],
    first_seen_at        TIMESTAMPTZ NOT NULL,
    last_fetched_at      TIMESTAMPTZ,
    last_status          VARCHAR,          -- ok | warning | error
    last_http_status     INTEGER,
    last_error           VARCHAR,
    last_entry_count     INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0
);

-- Every (feed, item) pair ever seen; an article reached through two feeds has two rows here.
CREATE TABLE feed_entries (
    feed_id        VARCHAR NOT NULL,
    guid           VARCHAR NOT NULL,
    article_id     VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,
    title          VARCHAR,
    published_at   TIMESTAMPTZ,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    run_id         VARCHAR NOT NULL,
    outcome        VARCHAR NOT NULL,       -- loaded | duplicate | quarantined
    PRIMARY KEY (feed_id, guid)
);

CREATE TABLE articles (
    article_id        VARCHAR PRIMARY KEY,  -- left(sha256(canonical_url), 32)
    url               VARCHAR NOT NULL,
    canonical_url     VARCHAR NOT NULL,
    feed_id           VARCHAR NOT NULL,     -- the feed that brought it first
    source_domain     VARCHAR NOT NULL,
    title             VARCHAR,
    author            VARCHAR,
    published_at      TIMESTAMPTZ,
    date_source       VARCHAR,              -- feed | page | NULL (unknown)
    fetched_at        TIMESTAMPTZ NOT NULL,
    language          VARCHAR,
    site_name         VARCHAR,
    summary           VARCHAR,
    text              VARCHAR,
    word_count        INTEGER NOT NULL,
    extraction_status VARCHAR NOT NULL,     -- ok | fallback_summary
    extraction_error  VARCHAR,
    content_hash      VARCHAR,
    run_id            VARCHAR NOT NULL
);

CREATE TABLE companies (
    company_id VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    wikidata   VARCHAR,
    aliases    VARCHAR[],
    ambiguous  BOOLEAN NOT NULL
);

CREATE TABLE topics (
    topic_id    VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    description VARCHAR
);

CREATE TABLE article_companies (
    article_id VARCHAR NOT NULL,
    company_id VARCHAR NOT NULL,
    mentions   INTEGER NOT NULL,
    in_title   BOOLEAN NOT NULL,
    PRIMARY KEY (article_id, company_id)
);

CREATE TABLE article_topics (
    article_id VARCHAR NOT NULL,
    topic_id   VARCHAR NOT NULL,
    score      DOUBLE NOT NULL,
    PRIMARY KEY (article_id, topic_id)
);

-- Rows that failed a row-level expectation, with every failed expectation as a reason.
CREATE TABLE quarantine (
    article_id     VARCHAR PRIMARY KEY,
    url            VARCHAR,
    feed_id        VARCHAR,
    run_id         VARCHAR NOT NULL,
    reasons        VARCHAR[] NOT NULL,
    record         JSON NOT NULL,
    quarantined_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE dq_results (
    run_id             VARCHAR NOT NULL,
    suite              VARCHAR NOT NULL,
    ordinal            INTEGER NOT NULL,
    expectation_type   VARCHAR NOT NULL,
    column_name        VARCHAR,
    success            BOOLEAN NOT NULL,
    element_count      BIGINT,
    unexpected_count   BIGINT,
    unexpected_percent DOUBLE,
    result             JSON,
    validated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, suite, ordinal)
);

CREATE TABLE runs (
    run_id             VARCHAR PRIMARY KEY,
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ,
    status             VARCHAR NOT NULL,  -- success | failed
    feeds_file         VARCHAR,
    feeds_total        INTEGER,
    feeds_failed       INTEGER,
    entries_total      INTEGER,
    entries_new        INTEGER,
    duplicates_skipped INTEGER,
    pages_fetched      INTEGER,
    pages_failed       INTEGER,
    extracted_ok       INTEGER,
    extracted_fallback INTEGER,
    loaded             INTEGER,
    quarantined        INTEGER,
    stage_seconds      JSON,
    error              VARCHAR
);
