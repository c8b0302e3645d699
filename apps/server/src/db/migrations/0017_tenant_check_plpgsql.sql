-- Row-level security calls utvag_case_in_tenant for the rows of cases, team members, consents and
-- emergency grants that a statement touches. As a SQL function with SECURITY DEFINER it cannot be inlined,
-- so PostgreSQL planned its body again in every statement that used it. The same check in PL/pgSQL keeps
-- its plan for the life of the connection. What it answers is unchanged.
CREATE OR REPLACE FUNCTION utvag_case_in_tenant(p_case_id uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM cases c WHERE c.id = p_case_id AND c.owner_organisation_id = utvag_current_organisation())
      OR EXISTS (SELECT 1 FROM case_team_members m
                 WHERE m.case_id = p_case_id AND m.organisation_id = utvag_current_organisation() AND m.removed_at IS NULL);
END
$$;
