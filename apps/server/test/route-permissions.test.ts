/**
 * Every route of the built app with the permission it declares, written out below: a change to a
 * route's permission, a new route or a removed one shows up here as a reviewed diff.
 */
import { randomUUID } from 'node:crypto';
import type * as FastifyModule from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeclaredRoute } from './declared-routes';
import { testEnv, type TestEnv } from './helpers';

// The routes are collected as they are declared: an onRoute hook on the instance the app builds,
// added before any route exists, sees each route's own options (Fastify keeps no public list of them).
const declared = vi.hoisted(() => [] as DeclaredRoute[]);
vi.mock('fastify', async (importOriginal) =>
  (await import('./declared-routes')).recordingDeclaredRoutes(await importOriginal<typeof FastifyModule>(), declared));

/** Method, URL, declared permission; HEAD routes that Fastify adds for each GET are left out. */
const expected: [string, string, string | null][] = [
  ['GET', '/', 'public'],
  ['GET', '/:lang', 'public'],
  ['GET', '/:lang/', 'public'],
  ['GET', '/:lang/:page', 'public'],
  ['GET', '/public-assets/:name', 'public'],
  ['GET', '/healthz', 'public'],
  ['GET', '/readyz', 'public'],
  ['GET', '/api/openapi.json', null],
  ['GET', '/app', null],
  ['GET', '/app/*', null],

  ['POST', '/api/v1/auth/login', 'public'],
  ['POST', '/api/v1/auth/second-factor/enrolment', 'password_verified'],
  ['POST', '/api/v1/auth/second-factor', 'password_verified'],
  ['GET', '/api/v1/auth/me', 'authenticated'],
  ['POST', '/api/v1/auth/logout', 'password_verified'],
  ['POST', '/api/v1/auth/logout-everywhere', 'authenticated'],
  ['POST', '/api/v1/auth/password', 'public'],
  ['POST', '/api/v1/auth/password-change', 'authenticated'],

  ['GET', '/api/v1/users', 'user.administer'],
  ['POST', '/api/v1/users', 'user.administer'],
  ['PUT', '/api/v1/users/:userId', 'user.administer'],
  ['POST', '/api/v1/users/:userId/disable', 'user.administer'],
  ['POST', '/api/v1/users/:userId/enable', 'user.administer'],
  ['POST', '/api/v1/users/:userId/password-link', 'user.administer'],
  ['POST', '/api/v1/users/:userId/second-factor-reset', 'user.administer'],

  ['GET', '/api/v1/organisations', 'directory.read'],
  ['GET', '/api/v1/organisations/:organisationId/staff', 'directory.read'],

  ['GET', '/api/v1/cases', 'case.list'],
  ['POST', '/api/v1/cases', 'case.create'],
  ['GET', '/api/v1/cases/:caseId', 'case.read'],
  ['PATCH', '/api/v1/cases/:caseId', 'case.edit'],

  ['GET', '/api/v1/cases/:caseId/course', 'case.read'],
  ['POST', '/api/v1/cases/:caseId/transitions', 'case.transition'],

  ['GET', '/api/v1/cases/:caseId/team', 'case.read'],
  ['POST', '/api/v1/cases/:caseId/team', 'team.manage'],
  ['DELETE', '/api/v1/cases/:caseId/team/:memberId', 'team.manage'],

  ['GET', '/api/v1/cases/:caseId/consents', 'case.read'],
  ['POST', '/api/v1/cases/:caseId/consents', 'consent.record'],
  ['POST', '/api/v1/cases/:caseId/consents/:consentId/withdraw', 'consent.record'],

  ['GET', '/api/v1/cases/:caseId/journal', 'journal.read'],
  ['POST', '/api/v1/cases/:caseId/journal', 'journal.write'],
  ['PATCH', '/api/v1/cases/:caseId/journal/:entryId', 'journal.write'],
  ['POST', '/api/v1/cases/:caseId/journal/:entryId/sign', 'journal.write'],
  ['POST', '/api/v1/cases/:caseId/journal/:entryId/corrections', 'journal.write'],

  ['GET', '/api/v1/cases/:caseId/plan', 'plan.read'],
  ['GET', '/api/v1/cases/:caseId/plan/versions', 'plan.read'],
  ['GET', '/api/v1/cases/:caseId/plan/versions/:number', 'plan.read'],
  ['GET', '/api/v1/cases/:caseId/plan/compare', 'plan.read'],
  ['POST', '/api/v1/cases/:caseId/plan/versions', 'plan.edit'],
  ['PUT', '/api/v1/cases/:caseId/plan/versions/:number', 'plan.edit'],
  ['POST', '/api/v1/cases/:caseId/plan/versions/:number/agree', 'plan.agree'],
  ['GET', '/api/v1/cases/:caseId/plan/pending-changes', 'plan.read'],
  ['POST', '/api/v1/cases/:caseId/plan/versions/:number/dismissals', 'plan.edit'],
  ['GET', '/api/v1/cases/:caseId/plan/versions/:number/plan.pdf', 'plan.read'],
  ['GET', '/api/v1/cases/:caseId/costs', 'plan.read'],
  ['POST', '/api/v1/cases/:caseId/costs', 'plan.edit'],
  ['POST', '/api/v1/cases/:caseId/costs/:costId/cancel', 'plan.edit'],

  ['GET', '/api/v1/cases/:caseId/decisions', 'decision.read'],
  ['POST', '/api/v1/cases/:caseId/decisions', 'decision.initiate'],
  ['POST', '/api/v1/cases/:caseId/decisions/:decisionId/decide', 'decision.decide'],
  ['GET', '/api/v1/cases/:caseId/decisions/:decisionId/letter.pdf', 'decision.read'],
  ['GET', '/api/v1/organisations/:organisationId/delegation-rules', 'delegation.manage'],
  ['PUT', '/api/v1/organisations/:organisationId/delegation-rules', 'delegation.manage'],

  ['GET', '/api/v1/cases/:caseId/meetings', 'meeting.read'],
  ['POST', '/api/v1/cases/:caseId/meetings', 'meeting.schedule'],
  ['PATCH', '/api/v1/cases/:caseId/meetings/:meetingId', 'meeting.schedule'],
  ['POST', '/api/v1/cases/:caseId/meetings/:meetingId/minutes', 'meeting.schedule'],
  ['POST', '/api/v1/cases/:caseId/meetings/:meetingId/cancel', 'meeting.schedule'],
  ['GET', '/api/v1/cases/:caseId/meetings/:meetingId/calendar.ics', 'meeting.read'],
  ['POST', '/api/v1/calendar-feed', 'authenticated'],
  ['GET', '/api/v1/calendar-feed', 'authenticated'],
  ['DELETE', '/api/v1/calendar-feed', 'authenticated'],
  ['GET', '/calendar/:token.ics', 'public'],

  ['POST', '/api/v1/cases/:caseId/emergency-access', 'emergency_access.request'],
  ['GET', '/api/v1/cases/:caseId/access-log', 'access_log.read'],

  ['GET', '/api/v1/cases/:caseId/transfers', 'case.read'],
  ['POST', '/api/v1/cases/:caseId/transfers', 'transfer.request'],
  ['GET', '/api/v1/transfers/incoming', 'transfer.decide'],
  ['POST', '/api/v1/transfers/:transferId/accept', 'transfer.decide'],
  ['POST', '/api/v1/transfers/:transferId/decline', 'transfer.decide'],
  ['POST', '/api/v1/transfers/:transferId/withdraw', 'transfer.request'],

  ['GET', '/api/v1/notifications', 'notifications.read'],
  ['POST', '/api/v1/notifications/:notificationId/read', 'notifications.read'],

  ['GET', '/api/v1/work-list', 'work_list.read'],
  ['GET', '/api/v1/manager/overview', 'manager_overview.read'],

  ['GET', '/api/v1/mailbox/conversations', 'mailbox.inbox'],
  ['GET', '/api/v1/mailbox/conversations/:conversationId', 'mailbox.inbox'],
  ['POST', '/api/v1/mailbox/conversations/:conversationId/assign', 'mailbox.inbox'],
  ['POST', '/api/v1/mailbox/conversations/:conversationId/replies', 'mailbox.inbox'],
  ['POST', '/api/v1/mailbox/conversations/:conversationId/close', 'mailbox.inbox'],
  ['POST', '/api/v1/mailbox/conversations/:conversationId/share-request', 'mailbox.inbox'],
  ['POST', '/api/v1/mailbox/conversations/:conversationId/escalate', 'mailbox.escalate'],
  ['GET', '/api/v1/mailbox/statistics', 'mailbox.inbox'],
  ['GET', '/api/v1/mailbox/templates', 'mailbox.templates'],
  ['POST', '/api/v1/mailbox/templates', 'mailbox.templates'],
  ['PATCH', '/api/v1/mailbox/templates/:templateId', 'mailbox.templates'],
  ['DELETE', '/api/v1/mailbox/templates/:templateId', 'mailbox.templates'],
  ['GET', '/api/v1/mailbox/child-handlers', 'mailbox.child_handlers'],
  ['POST', '/api/v1/mailbox/child-handlers', 'mailbox.child_handlers'],
  ['DELETE', '/api/v1/mailbox/child-handlers/:userId', 'mailbox.child_handlers'],
  ['GET', '/api/v1/mailbox/receiving', 'mailbox.settings'],
  ['PUT', '/api/v1/mailbox/receiving', 'mailbox.settings'],
  ['GET', '/mailbox', 'public'],
  ['GET', '/:lang/mailbox', 'public'],
  ['POST', '/mailbox', 'public'],
  ['POST', '/:lang/mailbox', 'public'],
  ['GET', '/mailbox/open', 'public'],
  ['GET', '/:lang/mailbox/open', 'public'],
  ['POST', '/mailbox/open', 'public'],
  ['POST', '/:lang/mailbox/open', 'public'],
  ['GET', '/mailbox/welcome', 'public'],
  ['GET', '/:lang/mailbox/welcome', 'public'],
  ['GET', '/mailbox/conversation', 'public'],
  ['GET', '/:lang/mailbox/conversation', 'public'],
  ['POST', '/mailbox/conversation', 'public'],
  ['POST', '/:lang/mailbox/conversation', 'public'],
  ['POST', '/mailbox/share', 'public'],
  ['POST', '/:lang/mailbox/share', 'public'],
  ['POST', '/mailbox/close', 'public'],
  ['POST', '/:lang/mailbox/close', 'public'],
  ['GET', '/mailbox/delete', 'public'],
  ['GET', '/:lang/mailbox/delete', 'public'],
  ['POST', '/mailbox/delete', 'public'],
  ['POST', '/:lang/mailbox/delete', 'public'],

  ['GET', '/api/v1/outreach/encounters', 'outreach.read'],
  ['POST', '/api/v1/outreach/encounters', 'outreach.record'],
  ['PATCH', '/api/v1/outreach/encounters/:encounterId', 'outreach.record'],
  ['GET', '/api/v1/outreach/statistics', 'outreach.read'],

  ['GET', '/api/v1/screenings', 'screening.read'],
  ['POST', '/api/v1/screenings', 'screening.record'],
  ['GET', '/api/v1/screenings/statistics', 'screening.read'],
  ['GET', '/api/v1/screenings/referrals/incoming', 'screening.receive'],

  ['GET', '/api/v1/directory-entries', 'directory_entry.read'],
  ['POST', '/api/v1/directory-entries', 'directory_entry.maintain'],
  ['PUT', '/api/v1/directory-entries/:entryId', 'directory_entry.maintain'],
  ['POST', '/api/v1/directory-entries/:entryId/publication', 'directory_entry.maintain'],
  ['DELETE', '/api/v1/directory-entries/:entryId', 'directory_entry.maintain'],
  ['GET', '/find-help', 'public'],
  ['GET', '/:lang/find-help', 'public'],
  ['GET', '/find-help/:code', 'public'],
  ['GET', '/:lang/find-help/:code', 'public'],
];

