import {
  canAdministerUsers, coordinatorRoleProblem, staffChangeProblems, type CreatedStaffUser, type NewStaffUser, type PasswordLink, type Role, type StaffStatus, type StaffUser,
  type StaffUsers, type StaffUserUpdate,
} from '@utvag/domain';
import { sql } from 'kysely';
import type { AccessContext } from '../access/context';
import { recordAudit } from '../audit/audit';
import type { Keyring } from '../crypto/keyring';
import type { Db, Tx } from '../db/database';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { revokeFeedToken } from '../meetings/store';
import { createPasswordLink, revokeOpenLinks } from './password-links';

/** What staff administration needs besides the request: the keyring for link secrets, and whether e-mail is on. */
export interface StaffDeps {
  db: Db;
  keyring: Keyring;
  emailEnabled: boolean;
}

function requireAdministrator(access: AccessContext): void {
  if (!canAdministerUsers(access.actor, access.actor.organisationId)) throw new ForbiddenError('not_org_admin', 'Only the organisation\'s administrator manages its user accounts.');
}

function staffQuery(db: Db | Tx, organisationId: string) {
  return db.selectFrom('users as u')
    .select([
      'u.id', 'u.name', 'u.email', 'u.title', 'u.roles', 'u.disabledAt', 'u.lockedUntil', 'u.createdAt', 'u.lastLoginAt', 'u.version',
      sql<boolean>`u.password_hash is not null`.as('hasPassword'),
      sql<boolean>`u.totp_secret is not null`.as('secondFactorEnrolled'),
      sql<number>`(select count(*)::int from cases c where c.coordinator_user_id = u.id and c.status <> 'closed')`.as('coordinatedCases'),
    ])
    .where('u.organisationId', '=', organisationId);
}

type StaffRow = Awaited<ReturnType<ReturnType<typeof staffQuery>['executeTakeFirstOrThrow']>>;

const statusOf = (row: Pick<StaffRow, 'disabledAt' | 'hasPassword'>): StaffStatus => (row.disabledAt ? 'disabled' : row.hasPassword ? 'active' : 'invited');
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function staffView(row: StaffRow): StaffUser {
  const lockedUntil = row.lockedUntil && new Date(row.lockedUntil).getTime() > Date.now() ? iso(row.lockedUntil) : null;
  return {
    id: row.id, name: row.name, email: row.email, title: row.title, roles: row.roles as Role[], status: statusOf(row),
    secondFactorEnrolled: Boolean(row.secondFactorEnrolled), lockedUntil, disabledAt: iso(row.disabledAt), createdAt: iso(row.createdAt)!,
    lastLoginAt: iso(row.lastLoginAt), coordinatedCases: Number(row.coordinatedCases), version: row.version,
  };
}

const collator = new Intl.Collator('sv');

/** The accounts of the administrator's own organisation, by name. */
export async function listStaff(deps: StaffDeps, access: AccessContext): Promise<StaffUsers> {
  requireAdministrator(access);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await staffQuery(trx, access.actor.organisationId).execute();
    await recordAudit(trx, access.auditActor, [{ action: 'user.list', details: { count: rows.length } }]);
    return { users: rows.map(staffView).sort((a, b) => collator.compare(a.name, b.name)) };
  });
}

async function readStaff(trx: Tx, organisationId: string, userId: string): Promise<StaffRow> {
  const row = await staffQuery(trx, organisationId).where('u.id', '=', userId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

const emailTaken = () => new ConflictError('email_taken', 'Another account already has this e-mail address.');

/** Adds an account in the administrator's organisation, with a link for its holder to choose a password. */
export async function createStaff(deps: StaffDeps, access: AccessContext, input: NewStaffUser, key: string | null): Promise<CreatedStaffUser> {
  requireAdministrator(access);
  const email = input.email.trim().toLowerCase();
  try {
    return await deps.db.transaction().execute(async (trx) => onceOnly(trx, access.actor.userId, key, input, async () => {
      // The unique index on lower(email) refuses an address already in use (23505, answered below).
      const created = await trx.insertInto('users').values({
        organisationId: access.actor.organisationId, email, name: input.name, title: input.title?.trim() || null, roles: input.roles, passwordHash: null,
      }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, access.auditActor, [{ action: 'user.create', details: { userId: created.id } }]);
      return created.id;
    }, async (userId, replayed) => {
      const row = await readStaff(trx, access.actor.organisationId, userId);
      // The secret of the first link was shown or sent once and is not kept; an answer replayed after a lost
      // response therefore carries a new link, which ends the first. A holder who chose a password already needs none.
      if (replayed && statusOf(row) !== 'invited') return { user: staffView(row), passwordLink: null };
      const passwordLink = await createPasswordLink(trx, deps.keyring, { userId, createdBy: access.actor.userId, purpose: 'activation', byEmail: deps.emailEnabled });
      return { user: staffView(row), passwordLink };
    }));
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw emailTaken();
    throw error;
  }
}

/**
 * Changes one account at the version the administrator saw: locks the organisation's accounts for the
 * change, applies it, and refuses it when the organisation would be left without an active administrator.
 * A change of the account moves its version on; a new password link (`editsAccount: false`) does not.
 */
async function changeStaff(
  deps: StaffDeps, access: AccessContext, userId: string, version: number, action: string,
  change: (trx: Tx, before: StaffRow) => Promise<void>, options: { disabling?: boolean; editsAccount?: boolean } = {},
): Promise<StaffUser> {
  const { disabling = false, editsAccount = true } = options;
  requireAdministrator(access);
  const organisationId = access.actor.organisationId;
  return deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).forUpdate().execute();
    const before = await readStaff(trx, organisationId, userId);
    if (before.version !== version) {
      throw new ConflictError('stale_version', 'Someone else changed the account. Reload it and make your change again.', { currentVersion: before.version });
    }
    await change(trx, before);
    if (editsAccount) await trx.updateTable('users').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', userId).execute();
    const after = await staffQuery(trx, organisationId).execute();
    const problems = staffChangeProblems(access.actor.userId, { userId, disabling }, after.map((row) => ({ id: row.id, roles: row.roles as Role[], status: statusOf(row) })));
    if (problems.includes('self_disable')) throw new BadRequestError('self_disable', 'You cannot disable your own account. Ask another administrator.');
    if (problems.includes('last_admin')) throw new BadRequestError('last_admin', 'The organisation must keep at least one active administrator.');
    await recordAudit(trx, access.auditActor, [{ action, details: { userId } }]);
    return staffView(after.find((row) => row.id === userId)!);
  });
}

