import { PASSWORD_LINK_HOURS, type PasswordLink } from '@utvag/domain';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit';
import { hashPassword, requireGoodPassword } from '../auth/passwords';
import { hitRateLimit } from '../auth/rate-limit';
import { hashToken, newSecretToken } from '../auth/tokens';
import type { Keyring } from '../crypto/keyring';
import type { Db, Tx } from '../db/database';
import { BadRequestError } from '../http/errors';
import type { Mailer } from '../notifications/mailer';

/** Column context of a link's secret while it waits for the e-mail job. */
export const PASSWORD_LINK_CONTEXT = 'password_link.token';
const BATCH = 20;
const LEASE_SECONDS = 300;

/** Where a link leads: the secret travels in the fragment, which browsers never send to a server. */
export const setPasswordPath = (token: string) => `/app/set-password#${token}`;

/** Ends the user's links that were neither used nor ended, and drops any secret still waiting to be e-mailed. */
export async function revokeOpenLinks(trx: Tx, userId: string): Promise<void> {
  await trx.updateTable('passwordLinks').set({ revokedAt: new Date(), tokenSealed: null })
    .where('userId', '=', userId).where('usedAt', 'is', null).where('revokedAt', 'is', null).execute();
}

/**
 * A new link for the user to choose a password with, ending their earlier ones. With e-mail on, the
 * secret is kept encrypted until the e-mail job sends it to the user's own address and the answer holds no
 * path; without e-mail the path is in the answer, once, for the administrator to hand over.
 */
export async function createPasswordLink(
  trx: Tx, keyring: Keyring, link: { userId: string; createdBy: string; purpose: 'activation' | 'reset'; byEmail: boolean },
): Promise<PasswordLink> {
  await revokeOpenLinks(trx, link.userId);
  const { token, hash } = newSecretToken('pwl_');
  const expiresAt = new Date(Date.now() + PASSWORD_LINK_HOURS * 3_600_000);
  await trx.insertInto('passwordLinks').values({
    userId: link.userId, tokenHash: hash, purpose: link.purpose, createdBy: link.createdBy, expiresAt,
    tokenSealed: link.byEmail ? keyring.encrypt(token, PASSWORD_LINK_CONTEXT) : null,
  }).execute();
  return { emailed: link.byEmail, path: link.byEmail ? null : setPasswordPath(token), expiresAt: expiresAt.toISOString() };
}

const linkInvalid = () => new BadRequestError('link_invalid', 'The link is wrong, used or expired. Ask your organisation\'s administrator for a new one.');

/**
 * Chooses a password through a link. The link works once, before it expires, for an account that is not
 * disabled; choosing ends the account's sessions and lifts a lockout. Unknown, used and expired links get
 * the same answer.
 */
export async function setPasswordWithLink(db: Db, token: string, password: string, ip: string, requestId: string): Promise<void> {
  await hitRateLimit(db, `password-link-ip:${ip}`, 20, 15 * 60);
  const link = await db.selectFrom('passwordLinks as l').innerJoin('users as u', 'u.id', 'l.userId')
    .select(['l.id', 'l.userId', 'u.organisationId', 'u.roles'])
    .where('l.tokenHash', '=', hashToken(token)).where('l.usedAt', 'is', null).where('l.revokedAt', 'is', null)
    .where('l.expiresAt', '>', new Date()).where('u.disabledAt', 'is', null)
    .executeTakeFirst();
  if (!link) throw linkInvalid();
  requireGoodPassword(password);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    // Conditional on the link being unused, so the same link sent twice at once sets a password once.
    const used = await trx.updateTable('passwordLinks').set({ usedAt: new Date(), tokenSealed: null })
      .where('id', '=', link.id).where('usedAt', 'is', null).where('revokedAt', 'is', null).executeTakeFirst();
    if (used.numUpdatedRows === 0n) throw linkInvalid();
    await trx.updateTable('users')
      .set((eb) => ({ passwordHash, failedAttempts: 0, lockedUntil: null, version: eb('version', '+', 1) }))
      .where('id', '=', link.userId).execute();
    await trx.updateTable('sessions').set({ revokedAt: new Date() }).where('userId', '=', link.userId).where('revokedAt', 'is', null).execute();
    await recordAudit(trx, { userId: link.userId, organisationId: link.organisationId, role: link.roles.join(','), requestId }, [{ action: 'auth.password_set' }]);
  });
}

/**
 * Sends the password links that wait for e-mail and removes their secrets once sent. A batch is claimed
 * with a lease (SKIP LOCKED, so several instances may run the job), and sent after the claim commits. A
 * failed send is logged without personal data and tried again; an expired or ended link is not sent.
 */
export async function sendPendingPasswordLinks(db: Db, keyring: Keyring, mailer: Pick<Mailer, 'sendPasswordLink'>, log: Pick<FastifyBaseLogger, 'warn'>): Promise<number> {
  const claimed = await sql<{ id: string; email: string; purpose: 'activation' | 'reset'; tokenSealed: Buffer; expiresAt: Date }>`
    with picked as (
      select l.id from password_links l
        where l.token_sealed is not null and l.used_at is null and l.revoked_at is null and l.expires_at > now()
          and (l.email_claimed_until is null or l.email_claimed_until < now())
        order by l.created_at limit ${BATCH} for update of l skip locked
    ), claimed as (
      update password_links l set email_claimed_until = now() + make_interval(secs => ${LEASE_SECONDS})
        from picked where l.id = picked.id returning l.id, l.user_id, l.purpose, l.token_sealed, l.expires_at
    )
    select claimed.id, u.email, claimed.purpose, claimed.token_sealed, claimed.expires_at
      from claimed join users u on u.id = claimed.user_id where u.disabled_at is null`.execute(db);
  let sent = 0;
  for (const row of claimed.rows) {
    try {
      const token = await keyring.decrypt(row.tokenSealed, PASSWORD_LINK_CONTEXT);
      await mailer.sendPasswordLink(row.email, row.purpose, setPasswordPath(token), new Date(row.expiresAt));
      await db.updateTable('passwordLinks').set({ tokenSealed: null, emailedAt: new Date(), emailClaimedUntil: null }).where('id', '=', row.id).execute();
      sent += 1;
    } catch (error) {
      await db.updateTable('passwordLinks').set({ emailClaimedUntil: null }).where('id', '=', row.id).execute();
      log.warn({ passwordLinkId: row.id, type: (error as Error).name, code: (error as { code?: string }).code }, 'password link e-mail not sent; it will be tried again');
    }
  }
  return sent;
}
