-- An organisation's administrator turns taking new anonymous mailbox messages on and off for their own
-- organisation. Which organisations receive is not secret, so every request may read the list (a
-- visitor's message is routed by it); only an organisation itself may add or remove its own row, and
-- never as the default receiver, which stays the operator's choice (UTVAG_MAILBOX_DEFAULT_RECEIVER).
ALTER TABLE mailbox_receivers ENABLE ROW LEVEL SECURITY;
CREATE POLICY mailbox_receivers_read ON mailbox_receivers FOR SELECT TO utvag_app USING (true);
CREATE POLICY mailbox_receivers_own_insert ON mailbox_receivers FOR INSERT TO utvag_app
  WITH CHECK (organisation_id = utvag_current_organisation() AND NOT is_default);
CREATE POLICY mailbox_receivers_own_delete ON mailbox_receivers FOR DELETE TO utvag_app
  USING (organisation_id = utvag_current_organisation());
GRANT INSERT, DELETE ON mailbox_receivers TO utvag_app;
