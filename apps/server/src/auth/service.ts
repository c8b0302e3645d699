import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { BadRequestError, ConflictError, UnauthorizedError } from '../http/errors';
import { recordAudit, type AuditActor } from '../audit/audit';
import { turnOffOwnFeed } from '../meetings/store';
import { revokeOpenLinks } from '../users/password-links';
import { hashPassword, requireGoodPassword, verifyPassword } from './passwords';
import type { Principal } from './principal';
import { hitRateLimit } from './rate-limit';
import { enrolmentDetails, newTotpSecret, verifyTotp } from './totp';
import { newSecretToken } from './tokens';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
const TOTP_CONTEXT = 'user.totp';

export interface AuthDeps {
  db: Db;
  keyring: Keyring;
}

const auditActorOf = (principal: Principal, requestId: string): AuditActor => ({
  userId: principal.user.id, organisationId: principal.organisation.id, role: principal.user.roles.join(','), requestId,
});

const emailKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

async function registerFailure(db: Db, userId: string): Promise<void> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failedAttempts: eb('failedAttempts', '+', 1) }))
    .where('id', '=', userId)
    .returning('failedAttempts')
    .executeTakeFirstOrThrow();
  if (row.failedAttempts >= MAX_FAILED_ATTEMPTS) {
    await db.updateTable('users').set({ failedAttempts: 0, lockedUntil: new Date(Date.now() + LOCKOUT_MINUTES * 60_000) }).where('id', '=', userId).execute();
  }
}

async function createSession(db: Db, userId: string, secondFactorDone: boolean): Promise<{ cookie: string; csrfToken: string }> {
  const { token, hash } = newSecretToken();
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insertInto('sessions').values({ id: hash, userId, csrfToken, secondFactorAt: secondFactorDone ? new Date() : null }).execute();
  return { cookie: token, csrfToken };
}

/**
 * Checks e-mail and password. Wrong e-mail, wrong password, a locked or a disabled account all get
 * the same answer, so the answer reveals nothing about which accounts exist.
 */
export async function login(deps: AuthDeps, email: string, password: string, ip: string, requestId: string): Promise<{ cookie: string; csrfToken: string; enrolmentRequired: boolean }> {
  const { db } = deps;
  await hitRateLimit(db, `login-ip:${ip}`, 30, 15 * 60);
  await hitRateLimit(db, `login-email:${emailKey(email)}`, 10, 15 * 60);
  const user = await db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'lockedUntil', 'disabledAt', 'totpSecret'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || user.disabledAt || (user.lockedUntil && user.lockedUntil.getTime() > Date.now())) {
    throw new UnauthorizedError('invalid_credentials', 'Wrong e-mail or password, or the account is locked for a while.');
  }
  if (!passwordOk) {
    await registerFailure(db, user.id);
    await recordAudit(db, { userId: user.id, organisationId: null, role: null, requestId }, [{ action: 'auth.login_failed' }]);
    throw new UnauthorizedError('invalid_credentials', 'Wrong e-mail or password, or the account is locked for a while.');
  }
  await db.updateTable('users').set({ failedAttempts: 0 }).where('id', '=', user.id).execute();
  const session = await createSession(db, user.id, false);
  return { ...session, enrolmentRequired: user.totpSecret === null };
}

/** Starts enrolment of an authenticator: a new pending secret, shown once as a QR code. */
export async function startEnrolment(deps: AuthDeps, principal: Principal) {
  if (principal.user.totpEnrolled) throw new ConflictError('already_enrolled', 'A second factor is already enrolled.');
  const secret = newTotpSecret();
  await deps.db.updateTable('users').set({ totpPendingSecret: deps.keyring.encrypt(secret, TOTP_CONTEXT) }).where('id', '=', principal.user.id).execute();
  return { secret, ...(await enrolmentDetails(secret, principal.user.email)) };
}

/**
 * Completes login with a TOTP code (and completes enrolment when one is pending). The session is
 * replaced by a new one, so a cookie seen before the second factor is worth nothing after it.
 */
