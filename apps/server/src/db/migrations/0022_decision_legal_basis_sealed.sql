-- A decision's legal basis is free text ("4 kap. 1 § SoL, skyddat boende efter hot från …") written next
-- to the reasons, so it is encrypted like them (context 'decision.legal_basis'). The clear column remains
-- only for decisions made before this migration: the server seals those when it starts
-- (jobs/seal-clear-texts.ts) and empties the column. The application role can no longer write it.
ALTER TABLE decisions ADD COLUMN legal_basis_sealed bytea;
ALTER TABLE decisions ALTER COLUMN legal_basis DROP NOT NULL;
ALTER TABLE decisions ADD CONSTRAINT decisions_one_legal_basis CHECK ((legal_basis IS NULL) <> (legal_basis_sealed IS NULL));
COMMENT ON COLUMN decisions.legal_basis_sealed IS 'Encrypted (context decision.legal_basis): free text next to the reasons.';
COMMENT ON COLUMN decisions.legal_basis IS 'Only decisions made before migration 0022, until the server seals them at start.';

-- A decided decision is final, as before. The one later change allowed is the sealing of a legal basis
-- written in clear before this migration, by the server's owning role, never by the application role:
-- the clear text goes and its sealed form takes its place, and nothing else changes.
CREATE OR REPLACE FUNCTION utvag_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'decisions are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF current_user = 'utvag_app' AND NEW.legal_basis IS NOT NULL THEN
      RAISE EXCEPTION 'a legal basis is stored encrypted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF current_user <> 'utvag_app' AND OLD.legal_basis IS NOT NULL AND NEW.legal_basis IS NULL
     AND OLD.legal_basis_sealed IS NULL AND NEW.legal_basis_sealed IS NOT NULL
     AND (to_jsonb(NEW) - 'legal_basis' - 'legal_basis_sealed') = (to_jsonb(OLD) - 'legal_basis' - 'legal_basis_sealed') THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'decided' THEN
    RAISE EXCEPTION 'a decided decision is final' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.initiated_by IS DISTINCT FROM OLD.initiated_by OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a decision keeps its case and initiator' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.legal_basis IS DISTINCT FROM OLD.legal_basis OR NEW.legal_basis_sealed IS DISTINCT FROM OLD.legal_basis_sealed THEN
    RAISE EXCEPTION 'a decision keeps its legal basis' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER decisions_sealed_legal_basis BEFORE INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION utvag_decision_guard();
