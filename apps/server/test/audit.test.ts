import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as FastifyModule from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordAudit, type AuditActor } from '../src/audit/audit';
import { UNSEALED_COUNT_SQL, oldestUnsealedSeconds, sealAuditChain, verifyAuditChain, watchSealing } from '../src/audit/chain';
import { Keyring } from '../src/crypto/keyring';
import { openPglite, type Tx } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { setMailboxReceiver } from '../src/mailbox/service';
import { writeFirstMessage } from '../src/mailbox/visitor';
import type { DeclaredRoute } from './declared-routes';
import { as, anonymousCase, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

/**
 * Every route the app registers, with its declared permission, caught as Fastify registers it, so a
 * route added later without an audit test below makes the coverage test fail.
 */
const registeredRoutes = vi.hoisted(() => [] as DeclaredRoute[]);
vi.mock('fastify', async (importOriginal) =>
  (await import('./declared-routes')).recordingDeclaredRoutes(await importOriginal<typeof FastifyModule>(), registeredRoutes));

/** Permissions of routes that touch no participant's data, so need no audit event. */
const NOT_PERSONAL_DATA = new Set(['public', 'password_verified', 'authenticated', 'directory.read', 'notifications.read', 'mailbox.templates', 'mailbox.settings', 'directory_entry.read']);

let env: TestEnv;
let orgId: string;
let regionId: string;
let coordinator: TestUser;
let colleague: TestUser;
let bystander: TestUser;

beforeAll(async () => {
  env = await testEnv();
  orgId = await organisations.municipality(env);
  regionId = await organisations.region(env);
  coordinator = await makeUser(env, orgId, ['coordinator']);
  colleague = await makeUser(env, orgId, ['team_member']);
  bystander = await makeUser(env, orgId, ['team_member']);
});
afterAll(async () => { await env?.close(); });

interface Expected { action: string; actor: TestUser; caseId: string | null; emergency?: boolean }

async function expectAudited(response: LightMyRequestResponse, expected: Expected): Promise<void> {
  expect(response.statusCode, response.body).toBeLessThan(300);
  const requestId = response.headers['x-request-id'];
  expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const rows = await env.database.db.selectFrom('auditEvents').selectAll().where('requestId', '=', String(requestId)).execute();
  const row = rows.find((candidate) => candidate.action === expected.action);
  expect(row, `no ${expected.action} event for request ${requestId}; found ${rows.map((r) => r.action).join(', ')}`).toBeDefined();
  expect(row!.requestId).toBe(requestId);
  expect(row!.actorUserId).toBe(expected.actor.id);
  expect(row!.organisationId).toBe(expected.actor.organisationId);
  expect(row!.caseId).toBe(expected.caseId);
  expect(row!.emergency).toBe(expected.emergency ?? false);
  expect(row!.role).toBeTruthy();
  if (expected.caseId) {
    const participant = await env.database.db.selectFrom('cases').select('participantId').where('id', '=', expected.caseId).executeTakeFirstOrThrow();
    expect(row!.participantId).toBe(participant.participantId);
  }
  // Every event of the request is the same person's, in the same organisation.
  for (const other of rows) {
    expect(other.actorUserId).toBe(expected.actor.id);
    expect(other.organisationId).toBe(expected.actor.organisationId);
  }
}

const outreachEncounter = () => ({
  date: today(), arena: 'street', municipalityCode: '1880', languages: [], materials: [], referralOffered: false, referralTo: [], peopleMet: 1,
});
const screeningInput = () => ({
  setting: 'social_services', isChild: false, followUp: null,
  answers: { given_something_for_sex: 'no', pressured_or_threatened: 'no', controlled_by_someone: 'no', images_spread: 'yes', owes_someone: 'no', wants_help: 'no' },
});

async function newCase(alias = 'Vinter'): Promise<string> {
  const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase(alias));
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

const decisionInput = () => ({ type: 'protected_housing', legalBasis: 'Socialtjänstlagen (2025:400), bistånd', reasons: 'Skäl.', extent: 'Skyddat boende', periodFrom: today() });

async function decision(caseId: string): Promise<{ id: string; version: number }> {
  const created = await as(env, coordinator).post(`/api/v1/cases/${caseId}/decisions`, decisionInput());
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

/** A case whose draft plan has one goal with one action, for costs. */
async function planWithAction(): Promise<{ caseId: string; actionId: string }> {
  const caseId = await newCase();
  expect((await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`)).statusCode).toBe(201);
  const actionId = randomUUID();
  const action = { id: actionId, description: 'Resa', responsibleOrganisationId: coordinator.organisationId, startOn: today(), status: 'planned', followUpOn: today() };
  const content = { followUpOn: today(), goals: [{ id: randomUUID(), lifeArea: 'health', participantWords: 'Må bättre', professionalWords: '', actions: [action] }] };
  const saved = await env.app.inject({
    method: 'PUT', url: `/api/v1/cases/${caseId}/plan/versions/1`, headers: { authorization: `Bearer ${coordinator.token}` }, payload: { version: 1, content },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return { caseId, actionId };
}

const consentInput = () => ({ recipientOrganisationId: regionId, categories: ['health'], purposes: ['coordination'], form: 'written', givenOn: today() });

async function journalEntry(caseId: string, sign = false): Promise<{ id: string; version: number }> {
  const created = await as(env, coordinator).post(`/api/v1/cases/${caseId}/journal`, { category: 'health', body: 'Anteckning.', sign });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

async function meeting(caseId: string): Promise<{ id: string; version: number }> {
  const start = new Date(Date.now() + 86_400_000);
  const created = await as(env, coordinator).post(`/api/v1/cases/${caseId}/meetings`, {
    startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), participantAttends: true, attendeeUserIds: [], agenda: 'Dagordning.',
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

/** A pending transfer of a new case to a second municipality, and that municipality's coordinator. */
let receivingCoordinator: TestUser | undefined;
async function pendingTransfer(): Promise<{ caseId: string; transferId: string; receiver: TestUser }> {
  receivingCoordinator ??= await makeUser(env, await organisations.municipality(env, '2480'), ['coordinator']);
  const caseId = await newCase();
  const requested = await as(env, coordinator).post(`/api/v1/cases/${caseId}/transfers`, { receivingOrganisationId: receivingCoordinator.organisationId });
  expect(requested.statusCode, requested.body).toBe(201);
  return { caseId, transferId: requested.json().id, receiver: receivingCoordinator };
}

/** An anonymous mailbox conversation received by the test municipality, and an intake worker there. */
let mailboxIntake: TestUser | undefined;
let mailboxVisitors = 0;
async function mailboxConversation(): Promise<{ conversationId: string; intake: TestUser }> {
  if (!mailboxIntake) {
    mailboxIntake = await makeUser(env, orgId, ['intake']);
    await setMailboxReceiver(env.database.db, orgId, true);
  }
  mailboxVisitors += 1;
  await writeFirstMessage({ db: env.database.db, keyring: env.keyring }, {
    body: 'Hej.', language: 'sv', ageGroup: 'adult', municipalityCode: null, countyCode: null,
  }, `192.0.2.${mailboxVisitors}`);
  const row = await env.database.db.selectFrom('mailboxConversations').select('id').orderBy('createdAt', 'desc').limit(1).executeTakeFirstOrThrow();
  return { conversationId: row.id, intake: mailboxIntake };
}

/** A published service directory entry of the test municipality and the org admin who maintains it (not personal data, but changes are traced). */
let directoryAdmin: TestUser | undefined;
async function directoryEntry(): Promise<{ entryId: string; admin: TestUser; body: Record<string, unknown> }> {
  directoryAdmin ??= await makeUser(env, orgId, ['org_admin']);
  const body = {
    kind: 'social_services', name: 'Mottagningen (test)', description: { sv: 'Stöd.' }, phone: '019-00 00 00', protectedLocation: false,
    openingHours: { alwaysOpen: true, periods: [] }, languages: ['sv'], free: true, anonymous: true, forChildren: false, forAdults: true,
    coverage: { scope: 'own_area' }, published: true,
  };
  const created = await as(env, directoryAdmin).post('/api/v1/directory-entries', body);
  expect(created.statusCode, created.body).toBe(201);
  return { entryId: created.json().id, admin: directoryAdmin, body };
}

/** One call per route that returns or changes personal data, each checked for its audit event. */
const auditedRoutes: Record<string, () => Promise<void>> = {
  'GET /api/v1/cases': async () => {
    await newCase();
    const response = await as(env, coordinator).get('/api/v1/cases');
    expect(response.json().cases.length).toBeGreaterThan(0);
    await expectAudited(response, { action: 'case.list', actor: coordinator, caseId: null });
  },
  'POST /api/v1/cases': async () => {
    const response = await as(env, coordinator).post('/api/v1/cases', anonymousCase('Höst'));
    await expectAudited(response, { action: 'case.create', actor: coordinator, caseId: response.json().id });
  },
  'GET /api/v1/cases/:caseId': async () => {
    const caseId = await newCase();
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}`), { action: 'case.read', actor: coordinator, caseId });
  },
  'PATCH /api/v1/cases/:caseId': async () => {
    const caseId = await newCase();
    const response = await as(env, coordinator).patch(`/api/v1/cases/${caseId}`, { version: 1, participant: { alias: 'Vår' } });
    await expectAudited(response, { action: 'case.update', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/transitions': async () => {
    const caseId = await newCase();
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/transitions`, { version: 1, to: 'assessment' });
    await expectAudited(response, { action: 'case.transition', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/course': async () => {
    const caseId = await newCase();
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/course`), { action: 'case.course.read', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/team': async () => {
    const caseId = await newCase();
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/team`), { action: 'team.read', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/team': async () => {
    const caseId = await newCase();
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/team`, { userId: colleague.id, teamRole: 'team_member' });
    await expectAudited(response, { action: 'team.add', actor: coordinator, caseId });
  },
  'DELETE /api/v1/cases/:caseId/team/:memberId': async () => {
    const caseId = await newCase();
    const added = await as(env, coordinator).post(`/api/v1/cases/${caseId}/team`, { userId: colleague.id, teamRole: 'team_member' });
    expect(added.statusCode, added.body).toBe(201);
    const response = await as(env, coordinator).delete(`/api/v1/cases/${caseId}/team/${added.json().id}`);
    expect(response.statusCode, response.body).toBe(204);
    await expectAudited(response, { action: 'team.remove', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/consents': async () => {
    const caseId = await newCase();
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/consents`), { action: 'consent.read', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/consents': async () => {
    const caseId = await newCase();
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, consentInput());
    await expectAudited(response, { action: 'consent.record', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/consents/:consentId/withdraw': async () => {
    const caseId = await newCase();
    const recorded = await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, consentInput());
    expect(recorded.statusCode, recorded.body).toBe(201);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents/${recorded.json().id}/withdraw`, { version: recorded.json().version });
    await expectAudited(response, { action: 'consent.withdraw', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/plan': async () => {
    const caseId = await newCase();
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/plan`), { action: 'plan.read', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/plan/versions': async () => {
    const caseId = await newCase();
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/plan/versions`), { action: 'plan.list', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/plan/versions/:number': async () => {
    const caseId = await newCase();
    expect((await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`)).statusCode).toBe(201);
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/plan/versions/1`), { action: 'plan.read', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/plan/compare': async () => {
    const caseId = await newCase();
    expect((await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`)).statusCode).toBe(201);
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/plan/compare?from=1&to=1`), { action: 'plan.compare', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/plan/versions': async () => {
    const caseId = await newCase();
    await expectAudited(await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`), { action: 'plan.create', actor: coordinator, caseId });
  },
  'PUT /api/v1/cases/:caseId/plan/versions/:number': async () => {
    const caseId = await newCase();
    expect((await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`)).statusCode).toBe(201);
    const response = await env.app.inject({
      method: 'PUT', url: `/api/v1/cases/${caseId}/plan/versions/1`, headers: { authorization: `Bearer ${coordinator.token}` },
      payload: { version: 1, content: { followUpOn: today(), goals: [] } },
    });
    await expectAudited(response, { action: 'plan.update', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/plan/pending-changes': async () => {
    const caseId = await newCase();
    const created = await meeting(caseId);
    const held = await as(env, coordinator).post(`/api/v1/cases/${caseId}/meetings/${created.id}/minutes`, {
      version: created.version, text: 'Protokoll.', outcomes: [{ text: 'Nytt mål om boende', planChange: true }],
    });
    expect(held.statusCode, held.body).toBe(200);
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/plan/pending-changes`), { action: 'plan.pending_changes.read', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/plan/versions/:number/dismissals': async () => {
    const caseId = await newCase();
    const created = await meeting(caseId);
    const held = await as(env, coordinator).post(`/api/v1/cases/${caseId}/meetings/${created.id}/minutes`, {
      version: created.version, text: 'Protokoll.', outcomes: [{ text: 'Nytt mål om boende', planChange: true }],
    });
    expect(held.statusCode, held.body).toBe(200);
    expect((await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`)).statusCode).toBe(201);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions/1/dismissals`, {
      version: 1, meetingId: created.id, outcomeIndex: 0, reason: 'Redan ordnat',
    });
    await expectAudited(response, { action: 'plan.outcome.dismiss', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/plan/versions/:number/agree': async () => {
    const caseId = await newCase();
    expect((await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`)).statusCode).toBe(201);
    const content = { followUpOn: today(), goals: [{ id: randomUUID(), lifeArea: 'health', participantWords: 'Må bättre', professionalWords: '', actions: [] }] };
    const saved = await env.app.inject({
      method: 'PUT', url: `/api/v1/cases/${caseId}/plan/versions/1`, headers: { authorization: `Bearer ${coordinator.token}` }, payload: { version: 1, content },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions/1/agree`, { version: 2, agreedOn: today(), agreementForm: 'in_meeting' });
    await expectAudited(response, { action: 'plan.agree', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/plan/versions/:number/plan.pdf': async () => {
    const caseId = await newCase();
    expect((await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`)).statusCode).toBe(201);
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/plan/versions/1/plan.pdf`), { action: 'plan.print', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/costs': async () => {
    const caseId = await newCase();
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/costs`), { action: 'cost.read', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/costs': async () => {
    const { caseId, actionId } = await planWithAction();
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/costs`, { actionId, amount: 100, category: 'travel', incurredOn: today() });
    await expectAudited(response, { action: 'cost.add', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/costs/:costId/cancel': async () => {
    const { caseId, actionId } = await planWithAction();
    const added = await as(env, coordinator).post(`/api/v1/cases/${caseId}/costs`, { actionId, amount: 100, category: 'travel', incurredOn: today() });
    expect(added.statusCode, added.body).toBe(201);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/costs/${added.json().id}/cancel`, { reason: 'Fel belopp' });
    await expectAudited(response, { action: 'cost.cancel', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/journal': async () => {
    const caseId = await newCase();
    const entry = await journalEntry(caseId);
    const response = await as(env, coordinator).get(`/api/v1/cases/${caseId}/journal`);
    await expectAudited(response, { action: 'journal.read', actor: coordinator, caseId });
    expect(response.json().entries.map((each: { id: string }) => each.id)).toEqual([entry.id]);
  },
  'POST /api/v1/cases/:caseId/journal': async () => {
    const caseId = await newCase();
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/journal`, { category: 'health', body: 'Anteckning.' });
    await expectAudited(response, { action: 'journal.create', actor: coordinator, caseId });
  },
  'PATCH /api/v1/cases/:caseId/journal/:entryId': async () => {
    const caseId = await newCase();
    const entry = await journalEntry(caseId);
    const response = await as(env, coordinator).patch(`/api/v1/cases/${caseId}/journal/${entry.id}`, { version: entry.version, body: 'Ändrad anteckning.' });
    await expectAudited(response, { action: 'journal.update', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/journal/:entryId/sign': async () => {
    const caseId = await newCase();
    const entry = await journalEntry(caseId);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/journal/${entry.id}/sign`, { version: entry.version });
    await expectAudited(response, { action: 'journal.sign', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/journal/:entryId/corrections': async () => {
    const caseId = await newCase();
    const entry = await journalEntry(caseId, true);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/journal/${entry.id}/corrections`, { body: 'Rättelse.', reason: 'Fel datum.' });
    await expectAudited(response, { action: 'journal.correct', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/meetings': async () => {
    const caseId = await newCase();
    await meeting(caseId);
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/meetings`), { action: 'meeting.read', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/meetings': async () => {
    const caseId = await newCase();
    const start = new Date(Date.now() + 86_400_000);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/meetings`, {
      startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), participantAttends: false, attendeeUserIds: [], agenda: 'Dagordning.',
    });
    await expectAudited(response, { action: 'meeting.create', actor: coordinator, caseId });
  },
  'PATCH /api/v1/cases/:caseId/meetings/:meetingId': async () => {
    const caseId = await newCase();
    const created = await meeting(caseId);
    const start = new Date(Date.now() + 2 * 86_400_000);
    const response = await as(env, coordinator).patch(`/api/v1/cases/${caseId}/meetings/${created.id}`, {
      version: created.version, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), participantAttends: true, attendeeUserIds: [], agenda: 'Ny.',
    });
    await expectAudited(response, { action: 'meeting.update', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/meetings/:meetingId/minutes': async () => {
    const caseId = await newCase();
    const created = await meeting(caseId);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/meetings/${created.id}/minutes`, { version: created.version, text: 'Protokoll.', outcomes: [] });
    await expectAudited(response, { action: 'meeting.minutes', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/meetings/:meetingId/cancel': async () => {
    const caseId = await newCase();
    const created = await meeting(caseId);
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/meetings/${created.id}/cancel`, { version: created.version });
    await expectAudited(response, { action: 'meeting.cancel', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/meetings/:meetingId/calendar.ics': async () => {
    const caseId = await newCase();
    const created = await meeting(caseId);
    const response = await as(env, coordinator).get(`/api/v1/cases/${caseId}/meetings/${created.id}/calendar.ics`);
    await expectAudited(response, { action: 'meeting.calendar', actor: coordinator, caseId });
  },
  'GET /api/v1/cases/:caseId/decisions': async () => {
    const caseId = await newCase();
    await decision(caseId);
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/decisions`), { action: 'decision.read', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/decisions': async () => {
    const caseId = await newCase();
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/decisions`, decisionInput());
    await expectAudited(response, { action: 'decision.initiate', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/decisions/:decisionId/decide': async () => {
    const caseId = await newCase();
    const created = await decision(caseId);
    const manager = await makeUser(env, orgId, ['manager']);
    const response = await as(env, manager).post(`/api/v1/cases/${caseId}/decisions/${created.id}/decide`, { version: created.version, outcome: 'granted' });
    await expectAudited(response, { action: 'decision.decide', actor: manager, caseId });
  },
  'GET /api/v1/cases/:caseId/decisions/:decisionId/letter.pdf': async () => {
    const caseId = await newCase();
    const created = await decision(caseId);
    const manager = await makeUser(env, orgId, ['manager']);
    const decided = await as(env, manager).post(`/api/v1/cases/${caseId}/decisions/${created.id}/decide`, { version: created.version, outcome: 'granted' });
    expect(decided.statusCode, decided.body).toBe(200);
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/decisions/${created.id}/letter.pdf`), { action: 'decision.letter', actor: coordinator, caseId });
  },
  'GET /api/v1/organisations/:organisationId/delegation-rules': async () => {
    const manager = await makeUser(env, orgId, ['manager']);
    await expectAudited(await as(env, manager).get(`/api/v1/organisations/${orgId}/delegation-rules`), { action: 'delegation.read', actor: manager, caseId: null });
  },
  'PUT /api/v1/organisations/:organisationId/delegation-rules': async () => {
    const admin = await makeUser(env, orgId, ['org_admin']);
    const response = await env.app.inject({
      method: 'PUT', url: `/api/v1/organisations/${orgId}/delegation-rules`, headers: { authorization: `Bearer ${admin.token}` },
      payload: { rules: [{ role: 'team_member', decisionType: 'protected_housing', maxAmount: null }] },
    });
    await expectAudited(response, { action: 'delegation.update', actor: admin, caseId: null });
  },
  'GET /api/v1/cases/:caseId/access-log': async () => {
    const caseId = await newCase();
    const response = await as(env, coordinator).get(`/api/v1/cases/${caseId}/access-log`);
    await expectAudited(response, { action: 'access_log.read', actor: coordinator, caseId });
    // The extract lists who looked: the coordinator's own reads are in it.
    expect(response.json().entries.map((entry: { action: string }) => entry.action)).toContain('case.read');
  },
  'POST /api/v1/cases/:caseId/emergency-access': async () => {
    const caseId = await newCase();
    const response = await as(env, bystander).post(`/api/v1/cases/${caseId}/emergency-access`, { reason: 'Akut skyddsbehov, samordnaren nås inte i natt.' });
    expect(response.statusCode, response.body).toBe(201);
    await expectAudited(response, { action: 'emergency_access.granted', actor: bystander, caseId, emergency: true });
    // Every read under emergency access is flagged too.
    await expectAudited(await as(env, bystander).get(`/api/v1/cases/${caseId}`), { action: 'case.read', actor: bystander, caseId, emergency: true });
  },
  'GET /api/v1/cases/:caseId/transfers': async () => {
    const { caseId } = await pendingTransfer();
    await expectAudited(await as(env, coordinator).get(`/api/v1/cases/${caseId}/transfers`), { action: 'transfer.read', actor: coordinator, caseId });
  },
  'POST /api/v1/cases/:caseId/transfers': async () => {
    const caseId = await newCase();
    const { receiver } = await pendingTransfer();
    const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/transfers`, { receivingOrganisationId: receiver.organisationId });
    await expectAudited(response, { action: 'transfer.request', actor: coordinator, caseId });
  },
  'GET /api/v1/transfers/incoming': async () => {
    const { caseId, receiver } = await pendingTransfer();
    const response = await as(env, receiver).get('/api/v1/transfers/incoming');
    await expectAudited(response, { action: 'transfer.incoming.read', actor: receiver, caseId: response.json().transfers[0].caseId });
    const events = await env.database.db.selectFrom('auditEvents').select('caseId').where('requestId', '=', String(response.headers['x-request-id'])).execute();
    expect(events.map((event) => event.caseId)).toContain(caseId);
  },
  'POST /api/v1/transfers/:transferId/accept': async () => {
    const { caseId, transferId, receiver } = await pendingTransfer();
    const response = await as(env, receiver).post(`/api/v1/transfers/${transferId}/accept`, { version: 1, coordinatorUserId: receiver.id });
    await expectAudited(response, { action: 'transfer.accept', actor: receiver, caseId });
  },
  'POST /api/v1/transfers/:transferId/decline': async () => {
    const { caseId, transferId, receiver } = await pendingTransfer();
    await expectAudited(await as(env, receiver).post(`/api/v1/transfers/${transferId}/decline`, { version: 1 }), { action: 'transfer.decline', actor: receiver, caseId });
  },
  'POST /api/v1/transfers/:transferId/withdraw': async () => {
    const { caseId, transferId } = await pendingTransfer();
    await expectAudited(await as(env, coordinator).post(`/api/v1/transfers/${transferId}/withdraw`, { version: 1 }), { action: 'transfer.withdraw', actor: coordinator, caseId });
  },
  'GET /api/v1/work-list': async () => {
    await newCase();
    await expectAudited(await as(env, coordinator).get('/api/v1/work-list'), { action: 'work_list.read', actor: coordinator, caseId: null });
  },
  'GET /api/v1/manager/overview': async () => {
    const manager = await makeUser(env, orgId, ['manager']);
    await expectAudited(await as(env, manager).get('/api/v1/manager/overview'), { action: 'manager_overview.read', actor: manager, caseId: null });
  },
  'GET /api/v1/outreach/encounters': async () => {
    const worker = await makeUser(env, orgId, ['intake']);
    await expectAudited(await as(env, worker).get('/api/v1/outreach/encounters'), { action: 'outreach.read', actor: worker, caseId: null });
  },
  'POST /api/v1/outreach/encounters': async () => {
    const worker = await makeUser(env, orgId, ['intake']);
    const response = await as(env, worker).post('/api/v1/outreach/encounters', outreachEncounter());
    await expectAudited(response, { action: 'outreach.create', actor: worker, caseId: null });
  },
  'PATCH /api/v1/outreach/encounters/:encounterId': async () => {
    const worker = await makeUser(env, orgId, ['intake']);
    const created = (await as(env, worker).post('/api/v1/outreach/encounters', outreachEncounter())).json();
    const response = await as(env, worker).patch(`/api/v1/outreach/encounters/${created.id}`, { ...outreachEncounter(), peopleMet: 3, version: 1 });
    await expectAudited(response, { action: 'outreach.update', actor: worker, caseId: null });
  },
  'GET /api/v1/outreach/statistics': async () => {
    const worker = await makeUser(env, orgId, ['intake']);
    await expectAudited(await as(env, worker).get('/api/v1/outreach/statistics'), { action: 'outreach.statistics.read', actor: worker, caseId: null });
  },
  'GET /api/v1/screenings': async () => {
    await expectAudited(await as(env, colleague).get('/api/v1/screenings'), { action: 'screening.read', actor: colleague, caseId: null });
  },
  'POST /api/v1/screenings': async () => {
    const response = await as(env, colleague).post('/api/v1/screenings', screeningInput());
    await expectAudited(response, { action: 'screening.create', actor: colleague, caseId: null });
  },
  'GET /api/v1/screenings/statistics': async () => {
    await expectAudited(await as(env, colleague).get('/api/v1/screenings/statistics'), { action: 'screening.statistics.read', actor: colleague, caseId: null });
  },
  'GET /api/v1/screenings/referrals/incoming': async () => {
    await expectAudited(await as(env, coordinator).get('/api/v1/screenings/referrals/incoming'), { action: 'screening.referral.read', actor: coordinator, caseId: null });
  },
  'GET /api/v1/mailbox/conversations': async () => {
    const { intake } = await mailboxConversation();
    await expectAudited(await as(env, intake).get('/api/v1/mailbox/conversations'), { action: 'mailbox.list', actor: intake, caseId: null });
  },
  'GET /api/v1/mailbox/conversations/:conversationId': async () => {
    const { conversationId, intake } = await mailboxConversation();
    await expectAudited(await as(env, intake).get(`/api/v1/mailbox/conversations/${conversationId}`), { action: 'mailbox.read', actor: intake, caseId: null });
  },
  'POST /api/v1/mailbox/conversations/:conversationId/assign': async () => {
    const { conversationId, intake } = await mailboxConversation();
    const response = await as(env, intake).post(`/api/v1/mailbox/conversations/${conversationId}/assign`, { version: 1, userId: intake.id });
    await expectAudited(response, { action: 'mailbox.assign', actor: intake, caseId: null });
  },
  'POST /api/v1/mailbox/conversations/:conversationId/replies': async () => {
    const { conversationId, intake } = await mailboxConversation();
    await expectAudited(await as(env, intake).post(`/api/v1/mailbox/conversations/${conversationId}/replies`, { body: 'Svar.' }), { action: 'mailbox.reply', actor: intake, caseId: null });
  },
  'POST /api/v1/mailbox/conversations/:conversationId/close': async () => {
    const { conversationId, intake } = await mailboxConversation();
    await expectAudited(await as(env, intake).post(`/api/v1/mailbox/conversations/${conversationId}/close`, { version: 1 }), { action: 'mailbox.close', actor: intake, caseId: null });
  },
  'POST /api/v1/mailbox/conversations/:conversationId/share-request': async () => {
    const { conversationId, intake } = await mailboxConversation();
    await expectAudited(await as(env, intake).post(`/api/v1/mailbox/conversations/${conversationId}/share-request`, { version: 1 }), { action: 'mailbox.share_request', actor: intake, caseId: null });
  },
  'POST /api/v1/mailbox/conversations/:conversationId/escalate': async () => {
    const { conversationId, intake } = await mailboxConversation();
    const response = await as(env, intake).post(`/api/v1/mailbox/conversations/${conversationId}/escalate`, { version: 1, alias: 'Lärk', program: 'exit_program', journalCategory: 'relationships' });
    await expectAudited(response, { action: 'mailbox.escalate', actor: intake, caseId: response.json().caseId });
  },
  'GET /api/v1/mailbox/statistics': async () => {
    const { intake } = await mailboxConversation();
    await expectAudited(await as(env, intake).get('/api/v1/mailbox/statistics'), { action: 'mailbox.statistics', actor: intake, caseId: null });
  },
  'GET /api/v1/mailbox/child-handlers': async () => {
    const admin = await makeUser(env, orgId, ['org_admin']);
    await expectAudited(await as(env, admin).get('/api/v1/mailbox/child-handlers'), { action: 'mailbox.child_handlers.read', actor: admin, caseId: null });
  },
  'POST /api/v1/mailbox/child-handlers': async () => {
    const { intake } = await mailboxConversation();
    const admin = await makeUser(env, orgId, ['org_admin']);
    await expectAudited(await as(env, admin).post('/api/v1/mailbox/child-handlers', { userId: intake.id }), { action: 'mailbox.child_handlers.grant', actor: admin, caseId: null });
  },
  'DELETE /api/v1/mailbox/child-handlers/:userId': async () => {
    const { intake } = await mailboxConversation();
    const admin = await makeUser(env, orgId, ['org_admin']);
    await as(env, admin).post('/api/v1/mailbox/child-handlers', { userId: intake.id });
    await expectAudited(await as(env, admin).delete(`/api/v1/mailbox/child-handlers/${intake.id}`), { action: 'mailbox.child_handlers.revoke', actor: admin, caseId: null });
  },
  'POST /api/v1/directory-entries': async () => {
    directoryAdmin ??= await makeUser(env, orgId, ['org_admin']);
    const { body } = await directoryEntry();
    await expectAudited(await as(env, directoryAdmin).post('/api/v1/directory-entries', body), { action: 'directory_entry.create', actor: directoryAdmin, caseId: null });
  },
  'PUT /api/v1/directory-entries/:entryId': async () => {
    const { entryId, admin, body } = await directoryEntry();
    const response = await env.app.inject({ method: 'PUT', url: `/api/v1/directory-entries/${entryId}`, payload: { version: 1, ...body }, headers: { authorization: `Bearer ${admin.token}` } });
    await expectAudited(response, { action: 'directory_entry.update', actor: admin, caseId: null });
  },
  'POST /api/v1/directory-entries/:entryId/publication': async () => {
    const { entryId, admin } = await directoryEntry();
    await expectAudited(await as(env, admin).post(`/api/v1/directory-entries/${entryId}/publication`, { version: 1, published: false }), { action: 'directory_entry.unpublish', actor: admin, caseId: null });
  },
  'DELETE /api/v1/directory-entries/:entryId': async () => {
    const { entryId, admin } = await directoryEntry();
    await expectAudited(await as(env, admin).delete(`/api/v1/directory-entries/${entryId}`), { action: 'directory_entry.delete', actor: admin, caseId: null });
  },
  'GET /api/v1/users': async () => {
    const admin = await makeUser(env, orgId, ['org_admin']);
    await expectAudited(await as(env, admin).get('/api/v1/users'), { action: 'user.list', actor: admin, caseId: null });
  },
  'POST /api/v1/users': async () => {
    const admin = await makeUser(env, orgId, ['org_admin']);
    const body = { name: 'Ny Testsson', email: `ny-${randomUUID()}@example.se`, roles: ['coordinator'] };
    await expectAudited(await as(env, admin).post('/api/v1/users', body), { action: 'user.create', actor: admin, caseId: null });
  },
  'PUT /api/v1/users/:userId': async () => {
    const { admin, user } = await staffAccount();
    await expectAudited(await as(env, admin).put(`/api/v1/users/${user.id}`, { version: 1, name: 'Byttnamn Testsson', title: null, roles: ['manager'] }), { action: 'user.update', actor: admin, caseId: null });
  },
  'POST /api/v1/users/:userId/disable': async () => {
    const { admin, user } = await staffAccount();
    await expectAudited(await as(env, admin).post(`/api/v1/users/${user.id}/disable`, { version: 1 }), { action: 'user.disable', actor: admin, caseId: null });
  },
  'POST /api/v1/users/:userId/enable': async () => {
    const { admin, user } = await staffAccount();
    await as(env, admin).post(`/api/v1/users/${user.id}/disable`, { version: 1 });
    await expectAudited(await as(env, admin).post(`/api/v1/users/${user.id}/enable`, { version: 2 }), { action: 'user.enable', actor: admin, caseId: null });
  },
  'POST /api/v1/users/:userId/password-link': async () => {
    const { admin, user } = await staffAccount();
    await expectAudited(await as(env, admin).post(`/api/v1/users/${user.id}/password-link`, { version: 1 }), { action: 'user.password_link', actor: admin, caseId: null });
  },
  'POST /api/v1/users/:userId/second-factor-reset': async () => {
    const { admin, user } = await staffAccount();
    await expectAudited(await as(env, admin).post(`/api/v1/users/${user.id}/second-factor-reset`, { version: 1 }), { action: 'user.second_factor_reset', actor: admin, caseId: null });
  },
};

/** An administrator and another account of their organisation, at version 1. */
async function staffAccount(): Promise<{ admin: TestUser; user: TestUser }> {
  return { admin: await makeUser(env, orgId, ['org_admin']), user: await makeUser(env, orgId, ['coordinator']) };
}

describe('audit completeness', () => {
  it('has an audit test for every route that reads or changes personal data', () => {
    const routes = registeredRoutes.filter((route) => route.url.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(0);
    // HEAD runs the GET handler, which records the same event as GET.
    const needingAudit = routes
      .filter((route) => route.method !== 'HEAD' && route.permission !== null && !NOT_PERSONAL_DATA.has(route.permission))
      .map((route) => `${route.method} ${route.url}`);
    expect([...new Set(needingAudit)].sort()).toEqual(Object.keys(auditedRoutes).sort());
    // Routes outside /api/ serve no personal data.
    const other = registeredRoutes.filter((route) => !route.url.startsWith('/api/') && route.permission !== null && !NOT_PERSONAL_DATA.has(route.permission));
    expect(other).toEqual([]);
  });

  for (const [route, check] of Object.entries(auditedRoutes)) {
    it(`records ${route}`, check);
  }

  it('gives each request its own id and records no names or numbers in the events', async () => {
    const created = await as(env, coordinator).post('/api/v1/cases', {
      program: 'exit_program',
      participant: { alias: 'Skogsstjärna', firstName: 'Aurelia', lastName: 'Dumitrescu', identityNumber: '19121212-1212', phone: '+46 70 111 22 33' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = await as(env, coordinator).get(`/api/v1/cases/${created.json().id}`);
    expect(read.headers['x-request-id']).not.toBe(created.headers['x-request-id']);
    const dump = await sql<{ row: string }>`select row_to_json(a)::text as row from audit_events a`.execute(env.database.db);
    const text = dump.rows.map((row) => row.row).join('\n');
    for (const secret of ['Skogsstjärna', 'Aurelia', 'Dumitrescu', '191212121212', '121212-1212', '111 22 33']) expect(text).not.toContain(secret);
  });
});

const systemActor: AuditActor = { userId: null, organisationId: null, role: 'system', requestId: null };

/** Runs `work` as the owning role with the append-only triggers switched off: what an intruder with the owner's password could do. */
async function tamper(work: (trx: Tx) => Promise<unknown>): Promise<void> {
  await env.database.db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx);
    await sql`alter table audit_seals disable trigger user`.execute(trx);
    await work(trx);
    await sql`alter table audit_seals enable trigger user`.execute(trx);
    await sql`alter table audit_events enable trigger user`.execute(trx);
  });
}

/**
 * Seals as the sealing job does. On PostgreSQL the sealer waits for every transaction that has written
 * anything and is still open anywhere on the server (another database's included) to end before it seals
 * events written after it began; so a round that finds the horizon held back by such a transaction is tried
 * again for a while, as the job would try it again a second later.
 */
async function seal(keyring: Keyring = env.keyring, batchSize?: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const sealed = await sealAuditChain(env.database.db, keyring, batchSize);
    const waiting = (await sql<{ count: string }>`${sql.raw(UNSEALED_COUNT_SQL)}`.execute(env.database.db)).rows[0]?.count;
    if (sealed > 0 || waiting === '0' || Date.now() > deadline) return sealed;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The event sealed at `seq`, as SQL. */
const sealedAt = (seq: number) => sql`(select event_id from audit_seals where seq = ${seq})`;

/** Starts a new, intact chain of `count` sealed events. */
async function freshChain(count: number): Promise<void> {
  await tamper(async (trx) => {
    await sql`delete from audit_events`.execute(trx);
    await sql`delete from audit_seals`.execute(trx);
    await sql`delete from audit_chain_head`.execute(trx);
  });
  await recordAudit(env.database.db, systemActor, Array.from({ length: count }, (_, i) => ({ action: `test.event_${i + 1}`, details: { n: i + 1 } })));
  expect(await seal()).toBe(count);
  expect(await verifyAuditChain(env.database.db, env.keyring)).toEqual({ ok: true, checked: count, unsealed: 0 });
}

describe('the audit hash chain', () => {
  it('is intact after sealing, and seals later events onto the same chain', async () => {
    await freshChain(4);
    await recordAudit(env.database.db, systemActor, [{ action: 'test.later' }]);
    expect(await verifyAuditChain(env.database.db, env.keyring)).toEqual({ ok: true, checked: 4, unsealed: 1 });
    expect(await seal()).toBe(1);
    expect(await verifyAuditChain(env.database.db, env.keyring)).toEqual({ ok: true, checked: 5, unsealed: 0 });
  });

  it('seals and verifies in numeric order past nine events (never 1, 10, 11, …, 2)', async () => {
    await freshChain(12);
    await recordAudit(env.database.db, systemActor, Array.from({ length: 11 }, (_, i) => ({ action: `test.more_${i}` })));
    expect(await seal(env.keyring, 5)).toBe(5);
    expect(await seal(env.keyring, 5)).toBe(5);
    expect(await seal(env.keyring, 5)).toBe(1);
    expect(await verifyAuditChain(env.database.db, env.keyring, 4)).toEqual({ ok: true, checked: 23, unsealed: 0 });
    const order = await sql<{ id: string }>`select event_id::text as id from audit_seals order by seq`.execute(env.database.db);
    const ids = order.rows.map((row) => BigInt(row.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('finds a sealed event whose content was changed', async () => {
    await freshChain(6);
    await tamper((trx) => sql`update audit_events set action = 'test.innocent' where id = ${sealedAt(3)}`.execute(trx));
    expect(await verifyAuditChain(env.database.db, env.keyring)).toMatchObject({ ok: false, checked: 2, broken: { seq: '3', reason: 'hash_mismatch' } });
  });

  it('finds a sealed event whose actor was changed', async () => {
    await freshChain(6);
    await tamper((trx) => sql`update audit_events set actor_user_id = ${coordinator.id}::uuid where id = ${sealedAt(5)}`.execute(trx));
    expect(await verifyAuditChain(env.database.db, env.keyring)).toMatchObject({ ok: false, broken: { seq: '5', reason: 'hash_mismatch' } });
  });

  it('finds a sealed event that was deleted', async () => {
    await freshChain(6);
    await tamper((trx) => sql`delete from audit_events where id = ${sealedAt(3)}`.execute(trx));
    expect(await verifyAuditChain(env.database.db, env.keyring)).toMatchObject({ ok: false, checked: 2, broken: { seq: '3', reason: 'missing' } });
  });

  it('finds a seal that was deleted, with its event', async () => {
    await freshChain(6);
    await tamper(async (trx) => {
      await sql`delete from audit_events where id = ${sealedAt(4)}`.execute(trx);
      await sql`delete from audit_seals where seq = 4`.execute(trx);
    });
    expect(await verifyAuditChain(env.database.db, env.keyring)).toMatchObject({ ok: false, checked: 3, broken: { seq: '4', reason: 'missing' } });
  });

  it('finds the last events and their seals deleted, by the chain head that still counts them', async () => {
    await freshChain(6);
    await tamper(async (trx) => {
      await sql`delete from audit_events where id in (select event_id from audit_seals where seq >= 5)`.execute(trx);
      await sql`delete from audit_seals where seq >= 5`.execute(trx);
    });
    expect(await verifyAuditChain(env.database.db, env.keyring)).toMatchObject({ ok: false, checked: 4, broken: { seq: '5', reason: 'missing' } });
  });

  it('finds an event added behind the sealer, which no seal holds', async () => {
    await freshChain(3);
    // Written by the owner with a transaction id the sealer has already passed.
    await sql`insert into audit_events (action, txid) values ('test.slipped_in', '3'::xid8)`.execute(env.database.db);
    expect(await sealAuditChain(env.database.db, env.keyring)).toBe(0);
    expect(await verifyAuditChain(env.database.db, env.keyring)).toMatchObject({ ok: false, checked: 3, unsealed: 0, broken: { seq: '4', reason: 'not_in_chain' } });
  });

  it('carries a chain sealed on the events themselves (before migration 0024) over, link for link, and seals the waiting events first', async () => {
    const legacy = await openPglite(null);
    try {
      // Migrated up to 0023 only, as a database made before the seals had their own table.
      await sql`create table schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(legacy.db);
      await sql`insert into schema_migrations (name) values ('0024_audit_seals.sql')`.execute(legacy.db);
      await migrate(legacy);
      const keyring = new Keyring(legacy.db, randomBytes(32));
      await keyring.load();
      await recordAudit(legacy.db, systemActor, ['test.one', 'test.two', 'test.three', 'test.waiting'].map((action) => ({ action, details: { n: 1 } })));
      // Sealed as the sealer did then: chain_seq, prev_hash and hash filled in on the first three events.
      const rows = await sql<{ id: string; content: string }>`select id::text as id, json_build_array(id::text,
          (extract(epoch from occurred_at) * 1000000)::bigint::text, request_id, actor_user_id::text, organisation_id::text, role, action,
          case_id::text, participant_id::text, purpose, emergency, details::text)::text as content
        from audit_events order by audit_events.id limit 3`.execute(legacy.db);
      let previous = '0'.repeat(64);
      for (const [index, row] of rows.rows.entries()) {
        const hash = keyring.chainLink(previous, JSON.stringify(JSON.parse(row.content)));
        await sql`update audit_events set chain_seq = ${index + 1}, prev_hash = ${previous}, hash = ${hash} where id = ${row.id}::bigint`.execute(legacy.db);
        previous = hash;
      }
      await sql`insert into audit_chain_head (id, last_seq, last_hash) values (true, 3, ${previous})`.execute(legacy.db);

      await sql`delete from schema_migrations where name = '0024_audit_seals.sql'`.execute(legacy.db);
      expect(await migrate(legacy)).toEqual(['0024_audit_seals.sql']);
      expect(await verifyAuditChain(legacy.db, keyring)).toEqual({ ok: true, checked: 3, unsealed: 1 });
      expect(await sealAuditChain(legacy.db, keyring)).toBe(1);
      expect(await verifyAuditChain(legacy.db, keyring)).toEqual({ ok: true, checked: 4, unsealed: 0 });
      await legacy.db.transaction().execute(async (trx) => {
        await sql`alter table audit_events disable trigger user`.execute(trx);
        await sql`update audit_events set action = 'test.forged' where action = 'test.two'`.execute(trx);
        await sql`alter table audit_events enable trigger user`.execute(trx);
      });
      expect(await verifyAuditChain(legacy.db, keyring)).toMatchObject({ ok: false, checked: 1, broken: { seq: '2', reason: 'hash_mismatch' } });
    } finally {
      await legacy.close();
    }
  });

  // The embedded database runs one transaction at a time, so this needs PostgreSQL.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('seals an event only when every transaction before it has ended, and then in transaction order', async () => {
    await freshChain(2);
    await env.database.db.transaction().execute(async (trx) => {
      await recordAudit(trx, systemActor, [{ action: 'test.long_transaction' }]);
      // Written and committed meanwhile by another request, after the long transaction took its id.
      await recordAudit(env.database.db, systemActor, [{ action: 'test.short_transaction' }]);
      expect(await sealAuditChain(env.database.db, env.keyring)).toBe(0);
      expect(await verifyAuditChain(env.database.db, env.keyring)).toEqual({ ok: true, checked: 2, unsealed: 1 });
      // The operator is told when events wait (here after any wait at all), with a number and no one's name.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const warnings: { fields: object; message: string }[] = [];
      expect(await watchSealing(env.database.db, { warn: (fields, message) => warnings.push({ fields, message }) }, 0)).toBe(true);
      expect(warnings).toEqual([{ fields: { waitedSeconds: expect.any(Number) }, message: expect.stringMatching(/holds the sealing back/) }]);
    });
    expect(await seal()).toBe(2);
    const order = await sql<{ action: string }>`select e.action from audit_seals s join audit_events e on e.id = s.event_id order by s.seq`.execute(env.database.db);
    expect(order.rows.map((row) => row.action).slice(-2)).toEqual(['test.long_transaction', 'test.short_transaction']);
    expect(await verifyAuditChain(env.database.db, env.keyring)).toEqual({ ok: true, checked: 4, unsealed: 0 });
    expect(await oldestUnsealedSeconds(env.database.db)).toBeNull();
    expect(await watchSealing(env.database.db, { warn: () => { throw new Error('no warning expected'); } }, 0)).toBe(false);
  });

  it('tells how long the oldest event has waited to be sealed, and warns only past the threshold', async () => {
    await freshChain(1);
    expect(await oldestUnsealedSeconds(env.database.db)).toBeNull();
    await recordAudit(env.database.db, systemActor, [{ action: 'test.waiting' }]);
    const waited = await oldestUnsealedSeconds(env.database.db);
    expect(waited).toBeGreaterThanOrEqual(0);
    expect(waited).toBeLessThan(60);
    const warned: object[] = [];
    const log = { warn: (fields: object) => warned.push(fields) };
    expect(await watchSealing(env.database.db, log)).toBe(false);
    expect(await watchSealing(env.database.db, log, -1)).toBe(true);
    expect(warned).toHaveLength(1);
    expect(await seal()).toBe(1);
    expect(await watchSealing(env.database.db, log, -1)).toBe(false);
  });

  it('finds a chain head that does not match the chain', async () => {
    await freshChain(6);
    await env.database.db.updateTable('auditChainHead').set({ lastHash: 'f'.repeat(64) }).execute();
    expect(await verifyAuditChain(env.database.db, env.keyring)).toMatchObject({ ok: false, checked: 6, broken: { seq: '7', reason: 'head_mismatch' } });
  });
});

