-- Why a cost was cancelled is free text about a person's situation ("moved to a shelter in …"), so it is
-- encrypted like every other such text (context 'cost.cancel_reason'). The clear column remains only for
-- reasons written before this migration: the server seals those when it starts (costs/seal-reasons.ts)
-- and empties the column, and nothing writes it again.
ALTER TABLE action_costs ADD COLUMN cancel_reason_sealed bytea;

DO $$
DECLARE
  whole_cancellation text;
BEGIN
  SELECT conname INTO whole_cancellation FROM pg_constraint
   WHERE conrelid = 'action_costs'::regclass AND contype = 'c'
     AND pg_get_constraintdef(oid) LIKE '%cancelled_by%' AND pg_get_constraintdef(oid) LIKE '%cancel_reason%';
  EXECUTE format('ALTER TABLE action_costs DROP CONSTRAINT %I', whole_cancellation);
END $$;

ALTER TABLE action_costs
  ADD CONSTRAINT action_costs_cancellation_whole CHECK (
    (cancelled_at IS NULL) = (cancelled_by IS NULL)
    AND (cancelled_at IS NULL) = (cancel_reason IS NULL AND cancel_reason_sealed IS NULL)),
  ADD CONSTRAINT action_costs_one_reason CHECK (cancel_reason IS NULL OR cancel_reason_sealed IS NULL);

-- Only a cancellation may change a cost, once; nothing is deleted. The one later change allowed is the
-- sealing of a reason written in clear before this migration, by the server's owning role, never by the
-- application role: the clear reason goes and its sealed form takes its place.
CREATE OR REPLACE FUNCTION utvag_action_cost_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'costs are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.action_id IS DISTINCT FROM OLD.action_id OR NEW.life_area IS DISTINCT FROM OLD.life_area
     OR NEW.amount IS DISTINCT FROM OLD.amount OR NEW.category IS DISTINCT FROM OLD.category OR NEW.incurred_on IS DISTINCT FROM OLD.incurred_on
     OR NEW.period_from IS DISTINCT FROM OLD.period_from OR NEW.period_to IS DISTINCT FROM OLD.period_to
     OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a cost is only ever cancelled' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.cancelled_at IS NOT NULL THEN
    IF current_user <> 'utvag_app' AND OLD.cancel_reason IS NOT NULL AND NEW.cancel_reason IS NULL
       AND OLD.cancel_reason_sealed IS NULL AND NEW.cancel_reason_sealed IS NOT NULL
       AND NEW.cancelled_at = OLD.cancelled_at AND NEW.cancelled_by = OLD.cancelled_by THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a cancelled cost is final' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.cancel_reason IS NOT NULL THEN
    RAISE EXCEPTION 'a cancellation reason is stored encrypted' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
