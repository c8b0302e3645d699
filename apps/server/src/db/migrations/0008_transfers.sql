-- Moving: a case is transferred to another municipality (or collaboration of municipalities), for
-- instance when the participant moves for their safety. Both organisations see the transfer row;
-- the receiving organisation sees a minimal summary of the case (alias, program, status) while the
-- transfer is pending, through a SECURITY DEFINER function rather than a wider cases policy. On
-- acceptance the case, the participant and the whole history (keyed by case id) pass to the receiving
-- organisation and the sending organisation keeps no access at all: its own records outside this case
-- (for instance its own archive) stay under its own retention, not here.

CREATE TABLE case_transfers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  from_organisation_id uuid NOT NULL REFERENCES organisations (id),
  to_organisation_id uuid NOT NULL REFERENCES organisations (id),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'declined', 'withdrawn')),
  reason bytea,
  decline_reason bytea,
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CHECK (from_organisation_id <> to_organisation_id),
  CHECK ((status = 'requested') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX case_transfers_one_pending ON case_transfers (case_id) WHERE status = 'requested';
CREATE INDEX case_transfers_incoming ON case_transfers (to_organisation_id) WHERE status = 'requested';
COMMENT ON TABLE case_transfers IS 'Transfers of a case between municipalities; visible to the sending and the receiving organisation only.';
COMMENT ON COLUMN case_transfers.reason IS 'Encrypted (AES-256-GCM envelope): why the participant moves may reveal a threat.';
COMMENT ON COLUMN case_transfers.decline_reason IS 'Encrypted: why the receiving organisation declined.';

ALTER TABLE case_transfers ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_transfers_parties ON case_transfers TO utvag_app
  USING (from_organisation_id = utvag_current_organisation() OR to_organisation_id = utvag_current_organisation())
  WITH CHECK (from_organisation_id = utvag_current_organisation() OR to_organisation_id = utvag_current_organisation());
GRANT SELECT, INSERT, UPDATE ON case_transfers TO utvag_app;

ALTER TABLE consents ADD COLUMN withdrawal_reason text CHECK (withdrawal_reason IN ('transferred'));
COMMENT ON COLUMN consents.withdrawal_reason IS 'Set when the system withdrew the consent: "transferred" when the case moved to another municipality.';

-- The pending transfers to the current organisation, with the minimal summary of each case: alias,
-- program and status. No names, no contact details, no history. The participant id is returned for
-- the audit log only.
CREATE FUNCTION utvag_incoming_transfers() RETURNS TABLE (
  id uuid, case_id uuid, participant_id uuid, from_organisation_id uuid, from_organisation_name text,
  alias text, program text, case_status text, reason bytea, requested_at timestamptz, version integer
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id, t.case_id, c.participant_id, t.from_organisation_id, o.name, p.alias, c.program, c.status, t.reason, t.requested_at, t.version
  FROM case_transfers t
  JOIN cases c ON c.id = t.case_id
  JOIN participants p ON p.id = c.participant_id
  JOIN organisations o ON o.id = t.from_organisation_id
  WHERE t.status = 'requested' AND t.to_organisation_id = utvag_current_organisation()
  ORDER BY t.requested_at
$$;

-- Accepts a pending transfer to the current organisation, all in the caller's transaction: the case
-- and the participant pass to the receiving organisation, the chosen user becomes coordinator, the
-- sending organisation's team members are removed and consents given to it are withdrawn. Returns
-- false when the transfer is not pending to this organisation at `p_version` (nothing is changed).
CREATE FUNCTION utvag_accept_transfer(p_transfer_id uuid, p_version integer, p_coordinator_user_id uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t case_transfers%ROWTYPE;
  actor uuid := nullif(current_setting('utvag.user_id', true), '')::uuid;
BEGIN
  UPDATE case_transfers SET status = 'accepted', decided_by = actor, decided_at = now(), version = version + 1
    WHERE id = p_transfer_id AND status = 'requested' AND version = p_version AND to_organisation_id = utvag_current_organisation()
    RETURNING * INTO t;
  IF NOT FOUND OR actor IS NULL THEN
    RETURN false;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_coordinator_user_id AND u.organisation_id = t.to_organisation_id AND u.disabled_at IS NULL) THEN
    RAISE EXCEPTION 'coordinator not in receiving organisation' USING ERRCODE = 'check_violation';
  END IF;
  UPDATE cases SET owner_organisation_id = t.to_organisation_id, coordinator_user_id = p_coordinator_user_id,
      version = version + 1, updated_at = now()
    WHERE id = t.case_id;
  UPDATE participants SET owner_organisation_id = t.to_organisation_id, updated_at = now()
    WHERE id = (SELECT c.participant_id FROM cases c WHERE c.id = t.case_id);
  UPDATE case_team_members SET removed_at = now(), removed_by = actor
    WHERE case_id = t.case_id AND removed_at IS NULL
      AND (organisation_id = t.from_organisation_id OR user_id = p_coordinator_user_id OR team_role = 'coordinator');
  INSERT INTO case_team_members (case_id, user_id, organisation_id, team_role, added_by)
    VALUES (t.case_id, p_coordinator_user_id, t.to_organisation_id, 'coordinator', actor);
  UPDATE consents SET withdrawn_at = now(), withdrawn_by = actor, withdrawal_reason = 'transferred', version = version + 1
    WHERE case_id = t.case_id AND recipient_organisation_id = t.from_organisation_id AND withdrawn_at IS NULL;
  RETURN true;
END $$;

REVOKE EXECUTE ON FUNCTION utvag_incoming_transfers(), utvag_accept_transfer(uuid, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION utvag_incoming_transfers(), utvag_accept_transfer(uuid, integer, uuid) TO utvag_app;