const sortRoutes = (routes: DeclaredRoute[]) =>
  [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
const isDocs = (route: DeclaredRoute) => route.url === '/api/docs' || route.url.startsWith('/api/docs/');
// The built staff app's own files (index.html, hashed assets) are served by @fastify/static when apps/web is built.
const isStaffAppFile = (route: DeclaredRoute) => route.url.startsWith('/app/') && route.url !== '/app/*';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  await env.app.ready();
});
afterAll(async () => { await env?.close(); });

describe('route permissions', () => {
  it('lists every route with the permission it declares', () => {
    const routes = declared.filter((route) => route.method !== 'HEAD' && !isDocs(route) && !isStaffAppFile(route));
    expect(sortRoutes(routes)).toEqual(sortRoutes(expected.map(([method, url, permission]) => ({ method, url, permission }))));
  });

  it('serves the API documentation and the staff app\'s files read-only and without case data', () => {
    const others = declared.filter((route) => isDocs(route) || isStaffAppFile(route));
    expect(others.length).toBeGreaterThan(0);
    for (const route of others) {
      expect(['GET', 'HEAD'], `${route.method} ${route.url}`).toContain(route.method);
      expect(route.url.startsWith('/api/v1')).toBe(false);
    }
  });

  it('answers 401 without credentials on every /api/v1 route that is not public', async () => {
    const guarded = declared.filter((route) => route.url.startsWith('/api/v1/') && route.permission !== 'public' && route.method !== 'HEAD');
    expect(guarded.length).toBe(expected.filter(([, url, permission]) => url.startsWith('/api/v1/') && permission !== 'public').length);
    for (const route of guarded) {
      const url = route.url.replace(/:[A-Za-z]+/g, () => randomUUID());
      for (const headers of [{}, { authorization: 'Bearer utv_not-a-real-token' }, { cookie: 'utvag_session=not-a-real-session' }]) {
        const response = await env.app.inject({ method: route.method as 'GET', url, headers, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
        expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(401);
        expect(response.json().error.code).toBe('unauthorized');
      }
    }
  });

  it('keeps the public routes public', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const login = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@test.utvag.se', password: 'wrong password' } });
    // Reached the login itself, which judged the password, rather than the guard in front of it.
    expect(login.statusCode).toBe(401);
    expect(login.json().error.code).toBe('invalid_credentials');
  });
});
