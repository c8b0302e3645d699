import type { FastifyBaseLogger } from 'fastify';
import { sealAuditChain, watchSealing } from '../audit/chain';
import type { Keyring } from '../crypto/keyring';
import type { Database } from '../db/database';
import { ensureAuditPartitions } from '../db/migrate';
import { createMailer, mailerConfigFrom, sendPendingNotificationEmails } from '../notifications/mailer';
import { sendPendingPasswordLinks } from '../users/password-links';

interface Job { name: string; everyMs: number; run: () => Promise<unknown> }

/**
 * Background work of one instance. Each job is safe to run on many instances at once (the audit
 * sealer takes an advisory lock), so no job needs a leader.
 */
export function startJobs(database: Database, keyring: Keyring, log: FastifyBaseLogger): () => Promise<void> {
  const { db } = database;
  const dayAgo = () => new Date(Date.now() - 86_400_000);
  const jobs: Job[] = [
    { name: 'audit.seal', everyMs: 1_000, run: () => sealAuditChain(db, keyring) },
    { name: 'audit.seal_watch', everyMs: 60_000, run: () => watchSealing(db, log) },
    { name: 'audit.partitions', everyMs: 6 * 3_600_000, run: () => ensureAuditPartitions(database) },
    { name: 'rate_limits.prune', everyMs: 10 * 60_000, run: () => db.deleteFrom('rateLimits').where('windowStartedAt', '<', new Date(Date.now() - 3_600_000)).execute() },
    { name: 'idempotency_keys.prune', everyMs: 3_600_000, run: () => db.deleteFrom('idempotencyKeys').where('createdAt', '<', dayAgo()).execute() },
    {
      name: 'sessions.prune',
      everyMs: 3_600_000,
      run: () => db.deleteFrom('sessions').where((eb) => eb.or([eb('revokedAt', '<', dayAgo()), eb('lastSeenAt', '<', dayAgo())])).execute(),
    },
  ];
  // On PostgreSQL another instance may rotate keys; new writes move to the new data key within minutes.
  if (database.kind === 'postgres') jobs.push({ name: 'keyring.refresh', everyMs: 5 * 60_000, run: () => keyring.refresh() });
  // E-mail is off unless UTVAG_SMTP_URL is set; then committed notifications are e-mailed (a link only) every few seconds.
  const mailConfig = mailerConfigFrom(process.env);
  const mailer = mailConfig ? createMailer(mailConfig) : null;
  if (mailer) {
    jobs.push({ name: 'notifications.email', everyMs: 5_000, run: () => sendPendingNotificationEmails(db, mailer, log) });
    jobs.push({ name: 'password_links.email', everyMs: 5_000, run: () => sendPendingPasswordLinks(db, keyring, mailer, log) });
  }
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) =>
    setInterval(() => {
      const work = job.run().catch((error: Error) => log.warn({ job: job.name, type: error.name }, 'job failed; it will run again'));
      running.add(work);
      void work.finally(() => running.delete(work));
    }, job.everyMs),
  );
  return async () => {
    timers.forEach(clearInterval);
    await Promise.allSettled([...running]);
    mailer?.close();
  };
}
