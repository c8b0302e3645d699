-- Costs on plan actions, so that reimbursement claims and cost projections come from real case data.
-- The amount, category, dates and the action's life area stay in clear so that statistics can count
-- them without decrypting; a cost says nothing about the person beyond what its case already does.
-- A wrong cost is cancelled with a reason, never deleted.

CREATE TABLE action_costs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  action_id uuid NOT NULL,
  life_area text NOT NULL CHECK (life_area IN ('protection_housing', 'health', 'trauma_care', 'income', 'debt', 'sexual_health',
    'work_education', 'relationships', 'legal_process', 'residence', 'return')),
  amount integer NOT NULL CHECK (amount > 0),
  category text NOT NULL CHECK (category IN ('protected_housing', 'financial_assistance', 'treatment', 'interpreter', 'travel', 'other')),
  incurred_on date,
  period_from date,
  period_to date,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES users (id),
  cancel_reason text CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 1 AND 1000),
  CHECK ((incurred_on IS NOT NULL) <> (period_from IS NOT NULL AND period_to IS NOT NULL)),
  CHECK ((period_from IS NULL) = (period_to IS NULL)),
  CHECK (period_to IS NULL OR period_to >= period_from),
  CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL) AND (cancelled_at IS NULL) = (cancel_reason IS NULL))
);
CREATE INDEX action_costs_case ON action_costs (case_id, created_at);
COMMENT ON TABLE action_costs IS 'Costs on plan actions (whole kronor); read per the life area of the action, cancelled rather than deleted.';
COMMENT ON COLUMN action_costs.life_area IS 'The life area of the action when the cost was added, in clear for statistics and for consent filtering.';

-- Only a cancellation may change a cost, once; nothing is deleted.
CREATE FUNCTION utvag_action_cost_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'costs are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.cancelled_at IS NOT NULL THEN
    RAISE EXCEPTION 'a cancelled cost is final' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.action_id IS DISTINCT FROM OLD.action_id OR NEW.life_area IS DISTINCT FROM OLD.life_area
     OR NEW.amount IS DISTINCT FROM OLD.amount OR NEW.category IS DISTINCT FROM OLD.category OR NEW.incurred_on IS DISTINCT FROM OLD.incurred_on
     OR NEW.period_from IS DISTINCT FROM OLD.period_from OR NEW.period_to IS DISTINCT FROM OLD.period_to
     OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a cost is only ever cancelled' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER action_costs_guard BEFORE UPDATE OR DELETE ON action_costs FOR EACH ROW EXECUTE FUNCTION utvag_action_cost_guard();
CREATE TRIGGER action_costs_no_truncate BEFORE TRUNCATE ON action_costs FOR EACH STATEMENT EXECUTE FUNCTION utvag_action_cost_guard();

ALTER TABLE action_costs ENABLE ROW LEVEL SECURITY;
CREATE POLICY action_costs_tenant ON action_costs TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

GRANT SELECT, INSERT, UPDATE ON action_costs TO utvag_app;
