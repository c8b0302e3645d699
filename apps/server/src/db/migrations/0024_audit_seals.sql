-- The audit chain moves out of the events into a table of its own, so an event is never changed, not even
-- by the sealer. Until now the sealer filled in each event's chain_seq, prev_hash and hash: an update of
-- every event, which wrote a second version of it with new entries in every index, ran the append-only
-- trigger and left a dead row for vacuum, and which cost more than the event's insert.
--
-- Now the sealer appends one narrow row per event to audit_seals: its place in the chain (seq), which event
-- (event_id, occurred_at) and the link, hash = HMAC-SHA-256(chain key, previous hash, the event's content).
-- The previous hash is the row before it, so removing, changing or reordering seals breaks the chain.
--
-- It finds the events not yet sealed by the transaction that wrote them: every event records its
-- transaction's id (txid), and the sealer takes, in chain order (txid, id), the events of transactions that
-- had all ended when it looked (txid below the oldest transaction still running), from where it stopped
-- (audit_chain_head.cursor_txid, cursor_id). An event of a transaction still running waits for a later
-- round; an event of an ended transaction can no longer appear, so nothing is sealed twice or passed over.
CREATE TABLE audit_seals (
  seq bigint PRIMARY KEY,
  event_id bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  hash text NOT NULL
);
COMMENT ON TABLE audit_seals IS 'The audit log''s hash chain: one link per event, in chain order. Append-only.';

-- The chain sealed so far, link for link.
INSERT INTO audit_seals (seq, event_id, occurred_at, hash)
  SELECT chain_seq, id, occurred_at, hash FROM audit_events WHERE chain_seq IS NOT NULL;

-- Events not yet sealed belong to this migration's transaction, and are sealed first. Events sealed
-- before keep no transaction id: they are in audit_seals already.
ALTER TABLE audit_events ADD COLUMN txid xid8;
ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
UPDATE audit_events SET txid = pg_current_xact_id() WHERE chain_seq IS NULL;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
ALTER TABLE audit_events ALTER COLUMN txid SET DEFAULT pg_current_xact_id();

DROP INDEX audit_events_unsealed;
DROP INDEX audit_events_chain;
ALTER TABLE audit_events DROP COLUMN chain_seq, DROP COLUMN prev_hash, DROP COLUMN hash;
CREATE INDEX audit_events_chain_order ON audit_events (txid, id);

ALTER TABLE audit_chain_head ADD COLUMN cursor_txid xid8, ADD COLUMN cursor_id bigint;

-- No event is ever changed or removed, by anyone.
CREATE OR REPLACE FUNCTION utvag_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION utvag_audit_guard();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION utvag_audit_guard();

-- The app role writes an event's content; its id, time and transaction are the database's to set.
REVOKE INSERT ON audit_events FROM utvag_app;
GRANT INSERT (request_id, actor_user_id, organisation_id, role, action, case_id, participant_id, purpose, emergency, details)
  ON audit_events TO utvag_app;
