-- myCalendarFeeds lists a user's own feeds in id order: without this index every listing scans
-- all feeds of all users.
CREATE INDEX calendar_feed_owner_idx ON calendar_feed (owner_id, id);
