import { PasswordChange, PasswordSet } from '@utvag/domain';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnauthorizedError } from '../http/errors';
import { SESSION_COOKIE, principalFromSession } from './principal';
import { setPasswordWithLink } from '../users/password-links';
import { changePassword, completeSecondFactor, login, logout, startEnrolment } from './service';

const Me = z.object({
  user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), roles: z.array(z.string()) }),
  organisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
  csrfToken: z.string().nullable(),
});

export const authRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = app;
  const auth = { db: deps.database.db, keyring: deps.keyring };
  const setCookie = (reply: FastifyReply, value: string) =>
    reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, secure: deps.secureCookies, sameSite: 'strict' });

  api.post('/auth/login', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      body: z.strictObject({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) }),
      response: { 200: z.object({ next: z.enum(['second_factor', 'enrol_second_factor']), csrfToken: z.string() }) },
    },
  }, async (request, reply) => {
    const result = await login(auth, request.body.email, request.body.password, request.ip, request.id);
    setCookie(reply, result.cookie);
    return { next: result.enrolmentRequired ? 'enrol_second_factor' as const : 'second_factor' as const, csrfToken: result.csrfToken };
  });

  api.post('/auth/second-factor/enrolment', {
    config: { permission: 'password_verified' },
    schema: {
      tags: ['auth'],
      response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }) },
    },
  }, async (request) => startEnrolment(auth, request.principal!));

  api.post('/auth/second-factor', {
    config: { permission: 'password_verified' },
    schema: {
      tags: ['auth'],
      body: z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, 'six_digits') }),
      response: { 200: Me },
    },
  }, async (request, reply) => {
    const session = await completeSecondFactor(auth, request.principal!, request.body.code, request.ip, request.id);
    setCookie(reply, session.cookie);
    const principal = await principalFromSession(deps.database.db, session.cookie, deps.sessionIdleMinutes);
    if (!principal) throw new UnauthorizedError();
    return { user: principal.user, organisation: principal.organisation, csrfToken: session.csrfToken };
  });

  api.get('/auth/me', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], response: { 200: Me } },
  }, async (request) => {
    const principal = request.principal!;
    return { user: principal.user, organisation: principal.organisation, csrfToken: principal.session?.csrfToken ?? null };
  });

  api.post('/auth/password', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Choose a password through a link from the organisation\'s administrator', body: PasswordSet, response: { 204: z.null() } },
  }, async (request, reply) => {
    await setPasswordWithLink(deps.database.db, request.body.token, request.body.password, request.ip, request.id);
    return reply.code(204).send(null);
  });

  api.post('/auth/password-change', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Change one\'s own password; the other sessions end', body: PasswordChange, response: { 204: z.null() } },
  }, async (request, reply) => {
    await changePassword(deps.database.db, request.principal!, request.body.currentPassword, request.body.newPassword, request.id);
    return reply.code(204).send(null);
  });

  api.post('/auth/logout', {
    config: { permission: 'password_verified' },
    schema: { tags: ['auth'], response: { 204: z.null() } },
  }, async (request, reply) => {
    await logout(deps.database.db, request.principal!, false, request.id);
    if (request.principal!.session) app.sessionCache.forget(request.principal!.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  api.post('/auth/logout-everywhere', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], response: { 204: z.null() } },
  }, async (request, reply) => {
    await logout(deps.database.db, request.principal!, true, request.id);
    if (request.principal!.session) app.sessionCache.forget(request.principal!.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
};