/** Ends everything the account can log in or read with: sessions, API tokens, the calendar feed and open password links. */
async function endAccess(trx: Tx, userId: string): Promise<void> {
  const now = new Date();
  await trx.updateTable('sessions').set({ revokedAt: now }).where('userId', '=', userId).where('revokedAt', 'is', null).execute();
  await trx.updateTable('apiTokens').set({ revokedAt: now }).where('userId', '=', userId).where('revokedAt', 'is', null).execute();
  await revokeFeedToken(trx, userId);
  await revokeOpenLinks(trx, userId);
}

export function updateStaff(deps: StaffDeps, access: AccessContext, userId: string, input: StaffUserUpdate): Promise<StaffUser> {
  return changeStaff(deps, access, userId, input.version, 'user.update', async (trx, before) => {
    if (coordinatorRoleProblem(before.roles as Role[], input.roles, Number(before.coordinatedCases))) {
      throw new BadRequestError('coordinates_open_cases', 'The user still coordinates open cases. Hand them over to another coordinator first.', { cases: Number(before.coordinatedCases) });
    }
    await trx.updateTable('users').set({ name: input.name, title: input.title?.trim() || null, roles: input.roles }).where('id', '=', userId).execute();
  });
}

/** Disables an account: it can no longer log in, and every session, token, feed and link of it ends at once. */
export function disableStaff(deps: StaffDeps, access: AccessContext, userId: string, version: number): Promise<StaffUser> {
  return changeStaff(deps, access, userId, version, 'user.disable', async (trx, before) => {
    if (before.disabledAt) return;
    await trx.updateTable('users').set({ disabledAt: new Date() }).where('id', '=', userId).execute();
    await endAccess(trx, userId);
  }, { disabling: true });
}

export function enableStaff(deps: StaffDeps, access: AccessContext, userId: string, version: number): Promise<StaffUser> {
  return changeStaff(deps, access, userId, version, 'user.enable', async (trx) => {
    await trx.updateTable('users').set({ disabledAt: null, failedAttempts: 0, lockedUntil: null }).where('id', '=', userId).execute();
  });
}

/** Removes the second factor (a lost phone): the account's sessions end and the next login enrols a new one. */
export function resetSecondFactor(deps: StaffDeps, access: AccessContext, userId: string, version: number): Promise<StaffUser> {
  return changeStaff(deps, access, userId, version, 'user.second_factor_reset', async (trx) => {
    await trx.updateTable('users').set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null }).where('id', '=', userId).execute();
    await trx.updateTable('sessions').set({ revokedAt: new Date() }).where('userId', '=', userId).where('revokedAt', 'is', null).execute();
  });
}

/** A new link to choose a password (a forgotten one, or a first link that expired); earlier links end. */
export async function newPasswordLink(deps: StaffDeps, access: AccessContext, userId: string, version: number): Promise<PasswordLink> {
  let link: PasswordLink | undefined;
  await changeStaff(deps, access, userId, version, 'user.password_link', async (trx, before) => {
    if (before.disabledAt) throw new BadRequestError('user_disabled', 'The account is disabled. Enable it first.');
    link = await createPasswordLink(trx, deps.keyring, {
      userId, createdBy: access.actor.userId, purpose: before.hasPassword ? 'reset' : 'activation', byEmail: deps.emailEnabled,
    });
  }, { editsAccount: false });
  return link!;
}
