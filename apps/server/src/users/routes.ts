import { CreatedStaffUser, NewStaffUser, PasswordLink, StaffUser, StaffUserAction, StaffUsers, StaffUserUpdate } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { createStaff, disableStaff, enableStaff, listStaff, newPasswordLink, resetSecondFactor, updateStaff, type StaffDeps } from './service';

const UserParams = z.object({ userId: z.uuid() });
const tags = ['users'];

/** The organisation's administrator keeps its staff accounts: who works here, in which roles, and who no longer does. */
export const userRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const deps: StaffDeps = { db: app.deps.database.db, keyring: app.deps.keyring, emailEnabled: app.deps.emailEnabled ?? false };
  const config = { permission: 'user.administer' } as const;

  api.get('/users', {
    config,
    schema: { tags, summary: 'The accounts of the administrator\'s own organisation', response: { 200: StaffUsers } },
  }, async (request) => listStaff(deps, accessOf(request)));

  api.post('/users', {
    config,
    schema: { tags, summary: 'Add an account, with a link for its holder to choose a password (takes an Idempotency-Key)', body: NewStaffUser, response: { 201: CreatedStaffUser } },
  }, async (request, reply) => reply.code(201).send(await createStaff(deps, accessOf(request), request.body, idempotencyKey(request))));

  api.put('/users/:userId', {
    config,
    schema: { tags, summary: 'Change name, title and roles at the version read (409 when stale)', params: UserParams, body: StaffUserUpdate, response: { 200: StaffUser } },
  }, async (request) => updateStaff(deps, accessOf(request), request.params.userId, request.body));

  api.post('/users/:userId/disable', {
    config,
    schema: { tags, summary: 'Disable an account: its sessions, API tokens, calendar feed and password links end at once', params: UserParams, body: StaffUserAction, response: { 200: StaffUser } },
  }, async (request) => disableStaff(deps, accessOf(request), request.params.userId, request.body.version));

  api.post('/users/:userId/enable', {
    config,
    schema: { tags, summary: 'Enable a disabled account', params: UserParams, body: StaffUserAction, response: { 200: StaffUser } },
  }, async (request) => enableStaff(deps, accessOf(request), request.params.userId, request.body.version));

  api.post('/users/:userId/password-link', {
    config,
    schema: { tags, summary: 'A new link to choose a password; earlier links end', params: UserParams, body: StaffUserAction, response: { 200: PasswordLink } },
  }, async (request) => newPasswordLink(deps, accessOf(request), request.params.userId, request.body.version));

  api.post('/users/:userId/second-factor-reset', {
    config,
    schema: { tags, summary: 'Remove the second factor; the next login enrols a new one', params: UserParams, body: StaffUserAction, response: { 200: StaffUser } },
  }, async (request) => resetSecondFactor(deps, accessOf(request), request.params.userId, request.body.version));
};
