import type { FastifyRequest } from 'fastify';
import '../http/augment';
import { UnauthorizedError } from '../http/errors';
import { AccessContext } from './context';

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
  }, request.id);
}
