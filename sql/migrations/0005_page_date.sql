-- The page's own publication date, kept beside the one chosen for `published_at`: the feed's date
-- wins when it is plausible (`date_source` says which was used and what was rejected), so without
-- this column the page's date was lost. The feed's date stays in feed_entries.published_at and the
-- first-seen time in feed_entries.first_seen_at.
ALTER TABLE articles ADD COLUMN page_published_at TIMESTAMPTZ;
