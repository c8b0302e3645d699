/**
 * The case course over HTTP: every transition the state machine allows and refuses, optimistic
 * concurrency, the rule names of refused transitions, history across pause and re-entry, who may
 * move a case, encryption of reasons, row-level security and the audit events.
 */
import { CaseStatus, allowedTransitions, transitionKind, type CaseStatusChangeView } from '@utvag/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipality: string;
let otherMunicipality: string;
let region: string;
let coordinator: TestUser;
let teamMember: TestUser;
let colleague: TestUser;
let regionMember: TestUser;
let otherCoordinator: TestUser;


function daysFromToday(days: number): string {
  const date = new Date(`${today()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const pauseReason = 'Personen vill vila från insatserna under en period.';
const pause = () => ({ to: 'paused', reason: pauseReason, checkInOn: daysFromToday(14) });
const close = { to: 'closed', closingReason: 'no_contact' };

/** The transitions that bring a new case to `status`. */
const pathTo: Record<CaseStatus, () => Record<string, unknown>[]> = {
  contact: () => [],
  assessment: () => [{ to: 'assessment' }],
  planning: () => [{ to: 'assessment' }, { to: 'planning' }],
  active: () => [{ to: 'assessment' }, { to: 'planning' }, { to: 'active' }],
  follow_up: () => [{ to: 'assessment' }, { to: 'planning' }, { to: 'active' }, { to: 'follow_up' }],
  paused: () => [pause()],
  closed: () => [close],
};

/** A complete request for the transition from `from` to `to`: with what a pause or a close needs. */
function requestFor(from: CaseStatus, to: CaseStatus): Record<string, unknown> {
  const kind = transitionKind(from, to);
  if (kind === 'pause' || to === 'paused') return pause();
  if (kind === 'close' || to === 'closed') return { to, closingReason: 'goals_reached' };
  return { to };
}

async function newCase(user = coordinator, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await as(env, user).post('/api/v1/cases', { ...anonymousCase(), ...extra });
  expectStatus(created, 201);
  return created.json().id;
}

async function transition(user: TestUser, caseId: string, version: number, body: Record<string, unknown>) {
  return as(env, user).post(`/api/v1/cases/${caseId}/transitions`, { version, ...body });
}

/** A new case moved to `status` through the API; returns its id and current version. */
async function caseAt(status: CaseStatus): Promise<{ caseId: string; version: number }> {
  const caseId = await newCase();
  let version = 1;
  for (const step of pathTo[status]()) {
    const moved = await transition(coordinator, caseId, version, step);
    expectStatus(moved, 200);
    version = moved.json().version;
  }
  return { caseId, version };
}

/** Status, version and number of recorded changes, read as the database holds them. */
async function snapshot(caseId: string) {
  const row = await env.database.db.selectFrom('cases').select(['status', 'version', 'updatedAt']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const changes = await env.database.db.selectFrom('caseStatusChanges').select('id').where('caseId', '=', caseId).execute();
  const events = await env.database.db.selectFrom('auditEvents').select('id').where('caseId', '=', caseId).where('action', '=', 'case.transition').execute();
  return { status: row.status, version: row.version, updatedAt: new Date(row.updatedAt).toISOString(), changes: changes.length, transitionEvents: events.length };
}

async function course(user: TestUser, caseId: string) {
  const response = await as(env, user).get(`/api/v1/cases/${caseId}/course`);
  expectStatus(response, 200);
  return response.json() as { status: CaseStatus; version: number; changes: CaseStatusChangeView[] };
}

beforeAll(async () => {
  env = await testEnv();
  municipality = await organisations.municipality(env, '1880');
  otherMunicipality = await organisations.municipality(env, '0180');
  region = await organisations.region(env);
  coordinator = await makeUser(env, municipality, ['coordinator']);
  teamMember = await makeUser(env, municipality, ['team_member']);
  colleague = await makeUser(env, municipality, ['team_member']);
  regionMember = await makeUser(env, region, ['team_member']);
  otherCoordinator = await makeUser(env, otherMunicipality, ['coordinator']);
});
afterAll(async () => { await env?.close(); });

describe('the entry channel', () => {
  it('is stored with a new case and shown in the case view', async () => {
    const caseId = await newCase(coordinator, { entryChannel: 'youth_clinic' });
    const view = await as(env, coordinator).get(`/api/v1/cases/${caseId}`);
    expect(view.json().entryChannel).toBe('youth_clinic');
    expect(view.json().status).toBe('contact');
  });

  it('may be left out, and then is null', async () => {
    const caseId = await newCase();
    expect((await as(env, coordinator).get(`/api/v1/cases/${caseId}`)).json().entryChannel).toBeNull();
  });

  it('refuses a channel that is not in the list, and creates nothing', async () => {
    const before = await env.database.db.selectFrom('cases').select('id').execute();
    const response = await as(env, coordinator).post('/api/v1/cases', { ...anonymousCase(), entryChannel: 'newspaper' });
    expectStatus(response, 400);
    expect(response.json().error.issues[0].path).toBe('body.entryChannel');
    expect(await env.database.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
  });
});

describe('every transition', () => {
  for (const from of CaseStatus.options) {
    const allowed = allowedTransitions(from).map((transition) => transition.to);

    for (const to of allowed) {
      it(`allows ${from} → ${to}, bumps the version and records the change`, async () => {
        const { caseId, version } = await caseAt(from);
        const before = await snapshot(caseId);
        const moved = await transition(coordinator, caseId, version, requestFor(from, to));
        expectStatus(moved, 200);
        expect(moved.json()).toMatchObject({ status: to, version: version + 1 });
        expect(moved.json().changes[0]).toMatchObject({ fromStatus: from, toStatus: to, kind: transitionKind(from, to), changedBy: { id: coordinator.id } });
        const after = await snapshot(caseId);
        expect(after).toMatchObject({ status: to, version: version + 1, changes: before.changes + 1, transitionEvents: before.transitionEvents + 1 });
        const view = (await as(env, coordinator).get(`/api/v1/cases/${caseId}`)).json();
        expect(view).toMatchObject({ status: to, version: version + 1 });
      });
    }

    it(`refuses every other target from ${from} with transition_not_allowed, and changes nothing`, async () => {
      const { caseId, version } = await caseAt(from);
      const before = await snapshot(caseId);
      const forbidden = CaseStatus.options.filter((to) => !allowed.includes(to));
      expect(forbidden.length).toBeGreaterThan(0);
      for (const to of forbidden) {
        const refused = await transition(coordinator, caseId, version, requestFor(from, to));
        expectStatus(refused, 422);
        expect(refused.json().error).toMatchObject({ code: 'transition_not_allowed', details: { rule: 'transition_not_allowed' } });
      }
      expect(await snapshot(caseId)).toEqual(before);
    });
  }
});

describe('refused transitions name the rule and change nothing', () => {
  const cases: [string, CaseStatus, () => Record<string, unknown>][] = [
    ['pause_requires_reason', 'active', () => ({ to: 'paused', checkInOn: daysFromToday(7) })],
    ['pause_requires_check_in', 'active', () => ({ to: 'paused', reason: pauseReason })],
    ['check_in_in_past', 'planning', () => ({ to: 'paused', reason: pauseReason, checkInOn: '2020-01-01' })],
    ['check_in_only_when_pausing', 'contact', () => ({ to: 'assessment', checkInOn: daysFromToday(7) })],
    ['close_requires_reason', 'follow_up', () => ({ to: 'closed' })],
    ['closing_reason_only_when_closing', 'paused', () => ({ to: 'active', closingReason: 'moved' })],
    ['closing_other_requires_note', 'active', () => ({ to: 'closed', closingReason: 'other' })],
    ['transition_not_allowed', 'contact', () => ({ to: 'active' })],
  ];
  for (const [rule, from, body] of cases) {
    it(`answers 422 ${rule}`, async () => {
      const { caseId, version } = await caseAt(from);
      const before = await snapshot(caseId);
      const refused = await transition(coordinator, caseId, version, body());
      expectStatus(refused, 422);
      expect(refused.json().error.code).toBe(rule);
      expect(refused.json().error.details).toEqual({ rule });
      expect(await snapshot(caseId)).toEqual(before);
    });
  }

  it('answers 400 for a malformed request, before any rule', async () => {
    const caseId = await newCase();
    const before = await snapshot(caseId);
    for (const body of [{ to: 'finished' }, { to: 'assessment', status: 'closed' }, { to: 'paused', reason: pauseReason, checkInOn: 'next week' }, { to: 'closed', closingReason: 'bored' }]) {
      expectStatus(await transition(coordinator, caseId, 1, body), 400);
    }
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/transitions`, { to: 'assessment' }), 400);
    expect(await snapshot(caseId)).toEqual(before);
  });
});

