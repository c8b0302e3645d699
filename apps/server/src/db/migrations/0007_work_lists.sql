-- Work lists and e-mail notifications. The e-mail outbox is the notifications table itself: a job
-- sends the e-mails of notifications not yet e-mailed, after the transaction that made them committed.
-- The e-mail carries no personal data: a fixed subject and a link to the notifications page.

ALTER TABLE notifications ADD COLUMN emailed_at timestamptz;
CREATE INDEX notifications_unemailed ON notifications (created_at) WHERE emailed_at IS NULL;
COMMENT ON COLUMN notifications.emailed_at IS 'When the e-mail for this notification was sent; NULL while unsent or when e-mail is off.';

-- Work-list candidates: scheduled meetings by start, paused cases.
CREATE INDEX meetings_scheduled_start ON meetings (starts_at) WHERE status = 'scheduled';
CREATE INDEX cases_coordinator_open ON cases (coordinator_user_id) WHERE status <> 'closed';
