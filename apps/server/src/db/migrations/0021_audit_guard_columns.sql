-- The append-only guard of the audit log compares an event's columns one by one instead of two
-- `to_jsonb` copies of the whole row. The rule is the same (the content of an event never changes; the
-- sealer only fills in chain_seq, prev_hash and hash, once), but the sealer updates every event once, and
-- building two JSON documents per row cost more than the update itself. A column added to audit_events
-- later must be added here too; a test changes every column of an event and expects each change refused.
CREATE OR REPLACE FUNCTION utvag_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.chain_seq IS NOT NULL
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
     OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.actor_user_id IS DISTINCT FROM OLD.actor_user_id
     OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.action IS DISTINCT FROM OLD.action OR NEW.case_id IS DISTINCT FROM OLD.case_id
     OR NEW.participant_id IS DISTINCT FROM OLD.participant_id OR NEW.purpose IS DISTINCT FROM OLD.purpose
     OR NEW.emergency IS DISTINCT FROM OLD.emergency OR NEW.details IS DISTINCT FROM OLD.details THEN
    RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
