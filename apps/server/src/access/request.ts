import type { FastifyRequest } from 'fastify';
import { sessionCheck, sessionCheckFailed } from '../auth/session-cache';
import '../http/augment';
import { UnauthorizedError } from '../http/errors';
import { AccessContext, type SessionCheck } from './context';

/** The access context of a request that has passed login and the second factor. */
export function accessOf(request: FastifyRequest): AccessContext {
  const principal = request.principal;
  if (!principal) throw new UnauthorizedError();
  return new AccessContext(request.server.deps.database.db, {
    userId: principal.user.id,
    organisationId: principal.organisation.id,
    organisationType: principal.organisation.type,
    roles: principal.user.roles,
    name: principal.user.name,
    email: principal.user.email,
  }, request.id, checkOf(request));
}

/** The check of the remembered session the request runs on, until a transaction has passed it. */
function checkOf(request: FastifyRequest): SessionCheck | undefined {
  const toCheck = request.sessionToCheck;
  if (!toCheck || toCheck.verified) return undefined;
  return {
    values: sessionCheck(toCheck.session, request.server.deps.sessionIdleMinutes),
    passed: () => {
      toCheck.verified = true;
    },
    failed: () => sessionCheckFailed(request),
  };
}