describe('optimistic concurrency', () => {
  it('answers 409 stale_version with the current version, and changes nothing', async () => {
    const caseId = await newCase();
    expectStatus(await transition(coordinator, caseId, 1, { to: 'assessment' }), 200);
    const before = await snapshot(caseId);
    // A second user, who still had version 1 on screen, tries to close the case.
    const stale = await transition(coordinator, caseId, 1, { to: 'closed', closingReason: 'no_contact' });
    expectStatus(stale, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    expect(await snapshot(caseId)).toEqual(before);
  });

  it('shares the case version with edits of the case', async () => {
    const caseId = await newCase();
    expectStatus(await as(env, coordinator).patch(`/api/v1/cases/${caseId}`, { version: 1, participant: { alias: 'Vår' } }), 200);
    const stale = await transition(coordinator, caseId, 1, { to: 'assessment' });
    expectStatus(stale, 409);
    expect(stale.json().error.details.currentVersion).toBe(2);
    const moved = await transition(coordinator, caseId, 2, { to: 'assessment' });
    expectStatus(moved, 200);
    // An edit made with the version from before the transition is stale too.
    expectStatus(await as(env, coordinator).patch(`/api/v1/cases/${caseId}`, { version: 2, participant: { alias: 'Sommar' } }), 409);
  });

  it('checks a stale version before the rule, so the user reloads before being told the rule', async () => {
    const caseId = await newCase();
    expectStatus(await transition(coordinator, caseId, 1, { to: 'assessment' }), 200);
    const response = await transition(coordinator, caseId, 1, { to: 'active' });
    expectStatus(response, 409);
  });
});

describe('history', () => {
  it('keeps every change across pause → re-entry → close → reopen, newest first', async () => {
    const caseId = await newCase(coordinator, { entryChannel: 'outreach' });
    const checkInOn = daysFromToday(30);
    const steps: Record<string, unknown>[] = [
      { to: 'assessment' },
      { to: 'planning' },
      { to: 'paused', reason: pauseReason, checkInOn },
      { to: 'planning' },
      { to: 'active' },
      { to: 'closed', closingReason: 'other', reason: 'Personen har valt att flytta utomlands.' },
      { to: 'assessment', reason: 'Personen har hört av sig igen och vill ha stöd.' },
    ];
    let version = 1;
    for (const step of steps) {
      const moved = await transition(coordinator, caseId, version, step);
      expectStatus(moved, 200);
      version = moved.json().version;
    }
    const read = await course(coordinator, caseId);
    expect(read.status).toBe('assessment');
    expect(read.version).toBe(8);
    expect(read.changes.map((change) => [change.fromStatus, change.toStatus, change.kind])).toEqual([
      ['closed', 'assessment', 'reopen'],
      ['active', 'closed', 'close'],
      ['planning', 'active', 'advance'],
      ['paused', 'planning', 'resume'],
      ['planning', 'paused', 'pause'],
      ['assessment', 'planning', 'advance'],
      ['contact', 'assessment', 'advance'],
    ]);
    expect(read.changes[1]).toMatchObject({ closingReason: 'other', reason: 'Personen har valt att flytta utomlands.', reasonWithheld: false, checkInOn: null });
    expect(read.changes[4]).toMatchObject({ reason: pauseReason, checkInOn, closingReason: null });
    expect(read.changes[6]).toMatchObject({ reason: null, reasonWithheld: false });
    const times = read.changes.map((change) => Date.parse(change.changedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // The entry channel is untouched by the course.
    expect((await as(env, coordinator).get(`/api/v1/cases/${caseId}`)).json().entryChannel).toBe('outreach');
  });

  it('stores reasons encrypted: the text is nowhere in the table', async () => {
    const { caseId, version } = await caseAt('active');
    const secret = 'Hotad av en tidigare sutenör, behöver skyddat boende.';
    expectStatus(await transition(coordinator, caseId, version, { to: 'paused', reason: secret, checkInOn: daysFromToday(3) }), 200);
    const dump = await sql<{ row: string }>`select row_to_json(s)::text as row from case_status_changes s where case_id = ${caseId}`.execute(env.database.db);
    expect(dump.rows).toHaveLength(4);
    const text = dump.rows.map((row) => row.row).join('\n');
    expect(text).not.toContain('sutenör');
    expect(text).not.toContain(Buffer.from(secret).toString('hex'));
    const audit = await sql<{ row: string }>`select row_to_json(a)::text as row from audit_events a where case_id = ${caseId}`.execute(env.database.db);
    expect(audit.rows.map((row) => row.row).join('\n')).not.toContain('sutenör');
  });
});

describe('who may move a case', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await newCase();
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/team`, { userId: teamMember.id, teamRole: 'team_member' }), 201);
    const consent = { recipientOrganisationId: region, categories: ['health'], purposes: ['coordination'], form: 'written', givenOn: today() };
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, consent), 201);
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/team`, { userId: regionMember.id, teamRole: 'team_member' }), 201);
    // Composing the team and recording consent leave the case's version as it was.
    expectStatus(await transition(coordinator, caseId, 1, { to: 'paused', reason: pauseReason, checkInOn: daysFromToday(10) }), 200);
  });

  it('lets the coordinator and the owning organisation\'s team members move it', async () => {
    const resumed = await transition(teamMember, caseId, 2, { to: 'assessment' });
    expectStatus(resumed, 200);
    expect(resumed.json().changes[0].changedBy.id).toBe(teamMember.id);
  });

  it('shows a consented member from another organisation the course without the reasons, and refuses them a transition (403)', async () => {
    const read = await course(regionMember, caseId);
    expect(read.status).toBe('assessment');
    const paused = read.changes.find((change) => change.toStatus === 'paused')!;
    expect(paused).toMatchObject({ reason: null, reasonWithheld: true });
    expect(JSON.stringify(read)).not.toContain(pauseReason);
    const before = await snapshot(caseId);
    const refused = await transition(regionMember, caseId, read.version, { to: 'planning' });
    expectStatus(refused, 403);
    expect(await snapshot(caseId)).toEqual(before);
  });

  it('answers 404, as for a missing case, to a colleague outside the team and to another municipality', async () => {
    const missing = await transition(coordinator, '00000000-0000-4000-8000-000000000000', 1, { to: 'assessment' });
    expectStatus(missing, 404);
    const before = await snapshot(caseId);
    for (const user of [colleague, otherCoordinator]) {
      const refused = await transition(user, caseId, before.version, { to: 'planning' });
      expectStatus(refused, 404);
      expect(refused.body).toBe(missing.body);
      const read = await as(env, user).get(`/api/v1/cases/${caseId}/course`);
      expectStatus(read, 404);
    }
    expect(await snapshot(caseId)).toEqual(before);
  });

  it('keeps the changes inside the tenant at the database too (row-level security)', async () => {
    const visibleTo = (organisationId: string) => env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${organisationId}, true)`.execute(trx);
      return trx.selectFrom('caseStatusChanges').select('id').where('caseId', '=', caseId).execute();
    });
    expect((await visibleTo(municipality)).length).toBe(2);
    expect((await visibleTo(region)).length).toBe(2);
    expect(await visibleTo(otherMunicipality)).toEqual([]);
    await expect(env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${municipality}, true)`.execute(trx);
      await sql`delete from case_status_changes where case_id = ${caseId}`.execute(trx);
    })).rejects.toThrow(/permission denied/);
  });
});

