-- Two hardenings.
--
-- 1. A decided transfer is history: only a pending transfer may change, once, to a final state, and the
--    facts of the request never change. Nothing is deleted. Until now only the service kept to this.
CREATE FUNCTION utvag_transfer_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'transfers are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status <> 'requested' THEN
    RAISE EXCEPTION 'a decided transfer is final' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.case_id <> OLD.case_id OR NEW.from_organisation_id <> OLD.from_organisation_id
      OR NEW.to_organisation_id <> OLD.to_organisation_id OR NEW.requested_by <> OLD.requested_by
      OR NEW.requested_at <> OLD.requested_at OR NEW.reason IS DISTINCT FROM OLD.reason THEN
    RAISE EXCEPTION 'the request of a transfer does not change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_transfers_guard BEFORE UPDATE OR DELETE ON case_transfers FOR EACH ROW EXECUTE FUNCTION utvag_transfer_guard();
CREATE TRIGGER case_transfers_no_truncate BEFORE TRUNCATE ON case_transfers FOR EACH STATEMENT EXECUTE FUNCTION utvag_transfer_guard();

-- 2. The notification e-mail job claims rows with a short lease and sends after its claim has
--    committed, so a slow mail server never holds row locks that would block someone marking a
--    notification as read. A claim that outlives its lease (a crashed instance) is taken up again.
ALTER TABLE notifications ADD COLUMN email_claimed_until timestamptz;
COMMENT ON COLUMN notifications.email_claimed_until IS 'While set and in the future, one instance of the e-mail job is sending this notification''s e-mail.';