describe('the audit log is append-only', () => {
  const asApp = (statement: ReturnType<typeof sql>) => env.database.db.transaction().execute(async (trx) => {
    await sql`set local role utvag_app`.execute(trx);
    return statement.execute(trx);
  });
  const asOwner = (statement: ReturnType<typeof sql>) => env.database.db.transaction().execute((trx) => statement.execute(trx));

  it('lets the app role insert and read events, never change or remove them', async () => {
    const action = `test.app_${randomUUID().slice(0, 8)}`;
    await asApp(sql`insert into audit_events (action) values (${action})`);
    const count = async () => Number((await sql<{ n: string }>`select count(*)::text as n from audit_events where action = ${action}`.execute(env.database.db)).rows[0]!.n);
    expect(await count()).toBe(1);

    await expect(asApp(sql`update audit_events set action = 'test.changed' where action = ${action}`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`delete from audit_events where action = ${action}`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`truncate audit_events`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`delete from audit_chain_head`)).rejects.toThrow(/permission denied/);
    // Its transaction and time are the database's to set; the chain is the sealer's alone.
    await expect(asApp(sql`insert into audit_events (action, txid) values (${action}, '3'::xid8)`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`insert into audit_events (action, occurred_at) values (${action}, now() - interval '1 year')`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`select * from audit_seals`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`insert into audit_seals (seq, event_id, occurred_at, hash) values (1000000, 1, now(), 'x')`)).rejects.toThrow(/permission denied/);
    expect(await count()).toBe(1);
  });

  it('keys the chain: a chain recomputed without the master key does not verify', async () => {
    await freshChain(3);
    // A forger who can write to the database but lacks the master key re-seals every event with a key of their own.
    const elsewhere = await openPglite(null);
    try {
      await migrate(elsewhere);
      const forgerKeys = new Keyring(elsewhere.db, randomBytes(32));
      await forgerKeys.load();
      await tamper(async (trx) => {
        await sql`update audit_events set action = 'test.forged' where action = 'test.event_2'`.execute(trx);
        await sql`delete from audit_seals`.execute(trx);
        await sql`delete from audit_chain_head`.execute(trx);
      });
      expect(await seal(forgerKeys)).toBe(3);
      expect(await verifyAuditChain(env.database.db, forgerKeys)).toMatchObject({ ok: true, checked: 3 });
      expect(await verifyAuditChain(env.database.db, env.keyring)).toMatchObject({ ok: false, checked: 0, broken: { seq: '1', reason: 'hash_mismatch' } });
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses, by trigger, even the owning role a change or deletion of an event', async () => {
    await freshChain(3);
    const action = `test.unsealed_${randomUUID().slice(0, 8)}`;
    await recordAudit(env.database.db, systemActor, [{ action }]);
    await expect(asOwner(sql`update audit_events set action = 'test.changed' where id = ${sealedAt(2)}`)).rejects.toThrow(/append-only/);
    await expect(asOwner(sql`delete from audit_events where id = ${sealedAt(2)}`)).rejects.toThrow(/append-only/);
    await expect(asOwner(sql`update audit_seals set hash = ${'0'.repeat(64)} where seq = 2`)).rejects.toThrow(/append-only/);
    await expect(asOwner(sql`delete from audit_seals where seq = 2`)).rejects.toThrow(/append-only/);
    await expect(asOwner(sql`truncate audit_seals`)).rejects.toThrow(/append-only/);
    // An unsealed event is as fixed as a sealed one.
    await expect(asOwner(sql`update audit_events set action = 'test.changed' where action = ${action}`)).rejects.toThrow(/append-only/);
    await expect(asOwner(sql`delete from audit_events where action = ${action}`)).rejects.toThrow(/append-only/);
    await expect(asOwner(sql`truncate audit_events`)).rejects.toThrow(/append-only/);
    expect(await seal()).toBe(1);
    expect(await verifyAuditChain(env.database.db, env.keyring)).toEqual({ ok: true, checked: 4, unsealed: 0 });
  });

  it('guards every column of an event: a change to any one of them is refused, a column added later included', async () => {
    const action = `test.columns_${randomUUID().slice(0, 8)}`;
    await recordAudit(env.database.db, systemActor, [{ action, caseId: randomUUID(), details: { count: 1 } }]);
    const columns = await sql<{ name: string; type: string }>`select column_name as name, data_type as type from information_schema.columns
      where table_schema = current_schema() and table_name = 'audit_events' order by ordinal_position`.execute(env.database.db);
    const changed: Record<string, string> = {
      uuid: 'gen_random_uuid()', text: `coalesce(#, '') || 'x'`, boolean: 'not #', jsonb: `# || '{"changed": true}'`,
      bigint: 'coalesce(#, 0) + 1', 'timestamp with time zone': `# + interval '1 second'`, xid8: `'3'::xid8`,
    };
    expect(columns.rows.map((column) => column.name)).toEqual(expect.arrayContaining(['occurred_at', 'action', 'case_id', 'details', 'txid']));
    for (const column of columns.rows) {
      const expression = changed[column.type];
      expect(expression, `a changed value for ${column.name} (${column.type})`).toBeDefined();
      const update = sql`update audit_events set ${sql.ref(column.name)} = ${sql.raw(expression!.replaceAll('#', column.name))} where action = ${action}`;
      // The identity column refuses a new value by itself; every other column is refused by the trigger.
      await expect(asOwner(update), column.name).rejects.toThrow(column.name === 'id' ? /./ : /append-only/);
    }
    // Sealing changes no event: the link goes to audit_seals, and the event stays as fixed as before.
    expect(await seal()).toBeGreaterThanOrEqual(1);
    await expect(asOwner(sql`update audit_events set action = action where action = ${action}`)).rejects.toThrow(/append-only/);
  });
});

describe('npx utvag audit verify', () => {
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

  function cli(dataDir: string, masterKey: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, UTVAG_DATA_DIR: dataDir, UTVAG_MASTER_KEY: masterKey, LOG_LEVEL: 'silent' };
    delete childEnv.DATABASE_URL;
    return new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'audit', 'verify'], { cwd: repoRoot, env: childEnv, timeout: 50_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  it('migrates an empty embedded database, reports it intact, and reports a tampered log as broken', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'utvag-audit-cli-'));
    const masterKey = randomBytes(32).toString('base64');
    try {
      const first = await cli(dataDir, masterKey);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('intact');

      const database = await openPglite(join(dataDir, 'pglite'));
      try {
        await migrate(database);
        const keyring = new Keyring(database.db, Buffer.from(masterKey, 'base64'));
        await keyring.load();
        await recordAudit(database.db, systemActor, [{ action: 'test.one' }, { action: 'test.two' }, { action: 'test.three' }]);
        await sealAuditChain(database.db, keyring);
        await database.db.transaction().execute(async (trx) => {
          await sql`alter table audit_events disable trigger user`.execute(trx);
          await sql`update audit_events set action = 'test.forged' where id = (select event_id from audit_seals where seq = 2)`.execute(trx);
          await sql`alter table audit_events enable trigger user`.execute(trx);
        });
      } finally {
        await database.close();
      }

      const second = await cli(dataDir, masterKey);
      expect(second.code, second.stderr).toBe(1);
      expect(second.stdout).toContain('BROKEN');
      expect(second.stdout).toContain('hash_mismatch');
      expect(second.stdout).not.toContain('intact');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
