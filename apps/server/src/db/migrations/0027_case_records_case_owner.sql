-- Row-level security on a case's team, consents and plan versions called utvag_case_in_tenant for the rows a
-- statement reads (on the team, for every member from another organisation), and every read of a case, its
-- plan or its team reads them: for the owning organisation's staff, who read most, a PL/pgSQL call with a
-- query of its own for each such row. Each of these rows now carries its case's owning organisation, kept
-- by triggers: set from the case whenever a row is written (whatever the statement says), and carried to
-- every row of a case when the case changes owner (a transfer). The policies let the owning organisation's
-- staff through on that column, before the call. What a reader may see is unchanged: the owner's test is
-- the function's first test. WITH CHECK is unchanged.
ALTER TABLE case_team_members ADD COLUMN case_owner_organisation_id uuid;
ALTER TABLE consents ADD COLUMN case_owner_organisation_id uuid;
ALTER TABLE plan_versions ADD COLUMN case_owner_organisation_id uuid;
UPDATE case_team_members m SET case_owner_organisation_id = c.owner_organisation_id FROM cases c WHERE c.id = m.case_id;
UPDATE consents k SET case_owner_organisation_id = c.owner_organisation_id FROM cases c WHERE c.id = k.case_id;
UPDATE plan_versions v SET case_owner_organisation_id = c.owner_organisation_id FROM cases c WHERE c.id = v.case_id;
ALTER TABLE case_team_members ALTER COLUMN case_owner_organisation_id SET NOT NULL;
ALTER TABLE consents ALTER COLUMN case_owner_organisation_id SET NOT NULL;
ALTER TABLE plan_versions ALTER COLUMN case_owner_organisation_id SET NOT NULL;
COMMENT ON COLUMN case_team_members.case_owner_organisation_id IS 'The owning organisation of the case, kept by triggers for row-level security; never written by the server.';
COMMENT ON COLUMN consents.case_owner_organisation_id IS 'The owning organisation of the case, kept by triggers for row-level security; never written by the server.';
COMMENT ON COLUMN plan_versions.case_owner_organisation_id IS 'The owning organisation of the case, kept by triggers for row-level security; never written by the server.';

-- Set from the case on every insert and update of a row, whatever the statement wrote.
CREATE FUNCTION utvag_copy_case_owner() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.case_owner_organisation_id := (SELECT c.owner_organisation_id FROM cases c WHERE c.id = NEW.case_id);
  RETURN NEW;
END
$$;
CREATE TRIGGER case_team_members_case_owner BEFORE INSERT OR UPDATE ON case_team_members
  FOR EACH ROW EXECUTE FUNCTION utvag_copy_case_owner();
CREATE TRIGGER consents_case_owner BEFORE INSERT OR UPDATE ON consents
  FOR EACH ROW EXECUTE FUNCTION utvag_copy_case_owner();
CREATE TRIGGER plan_versions_case_owner BEFORE INSERT OR UPDATE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION utvag_copy_case_owner();

-- A case's new owner reaches all its rows in the same transaction.
CREATE FUNCTION utvag_case_owner_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE case_team_members SET case_owner_organisation_id = NEW.owner_organisation_id WHERE case_id = NEW.id;
  UPDATE consents SET case_owner_organisation_id = NEW.owner_organisation_id WHERE case_id = NEW.id;
  UPDATE plan_versions SET case_owner_organisation_id = NEW.owner_organisation_id WHERE case_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER cases_owner_changed AFTER UPDATE OF owner_organisation_id ON cases
  FOR EACH ROW WHEN (OLD.owner_organisation_id IS DISTINCT FROM NEW.owner_organisation_id)
  EXECUTE FUNCTION utvag_case_owner_changed();
REVOKE EXECUTE ON FUNCTION utvag_copy_case_owner(), utvag_case_owner_changed() FROM PUBLIC;

ALTER POLICY case_team_members_tenant ON case_team_members
  USING (case_owner_organisation_id = utvag_current_organisation()
         OR (organisation_id = utvag_current_organisation() AND removed_at IS NULL)
         OR utvag_case_in_tenant(case_id));
ALTER POLICY consents_tenant ON consents
  USING (case_owner_organisation_id = utvag_current_organisation() OR utvag_case_in_tenant(case_id));
ALTER POLICY plan_versions_tenant ON plan_versions
  USING (case_owner_organisation_id = utvag_current_organisation() OR utvag_case_in_tenant(case_id));
