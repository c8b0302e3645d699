import type { OrganisationType, Role } from '@utvag/domain';
import { createQueryId, type CompiledQuery } from 'kysely';
import type { Db } from '../db/database';
import { hashToken } from './tokens';

/** Who is calling, once their cookie or bearer token has been checked. */
export interface Principal {
  user: { id: string; name: string; email: string; roles: Role[]; totpEnrolled: boolean };
  organisation: { id: string; name: string; type: OrganisationType };
  session: { id: string; csrfToken: string; secondFactorDone: boolean } | null;
  tokenId: string | null;
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

function sessionQuery(db: Db, id: string) {
  return userColumns(db)
    .innerJoin('sessions', 'sessions.userId', 'users.id')
    .select(['sessions.csrfToken', 'sessions.secondFactorAt', 'sessions.lastSeenAt', 'sessions.createdAt'])
    .where('sessions.id', '=', id)
    .where('sessions.revokedAt', 'is', null);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;
const compiledSessionQueries = new WeakMap<Db, CompiledQuery<SessionRow>>();
const SESSION_ID_PLACEHOLDER = '\u0000session-id';

/**
 * The session of a cookie, with its user and organisation. This runs on every request, and building
 * and compiling the query with Kysely costs more CPU than the database spends on it, so the query is
 * compiled once per database handle and then run with the session id as its one parameter.
 */
async function lookUpSession(db: Db, id: string): Promise<SessionRow | undefined> {
  let compiled = compiledSessionQueries.get(db);
  if (!compiled) {
    compiled = sessionQuery(db, SESSION_ID_PLACEHOLDER).compile();
    if (compiled.parameters.length !== 1 || compiled.parameters[0] !== SESSION_ID_PLACEHOLDER) {
      throw new Error('The session query must have the session id as its only parameter.');
    }
    compiledSessionQueries.set(db, compiled);
  }
  const query: CompiledQuery<SessionRow> = { ...compiled, parameters: [id], queryId: createQueryId() };
  const result = await db.executeQuery(query);
  return result.rows[0];
}

/** Resolves a session cookie; an idle, revoked or unknown session resolves to nothing. */
export async function principalFromSession(db: Db, cookie: string, idleMinutes: number): Promise<Principal | null> {
  const id = hashToken(cookie);
  const row = await lookUpSession(db, id);
  if (!row || row.disabledAt) return null;
  const idleMs = Date.now() - new Date(row.lastSeenAt).getTime();
  const ageMs = Date.now() - new Date(row.createdAt).getTime();
  if (idleMs > idleMinutes * 60_000 || ageMs > SESSION_MAX_HOURS * 3_600_000) {
    await db.updateTable('sessions').set({ revokedAt: new Date() }).where('id', '=', id).execute();
    return null;
  }
  if (idleMs > TOUCH_AFTER_MS) await db.updateTable('sessions').set({ lastSeenAt: new Date() }).where('id', '=', id).execute();
  return toPrincipal(row, { id, csrfToken: row.csrfToken, secondFactorDone: row.secondFactorAt !== null }, null);
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
