-- A request whose session the server has already looked up within the last minute does not look it up
-- again before its work: its access context sends this check in the transaction's first write, ahead of
-- the row-level security settings and the work's first statement (apps/server/src/auth/session-cache.ts).
-- The check raises unless the session is still what the server remembers: not revoked, not idle, not
-- past its maximum age, second factor done, the user not disabled and unchanged (same version, roles and
-- organisation, and the organisation of the same type). A raised check aborts the transaction, so
-- PostgreSQL refuses every statement behind it and nothing is read or written for a session that ended.
-- In PL/pgSQL the look-up's plan is kept for the connection's life.
CREATE FUNCTION utvag_require_session(
  p_session_id text, p_user_id uuid, p_user_version integer, p_roles text[], p_organisation_id uuid,
  p_organisation_type text, p_idle_minutes integer, p_max_hours integer
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN organisations o ON o.id = u.organisation_id
   WHERE s.id = p_session_id
     AND s.user_id = p_user_id
     AND s.revoked_at IS NULL
     AND s.second_factor_at IS NOT NULL
     AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes)
     AND s.created_at > now() - make_interval(hours => p_max_hours)
     AND u.disabled_at IS NULL
     AND u.version = p_user_version
     AND u.roles = p_roles
     AND u.organisation_id = p_organisation_id
     AND o.type = p_organisation_type;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the session has ended or its account has changed' USING ERRCODE = 'UV401';
  END IF;
END
$$;
-- Only the server's own login role checks sessions; the application role never reads them.
REVOKE EXECUTE ON FUNCTION utvag_require_session(text, uuid, integer, text[], uuid, text, integer, integer) FROM PUBLIC;
