-- Row-level security on case_team_members called utvag_case_in_tenant for every member row a statement
-- reads, and every case, plan and team read reads the whole team. A current member of the request's own
-- organisation already puts the case in that organisation's tenant (it is the function's second test), so
-- such a row is let through without the call. What a reader may see is unchanged. WITH CHECK is unchanged:
-- adding a member of one's own organisation still needs the case to be in the tenant already.
ALTER POLICY case_team_members_tenant ON case_team_members
  USING ((organisation_id = utvag_current_organisation() AND removed_at IS NULL) OR utvag_case_in_tenant(case_id));
