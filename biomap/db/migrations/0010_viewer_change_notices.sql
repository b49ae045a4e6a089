-- Each worker keeps the viewer of a bearer token in memory for a few seconds (biomap/identity/
-- viewer_cache.py). Anything that can change what a token grants — a revoked or expired token, a
-- disabled user, a new role or organisation, an organisation's verification — announces itself
-- here, and every worker listening empties its cache when the change commits (NOTIFY is delivered
-- at commit, never for a rolled-back change). Statement-level: one notice per statement, whatever
-- the number of rows; inserts need none, since a token nobody has used yet is in no cache.
CREATE FUNCTION notify_viewer_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('biomap_viewer_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_token_viewer_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_token
    FOR EACH STATEMENT EXECUTE FUNCTION notify_viewer_changed();
CREATE TRIGGER app_user_viewer_changed AFTER UPDATE OR DELETE OR TRUNCATE ON app_user
    FOR EACH STATEMENT EXECUTE FUNCTION notify_viewer_changed();
CREATE TRIGGER organisation_viewer_changed AFTER UPDATE OR DELETE OR TRUNCATE ON organisation
    FOR EACH STATEMENT EXECUTE FUNCTION notify_viewer_changed();
