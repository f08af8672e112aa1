-- Public interface (kept since 0001): mentions per company per day: AI-relevant, de-duplicated
-- stories naming the company, and total mentions; only days with at least one story.
-- The day is the publication date (UTC), or the fetch date when the article has none.
-- Built on mart_company_daily (files without a numeric prefix sort after the 1x_/2x_ layers).
CREATE OR REPLACE VIEW company_mentions_daily AS
SELECT day, company_id, company_name, articles, mentions
FROM mart_company_daily
WHERE articles > 0
ORDER BY day, articles DESC, company_id;