describe('audit', () => {
  it('records case.transition with from and to, and case.course.read, for the right person and case', async () => {
    const caseId = await newCase();
    const moved = await transition(coordinator, caseId, 1, { to: 'closed', closingReason: 'declined_further_support' });
    expectStatus(moved, 200);
    const read = await as(env, coordinator).get(`/api/v1/cases/${caseId}/course`);
    expectStatus(read, 200);
    const participant = await env.database.db.selectFrom('cases').select('participantId').where('id', '=', caseId).executeTakeFirstOrThrow();
    for (const [response, action] of [[moved, 'case.transition'], [read, 'case.course.read']] as const) {
      const events = await env.database.db.selectFrom('auditEvents').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).execute();
      const event = events.find((candidate) => candidate.action === action);
      expect(event, action).toBeDefined();
      expect(event).toMatchObject({ actorUserId: coordinator.id, organisationId: municipality, caseId, participantId: participant.participantId, emergency: false });
      if (action === 'case.transition') expect(event!.details).toEqual({ from: 'contact', to: 'closed', kind: 'close', closingReason: 'declined_further_support' });
    }
    // The transition's answer carries the history, so it is recorded as a read of the course too.
    const movedEvents = await env.database.db.selectFrom('auditEvents').select('action').where('requestId', '=', String(moved.headers['x-request-id'])).execute();
    expect(movedEvents.map((event) => event.action).sort()).toEqual(['case.course.read', 'case.transition']);
  });

  it('records no transition for a refused request', async () => {
    const caseId = await newCase();
    const refused = await transition(coordinator, caseId, 1, { to: 'follow_up' });
    expectStatus(refused, 422);
    const events = await env.database.db.selectFrom('auditEvents').select('action').where('requestId', '=', String(refused.headers['x-request-id'])).execute();
    expect(events.map((event) => event.action)).not.toContain('case.transition');
  });
});

describe('the API document', () => {
  it('describes the course and the transitions with their schemas', async () => {
    const document = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const post = document.paths['/api/v1/cases/{caseId}/transitions']?.post;
    expect(post).toBeDefined();
    const body = post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['version', 'to']));
    expect(body.properties.to.enum).toEqual(CaseStatus.options);
    expect(body.properties.closingReason.enum).toContain('goals_reached');
    expect(document.paths['/api/v1/cases/{caseId}/course']?.get?.responses?.['200']).toBeDefined();
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '409', '422']));
    const createCase = document.paths['/api/v1/cases'].post.requestBody.content['application/json'].schema;
    expect(createCase.properties.entryChannel).toBeDefined();
  });
});