export async function completeSecondFactor(deps: AuthDeps, principal: Principal, code: string, ip: string, requestId: string): Promise<{ cookie: string; csrfToken: string }> {
  const { db, keyring } = deps;
  if (!principal.session) throw new UnauthorizedError();
  await hitRateLimit(db, `second-factor:${principal.user.id}`, 10, 5 * 60);
  await hitRateLimit(db, `second-factor-ip:${ip}`, 30, 5 * 60);
  const user = await db
    .selectFrom('users')
    .select(['totpSecret', 'totpPendingSecret', 'totpLastStep', 'lockedUntil'])
    .where('id', '=', principal.user.id)
    .executeTakeFirstOrThrow();
  const stored = user.totpSecret ?? user.totpPendingSecret;
  if (!stored) throw new ConflictError('enrolment_required', 'Enrol an authenticator first.');
  const secret = await keyring.decrypt(stored, TOTP_CONTEXT);
  const lastStep = user.totpLastStep === null ? null : Number(user.totpLastStep);
  const step = user.lockedUntil && user.lockedUntil.getTime() > Date.now() ? null : verifyTotp(secret, code, lastStep);
  if (step === null) {
    await registerFailure(db, principal.user.id);
    await recordAudit(db, { userId: principal.user.id, organisationId: principal.organisation.id, role: null, requestId }, [{ action: 'auth.second_factor_failed' }]);
    throw new UnauthorizedError('invalid_code', 'The code is wrong or has expired.');
  }
  return db.transaction().execute(async (trx) => {
    // Conditional on the step, so the same code sent twice at once passes only once.
    const claimed = await trx
      .updateTable('users')
      .set({ totpSecret: stored, totpPendingSecret: null, totpLastStep: step, failedAttempts: 0, lastLoginAt: new Date() })
      .where('id', '=', principal.user.id)
      .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) throw new UnauthorizedError('invalid_code', 'The code is wrong or has expired.');
    await trx.updateTable('sessions').set({ revokedAt: new Date() }).where('id', '=', principal.session!.id).execute();
    const session = await createSession(trx, principal.user.id, true);
    await recordAudit(trx, auditActorOf(principal, requestId), [
      { action: user.totpSecret ? 'auth.login' : 'auth.second_factor_enrolled' },
    ]);
    return session;
  });
}

/**
 * Ends the caller's session, or with `everywhere` every session of the user and their calendar feed too:
 * whoever fears that a device or a link went astray gets all of their access back in one step.
 */
export async function logout(db: Db, principal: Principal, everywhere: boolean, requestId: string): Promise<void> {
  if (!everywhere) {
    await db.updateTable('sessions').set({ revokedAt: new Date() }).where('revokedAt', 'is', null).where('id', '=', principal.session?.id ?? '').execute();
    return;
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revokedAt: new Date() }).where('revokedAt', 'is', null).where('userId', '=', principal.user.id).execute();
    await turnOffOwnFeed(trx, { ...auditActorOf(principal, requestId), userId: principal.user.id });
  });
}

/**
 * Changes the caller's own password after checking the current one (a wrong one counts towards the
 * lockout, like a wrong login). The user's other sessions end, and so do open password links.
 */
export async function changePassword(db: Db, principal: Principal, currentPassword: string, newPassword: string, requestId: string): Promise<void> {
  await hitRateLimit(db, `password-change:${principal.user.id}`, 10, 15 * 60);
  const user = await db.selectFrom('users').select(['passwordHash']).where('id', '=', principal.user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await registerFailure(db, principal.user.id);
    throw new BadRequestError('current_password_wrong', 'The current password is wrong.');
  }
  requireGoodPassword(newPassword);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set((eb) => ({ passwordHash, failedAttempts: 0, version: eb('version', '+', 1) })).where('id', '=', principal.user.id).execute();
    let others = trx.updateTable('sessions').set({ revokedAt: new Date() }).where('userId', '=', principal.user.id).where('revokedAt', 'is', null);
    if (principal.session) others = others.where('id', '<>', principal.session.id);
    await others.execute();
    await revokeOpenLinks(trx, principal.user.id);
    await recordAudit(trx, auditActorOf(principal, requestId), [{ action: 'auth.password_changed' }]);
  });
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
