-- The check of a remembered session (0023) read the session, its user and the user's organisation on every
-- request, to learn that the account had not changed since the server looked the session up. Now each
-- session carries account_version, which moves on whenever anything the check compared changes: the
-- user's version, roles, organisation or disabled_at, or the type of the user's organisation. The look-up
-- reads it with the session, and the check compares it on the session's row alone. The triggers change the
-- sessions in the same transaction as the account, so the check sees both or neither; what it verifies is
-- unchanged, and a changed account still stops the next request (409, or 401 when disabled).
ALTER TABLE sessions ADD COLUMN account_version integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN sessions.account_version IS 'Moves on with every change of the account the session belongs to (see utvag_require_session).';

CREATE FUNCTION utvag_user_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sessions SET account_version = account_version + 1 WHERE user_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END
$$;
CREATE TRIGGER users_account_changed AFTER UPDATE OF version, roles, organisation_id, disabled_at ON users
  FOR EACH ROW
  WHEN (OLD.version IS DISTINCT FROM NEW.version OR OLD.roles IS DISTINCT FROM NEW.roles
        OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
  EXECUTE FUNCTION utvag_user_account_changed();

CREATE FUNCTION utvag_organisation_type_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sessions s SET account_version = s.account_version + 1
    FROM users u
   WHERE u.id = s.user_id AND u.organisation_id = NEW.id AND s.revoked_at IS NULL;
  RETURN NULL;
END
$$;
CREATE TRIGGER organisations_type_changed AFTER UPDATE OF type ON organisations
  FOR EACH ROW
  WHEN (OLD.type IS DISTINCT FROM NEW.type)
  EXECUTE FUNCTION utvag_organisation_type_changed();

DROP FUNCTION utvag_require_session(text, uuid, integer, text[], uuid, text, integer, integer);
-- Raises unless the session is still what the server remembers: not revoked, not idle, not past its maximum
-- age, second factor done, and its account unchanged since the look-up (the same account_version).
CREATE FUNCTION utvag_require_session(
  p_session_id text, p_user_id uuid, p_account_version integer, p_idle_minutes integer, p_max_hours integer
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1
    FROM sessions s
   WHERE s.id = p_session_id
     AND s.user_id = p_user_id
     AND s.account_version = p_account_version
     AND s.revoked_at IS NULL
     AND s.second_factor_at IS NOT NULL
     AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes)
     AND s.created_at > now() - make_interval(hours => p_max_hours);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the session has ended or its account has changed' USING ERRCODE = 'UV401';
  END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION utvag_require_session(text, uuid, integer, integer, integer) FROM PUBLIC;
