import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConflictError, UnauthorizedError, type AppError } from '../http/errors';
import { SESSION_MAX_HOURS, lookUpSession, type Principal, type RememberedSession } from './principal';

/** How long a looked-up session is remembered. The full look-up also marks the session as seen (at most once a minute). */
export const REMEMBER_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * The sessions this server process looked up in the last minute, by the hash of their cookie. A request
 * to a route whose data is reached only through its access context (see `checksSessionInTransaction`)
 * takes its principal from here instead of looking the session up first; its access context then sends
 * `sessionCheck` in the transaction's first write, in one statement with the row-level security settings and
 * ahead of the work's first statement, so a session that was revoked, idled out or disabled, or an account changed
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
 * The call that raises unless a remembered session is still valid, with its values as `$1`…`$5`. It goes first
 * in the statement of the row-level security settings (see `rowSecuritySettings` in access/context.ts), whose
 * text never changes, so each connection plans it once as a prepared statement.
 */
export const SESSION_CHECK_CALL = 'utvag_require_session($1, $2::uuid, $3::integer, $4::integer, $5::integer)';

/** The values of `SESSION_CHECK_CALL` for a remembered session. */
export function sessionCheck(session: RememberedSession, idleMinutes: number): readonly unknown[] {
  const { principal, sessionId, accountVersion } = session;
  return [sessionId, principal.user.id, accountVersion, idleMinutes, SESSION_MAX_HOURS];
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

/** Looks a session up and remembers the answer: a valid session for a minute; an ended one is forgotten. */
async function lookUpAndRemember(request: FastifyRequest, sessionId: string): Promise<RememberedSession | null> {
  const { sessionCache, deps } = request.server;
  const found = await lookUpSession(deps.database.db, sessionId, deps.sessionIdleMinutes);
  if (found) sessionCache.remember(found);
  else sessionCache.forget(sessionId);
  return found;
}

/**
 * The principal of a session. A route whose data is reached only through its access context takes a
 * session this process remembers as it is, and its transaction checks it (see `SessionCache`). Any other
 * route looks the session up, and the look-up is remembered.
 */
export async function sessionPrincipal(request: FastifyRequest, sessionId: string): Promise<Principal | null> {
  if (request.routeOptions.config?.sessionCheckedInTransaction) {
    const remembered = request.server.sessionCache.get(sessionId);
    if (remembered) {
      request.sessionToCheck = { session: remembered, verified: false };
      return remembered.principal;
    }
  }
  return (await lookUpAndRemember(request, sessionId))?.principal ?? null;
}

/**
 * Looks up again the remembered session a request ran on, after its check failed or when it answered
 * without a transaction having checked it: an ended session gets 401 and is forgotten; a valid one is
 * remembered as it is now, and the request is then verified.
 */
export async function recheckSession(request: FastifyRequest): Promise<UnauthorizedError | null> {
  const toCheck = request.sessionToCheck;
  if (!toCheck) return null;
  request.server.sessionCache.forget(toCheck.session.sessionId);
  if (!(await lookUpAndRemember(request, toCheck.session.sessionId))) return new UnauthorizedError();
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
