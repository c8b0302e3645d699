import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import { withNext } from '../db/preparing-pool';
import { ConflictError, UnauthorizedError, type AppError } from '../http/errors';
import { SESSION_MAX_HOURS, lookUpSession, type RememberedSession } from './principal';

/** How long a looked-up session is remembered. The full look-up also marks the session as seen (at most once a minute). */
export const REMEMBER_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * The sessions this server process looked up in the last minute, by the hash of their cookie. A request
 * to a route whose data is reached only through its access context (see `checksSessionInTransaction`)
 * takes its principal from here instead of looking the session up first; its access context then sends
 * `sessionCheck` in the transaction's first write, ahead of the row-level security settings and the
 * work's first statement, so a session that was revoked, idled out or disabled, or an account changed
 * meanwhile (in this process or any other), stops the request before anything is read or written.
 * Only sessions past the second factor are remembered.
 */
export class SessionCache {
  private readonly entries = new Map<string, RememberedSession & { until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(sessionId: string): RememberedSession | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry;
  }

  remember(session: RememberedSession): void {
    if (session.principal.session?.secondFactorDone !== true) return;
    this.entries.delete(session.sessionId);
    // The oldest entry goes first (a Map keeps insertion order).
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(session.sessionId, { ...session, until: this.now() + REMEMBER_MS });
  }

  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }
}

/**
 * The check of a remembered session, marked to travel with the transaction's `begin` and first statement
 * (see `withNext` in db/preparing-pool.ts). Its values are parameters; as a prepared statement, each
 * connection plans it once.
 */
export function sessionCheck(session: RememberedSession, idleMinutes: number): RawBuilder<unknown> {
  const { principal, sessionId, userVersion } = session;
  return sql`${sql.raw(withNext(''))}select utvag_require_session(${sessionId}, ${principal.user.id}::uuid, ${userVersion}::integer,
    ${principal.user.roles}::text[], ${principal.organisation.id}::uuid, ${principal.organisation.type}, ${idleMinutes}::integer, ${SESSION_MAX_HOURS}::integer)`;
}

/** The SQLSTATE `utvag_require_session` raises. */
export const SESSION_CHECK_FAILED = 'UV401';

/**
 * Marks every route registered in `scope` as one whose data is reached only through the request's access
 * context, so that a remembered session is checked in its transaction (see `SessionCache`). Register a
 * capability here only when its handlers reach the database through `accessOf(request)` alone.
 */
export function checksSessionInTransaction(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, sessionCheckedInTransaction: true };
  });
}

/**
 * Looks up again the remembered session a request ran on, after its check failed or when it answered
 * without a transaction having checked it: an ended session gets 401 and is forgotten; a valid one is
 * remembered as it is now, and the request is then verified.
 */
export async function recheckSession(request: FastifyRequest): Promise<UnauthorizedError | null> {
  const toCheck = request.sessionToCheck;
  if (!toCheck) return null;
  const { sessionCache, deps } = request.server;
  const sessionId = toCheck.session.sessionId;
  sessionCache.forget(sessionId);
  const found = await lookUpSession(deps.database.db, sessionId, deps.sessionIdleMinutes);
  if (!found) return new UnauthorizedError();
  sessionCache.remember(found);
  toCheck.verified = true;
  return null;
}

/**
 * The answer when a transaction's check of a remembered session failed, before anything was read or
 * written: 401 when the session has ended; when only the account changed (another role, another name),
 * 409, and the next request runs with the account as it is now.
 */
export async function sessionCheckFailed(request: FastifyRequest): Promise<AppError> {
  return (await recheckSession(request))
    ?? new ConflictError('account_changed', 'Your account was changed while you were working. Reload the page and try again.');
}
