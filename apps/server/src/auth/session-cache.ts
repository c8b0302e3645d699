import { OrganisationType, Role } from '@utvag/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

const HASH = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The check of a remembered session as one statement without parameters, so that the database driver can
 * send it with the transaction's `begin` (see `db/preparing-pool.ts`). Every value is checked against its
 * form first (a hex hash, uuids, whole numbers, known roles and organisation types) before it stands as a
 * literal; anything else is refused here, before any SQL is written.
 */
export function sessionCheck(session: RememberedSession, idleMinutes: number): string {
  const { principal, sessionId, userVersion } = session;
  const roles = principal.user.roles;
  const wellFormed = HASH.test(sessionId) && UUID.test(principal.user.id) && UUID.test(principal.organisation.id)
    && Number.isSafeInteger(userVersion) && Number.isSafeInteger(idleMinutes) && roles.length > 0
    && roles.every((role) => Role.options.includes(role)) && OrganisationType.options.includes(principal.organisation.type);
  if (!wellFormed) throw new Error('A remembered session must be well formed to be checked.');
  return `select utvag_require_session('${sessionId}', '${principal.user.id}', ${userVersion}, array[${roles.map((role) => `'${role}'`).join(', ')}]::text[], `
    + `'${principal.organisation.id}', '${principal.organisation.type}', ${idleMinutes}, ${SESSION_MAX_HOURS})`;
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
