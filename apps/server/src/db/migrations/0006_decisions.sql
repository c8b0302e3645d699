-- Decisions (beslut) on assistance (bistånd): initiated by the coordinator or the team, decided by
-- someone the organisation's delegation order allows, or by a manager. The reasons and the extent are
-- encrypted by the keyring; the type, period and amount stay in clear so that work lists and cost
-- reports can count them without decrypting.

CREATE TABLE decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  type text NOT NULL CHECK (type IN ('protected_housing', 'financial_assistance', 'debt_advice_referral', 'contact_person', 'other_assistance')),
  legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 300),
  reasons bytea NOT NULL,
  amount integer CHECK (amount >= 0),
  extent bytea,
  period_from date NOT NULL,
  period_to date,
  status text NOT NULL DEFAULT 'initiated' CHECK (status IN ('initiated', 'decided')),
  outcome text CHECK (outcome IN ('granted', 'partly_granted', 'refused')),
  initiated_by uuid NOT NULL REFERENCES users (id),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to IS NULL OR period_to >= period_from),
  CHECK (amount IS NOT NULL OR extent IS NOT NULL),
  CHECK ((status = 'decided') = (outcome IS NOT NULL AND decided_by IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE INDEX decisions_case ON decisions (case_id, created_at DESC);
CREATE INDEX decisions_awaiting ON decisions (case_id) WHERE status = 'initiated';
COMMENT ON TABLE decisions IS 'Decisions on assistance (beslut om bistånd); read only by those with full access to the case.';
COMMENT ON COLUMN decisions.reasons IS 'Encrypted (AES-256-GCM envelope, context decision.reasons): the reasons describe the person''s situation, safety and finances.';
COMMENT ON COLUMN decisions.extent IS 'Encrypted (context decision.extent): the extent of assistance can reveal where and how the person is protected.';
COMMENT ON COLUMN decisions.amount IS 'Whole kronor (SEK). Sensitive with the case: it reveals the person receives financial assistance.';

-- A decided decision is final here; a new decision (or an appeal) is a new row, never a changed one.
CREATE FUNCTION utvag_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'decisions are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'decided' THEN
    RAISE EXCEPTION 'a decided decision is final' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.initiated_by IS DISTINCT FROM OLD.initiated_by OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a decision keeps its case and initiator' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER decisions_guard BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION utvag_decision_guard();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions FOR EACH STATEMENT EXECUTE FUNCTION utvag_decision_guard();

ALTER TABLE decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY decisions_tenant ON decisions TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

GRANT SELECT, INSERT, UPDATE ON decisions TO utvag_app;

-- The delegation order (delegationsordning): which role may decide which type of decision, up to which amount.
CREATE TABLE delegation_rules (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  role text NOT NULL CHECK (role IN ('coordinator', 'team_member', 'support_person', 'manager', 'intake', 'regional_coordinator', 'analyst', 'org_admin')),
  decision_type text NOT NULL CHECK (decision_type IN ('protected_housing', 'financial_assistance', 'debt_advice_referral', 'contact_person', 'other_assistance')),
  max_amount integer CHECK (max_amount >= 0),
  updated_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, role, decision_type)
);
COMMENT ON TABLE delegation_rules IS 'Delegation order per organisation: role may decide decision_type up to max_amount kronor (null: no limit). Changed by org admins and managers through the service.';

-- Each organisation reads and changes only its own order; who within it may change it is the service's rule (canManageDelegation).
ALTER TABLE delegation_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY delegation_rules_tenant ON delegation_rules TO utvag_app
  USING (organisation_id = utvag_current_organisation()) WITH CHECK (organisation_id = utvag_current_organisation());

GRANT SELECT, INSERT, DELETE ON delegation_rules TO utvag_app;
