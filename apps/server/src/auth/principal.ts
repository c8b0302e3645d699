import type { OrganisationType, Role } from '@utvag/domain';
import { compiledOnce } from '../db/compiled-once';
import type { Db } from '../db/database';
import { hashToken } from './tokens';

/** Who is calling, once their cookie or bearer token has been checked. */
export interface Principal {
  user: { id: string; name: string; email: string; roles: Role[]; totpEnrolled: boolean };
  organisation: { id: string; name: string; type: OrganisationType };
  session: { id: string; csrfToken: string; secondFactorDone: boolean } | null;
  tokenId: string | null;
}

/**
 * A looked-up session: its id (the hash of its cookie), its principal, and its `account_version`, which
 * moves on with every change of the account behind it (migration 0026).
 */
export interface RememberedSession {
  sessionId: string;
  principal: Principal;
  accountVersion: number;
}

export const SESSION_COOKIE = 'utvag_session';
const TOUCH_AFTER_MS = 60_000;
/** However active, a session ends after a working day; the next login asks for the second factor again. */
export const SESSION_MAX_HOURS = 12;

function userColumns(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([
      'users.id as userId', 'users.name as userName', 'users.email', 'users.roles', 'users.disabledAt',
      'organisations.id as organisationId', 'organisations.name as organisationName', 'organisations.type as organisationType',
    ])
    .select((eb) => eb('users.totpSecret', 'is not', null).as('totpEnrolled'));
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userColumns>['executeTakeFirstOrThrow']>>;

function toPrincipal(row: UserRow, session: Principal['session'], tokenId: string | null): Principal {
  return {
    user: { id: row.userId, name: row.userName, email: row.email, roles: row.roles as Role[], totpEnrolled: Boolean(row.totpEnrolled) },
    organisation: { id: row.organisationId, name: row.organisationName, type: row.organisationType as OrganisationType },
    session,
    tokenId,
  };
}

/**
 * The session of a cookie, with its user and organisation. This runs on every request, so the query is
 * compiled once (see `compiledOnce`) and then run with the session id as its one value.
 */
const sessionQuery = compiledOnce(['id'], (db, { id }) =>
  userColumns(db)
    .innerJoin('sessions', 'sessions.userId', 'users.id')
    .select(['sessions.csrfToken', 'sessions.secondFactorAt', 'sessions.lastSeenAt', 'sessions.createdAt', 'sessions.accountVersion'])
    .where('sessions.id', '=', id)
    .where('sessions.revokedAt', 'is', null));

/** Resolves a session cookie; an idle, revoked or unknown session resolves to nothing. */
export async function principalFromSession(db: Db, cookie: string, idleMinutes: number): Promise<Principal | null> {
  return (await lookUpSession(db, hashToken(cookie), idleMinutes))?.principal ?? null;
}

/** Looks up the session with this id (the hash of its cookie); an idle, revoked or unknown session is nothing. */
export async function lookUpSession(db: Db, id: string, idleMinutes: number): Promise<RememberedSession | null> {
  const [row] = await sessionQuery(db, { id });
  if (!row || row.disabledAt) return null;
  const idleMs = Date.now() - new Date(row.lastSeenAt).getTime();
  const ageMs = Date.now() - new Date(row.createdAt).getTime();
  if (idleMs > idleMinutes * 60_000 || ageMs > SESSION_MAX_HOURS * 3_600_000) {
    await db.updateTable('sessions').set({ revokedAt: new Date() }).where('id', '=', id).execute();
    return null;
  }
  if (idleMs > TOUCH_AFTER_MS) await db.updateTable('sessions').set({ lastSeenAt: new Date() }).where('id', '=', id).execute();
  const principal = toPrincipal(row, { id, csrfToken: row.csrfToken, secondFactorDone: row.secondFactorAt !== null }, null);
  return { sessionId: id, principal, accountVersion: row.accountVersion };
}

/** Resolves an API token given as `Authorization: Bearer …`. */
export async function principalFromToken(db: Db, token: string): Promise<Principal | null> {
  const row = await userColumns(db)
    .innerJoin('apiTokens', 'apiTokens.userId', 'users.id')
    .select(['apiTokens.id as tokenId', 'apiTokens.lastUsedAt'])
    .where('apiTokens.tokenHash', '=', hashToken(token))
    .where('apiTokens.revokedAt', 'is', null)
    .where('apiTokens.expiresAt', '>', new Date())
    .executeTakeFirst();
  if (!row || row.disabledAt) return null;
  if (!row.lastUsedAt || Date.now() - new Date(row.lastUsedAt).getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('apiTokens').set({ lastUsedAt: new Date() }).where('id', '=', row.tokenId).execute();
  }
  return toPrincipal(row, null, row.tokenId);
}

export async function principalForUser(db: Db, userId: string): Promise<Principal | null> {
  const row = await userColumns(db).where('users.id', '=', userId).executeTakeFirst();
  return row && !row.disabledAt ? toPrincipal(row, null, null) : null;
}
