/**
 * The individual plan over HTTP against a real database: versions, concurrency, bad input, encryption
 * at rest, filtering by consent and the audit trail of every read.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipalityId: string;
let regionId: string;
let coordinator: TestUser;
let colleague: TestUser;
let nurse: TestUser;

const participantWords = 'Jag vill ha en egen lägenhet där ingen hittar mig';
const healthWords = 'Jag vill sova hela nätter igen';


function put(user: TestUser, url: string, payload: unknown) {
  return env.app.inject({ method: 'PUT', url, payload: payload as object, headers: { authorization: `Bearer ${user.token}` } });
}

const action = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(), description: 'Ansöka om skyddat boende', responsibleOrganisationId: municipalityId, responsibleUserId: null,
  startOn: '2025-03-01', endOn: '2025-05-01', status: 'planned', followUpOn: '2025-04-01', ...overrides,
});

function twoGoals() {
  return {
    followUpOn: '2025-09-01',
    goals: [
      { id: randomUUID(), lifeArea: 'protection_housing', participantWords, professionalWords: 'Skyddat boende och sedan eget kontrakt', actions: [action()] },
      {
        id: randomUUID(), lifeArea: 'health', participantWords: healthWords, professionalWords: 'Traumabehandling via regionen',
        actions: [action({ description: 'Remiss till traumamottagning', responsibleOrganisationId: regionId })],
      },
    ],
  };
}

async function newCase(): Promise<string> {
  const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase('Tranan'));
  expectStatus(created, 201);
  expectStatus(await as(env, coordinator).post(`/api/v1/cases/${created.json().id}/team`, { userId: colleague.id, teamRole: 'team_member' }), 201);
  return created.json().id;
}

async function auditActions(caseId: string, userId: string): Promise<string[]> {
  const rows = await env.database.db.selectFrom('auditEvents').select('action').where('caseId', '=', caseId).where('actorUserId', '=', userId).orderBy('occurredAt').execute();
  return rows.map((row) => row.action);
}

async function planRow(caseId: string, number: number) {
  return env.database.db.selectFrom('planVersions').selectAll().where('caseId', '=', caseId).where('number', '=', number).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  env = await testEnv();
  municipalityId = await organisations.municipality(env);
  regionId = await organisations.region(env);
  coordinator = await makeUser(env, municipalityId, ['coordinator']);
  colleague = await makeUser(env, municipalityId, ['team_member']);
  nurse = await makeUser(env, regionId, ['team_member']);
});
afterAll(async () => { await env?.close(); });

describe('plan versions', () => {
  it('goes draft → agreed → new draft → agreed, keeping every version and comparing them', async () => {
    const caseId = await newCase();
    const base = `/api/v1/cases/${caseId}/plan`;
    const empty = await as(env, coordinator).get(base);
    expectStatus(empty, 200);
    expect(empty.json()).toMatchObject({ plan: null, canEdit: true, canAgree: true });

    const draft = await as(env, coordinator).post(`${base}/versions`, {}, { 'idempotency-key': `plan-${randomUUID()}` });
    expectStatus(draft, 201);
    expect(draft.json()).toMatchObject({ number: 1, status: 'draft', version: 1, content: { followUpOn: null, goals: [] } });

    const content = twoGoals();
    const saved = await put(coordinator, `${base}/versions/1`, { version: 1, content });
    expectStatus(saved, 200);
    expect(saved.json()).toMatchObject({ version: 2, followUpOn: '2025-09-01', content });

    const agreed = await as(env, coordinator).post(`${base}/versions/1/agree`, { version: 2, agreedOn: today(), agreementForm: 'in_meeting' });
    expectStatus(agreed, 200);
    expect(agreed.json()).toMatchObject({ status: 'agreed', agreedOn: today(), agreementForm: 'in_meeting', agreedBy: { id: coordinator.id }, canEdit: false });

    // An agreed version cannot be changed, through the API or in the database.
    expect((await put(coordinator, `${base}/versions/1`, { version: 3, content })).json().error.code).toBe('plan_not_draft');
    await expect(sql`update plan_versions set content = ${Buffer.from('x')} where case_id = ${caseId}`.execute(env.database.db)).rejects.toThrow(/immutable/);

    // Version 2 starts as a copy of version 1; an action is changed and a goal removed.
    const second = await as(env, colleague).post(`${base}/versions`);
    expectStatus(second, 201);
    expect(second.json()).toMatchObject({ number: 2, status: 'draft', content });
    expectStatus(await as(env, colleague).post(`${base}/versions`), 409);
    const changed = structuredClone(content);
    changed.goals[0]!.actions[0]!.status = 'done';
    changed.goals.pop();
    expectStatus(await put(colleague, `${base}/versions/2`, { version: 1, content: changed }), 200);
    // A colleague may edit, only the coordinator or a manager records the participant's agreement.
    expectStatus(await as(env, colleague).post(`${base}/versions/2/agree`, { version: 2, agreedOn: today(), agreementForm: 'in_writing' }), 403);
    expectStatus(await as(env, coordinator).post(`${base}/versions/2/agree`, { version: 2, agreedOn: today(), agreementForm: 'in_writing' }), 200);

    const versions = await as(env, coordinator).get(`${base}/versions`);
    expect(versions.json().versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[2, 'agreed'], [1, 'superseded']]);
    expect((await as(env, coordinator).get(`${base}/versions/1`)).json()).toMatchObject({ status: 'superseded', content });
    expect((await as(env, coordinator).get(base)).json().plan).toMatchObject({ number: 2, status: 'agreed' });

    const comparison = await as(env, coordinator).get(`${base}/compare?from=1&to=2`);
    expectStatus(comparison, 200);
    const goals = comparison.json().diff.goals as { goalId: string; change: string; actions: { change: string }[] }[];
    expect(goals.map((goal) => [goal.goalId, goal.change])).toEqual([[content.goals[0]!.id, 'changed'], [content.goals[1]!.id, 'removed']]);
    expect(goals[0]!.actions.map((a) => a.change)).toEqual(['changed']);
    expectStatus(await as(env, coordinator).get(`${base}/compare?from=1&to=9`), 404);
  });

  it('answers a repeated create with the same Idempotency-Key with the same draft', async () => {
    const caseId = await newCase();
    const key = `plan-${randomUUID()}`;
    const first = await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`, {}, { 'idempotency-key': key });
    const again = await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`, {}, { 'idempotency-key': key });
    expectStatus(first, 201);
    expectStatus(again, 201);
    expect(again.json().number).toBe(1);
    expect(await env.database.db.selectFrom('planVersions').select('id').where('caseId', '=', caseId).execute()).toHaveLength(1);
  });

  it('keeps the plan encrypted at rest', async () => {
    const caseId = await newCase();
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`), 201);
    expectStatus(await put(coordinator, `/api/v1/cases/${caseId}/plan/versions/1`, { version: 1, content: twoGoals() }), 200);
    const row = await planRow(caseId, 1);
    expect(Buffer.from(row.content).length).toBeGreaterThan(40);
    expect(Buffer.from(row.content).includes(Buffer.from('egen lägenhet'))).toBe(false);
    const found = await sql<{ count: string }>`select count(*)::text as count from plan_versions where position(convert_to(${'egen lägenhet'}, 'UTF8') in content) > 0`.execute(env.database.db);
    expect(found.rows[0]!.count).toBe('0');
    expect(row.followUpOn).toBe('2025-09-01');
  });
});

describe('two editors', () => {
  it('answers the second save on the same version with 409 and the current content, and loses no change', async () => {
    const caseId = await newCase();
    const url = `/api/v1/cases/${caseId}/plan/versions/1`;
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`), 201);
    const mine = twoGoals();
    const theirs = { followUpOn: '2025-10-01', goals: [mine.goals[1]!] };
    const first = await put(colleague, url, { version: 1, content: theirs });
    expectStatus(first, 200);
    const second = await put(coordinator, url, { version: 1, content: mine });
    expectStatus(second, 409);
    const error = second.json().error;
    expect(error.code).toBe('stale_version');
    expect(error.details.currentVersion).toBe(2);
    expect(error.details.current.content).toEqual(theirs);
    // The colleague's change is what is stored; the coordinator merges and saves on the current version.
    expect((await as(env, coordinator).get(`/api/v1/cases/${caseId}/plan`)).json().plan.content).toEqual(theirs);
    const merged = { followUpOn: theirs.followUpOn, goals: mine.goals };
    expectStatus(await put(coordinator, url, { version: 2, content: merged }), 200);
    expect((await as(env, coordinator).get(`/api/v1/cases/${caseId}/plan`)).json().plan.content).toEqual(merged);
    // The content shown in the 409 was a read of the plan, and left its audit event.
    expect(await auditActions(caseId, coordinator.id)).toContain('plan.read');
  });

  it('lets only one of two simultaneous saves through', async () => {
    const caseId = await newCase();
    const url = `/api/v1/cases/${caseId}/plan/versions/1`;
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`), 201);
    const answers = await Promise.all([put(coordinator, url, { version: 1, content: twoGoals() }), put(colleague, url, { version: 1, content: twoGoals() })]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect((await planRow(caseId, 1)).version).toBe(2);
  });
});

describe('bad input', () => {
  let caseId: string;
  let url: string;
  beforeAll(async () => {
    caseId = await newCase();
    url = `/api/v1/cases/${caseId}/plan/versions/1`;
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`), 201);
  });

  async function expectRefused(content: unknown, rule: string, code = 'validation_failed'): Promise<void> {
    const before = await planRow(caseId, 1);
    const response = await put(coordinator, url, { version: before.version, content });
    expectStatus(response, 400);
    const error = response.json().error;
    expect(error.code).toBe(code);
    if (code === 'validation_failed') expect(error.issues.map((issue: { message: string; code: string }) => `${issue.code}:${issue.message}`).join(' ')).toContain(rule);
    const after = await planRow(caseId, 1);
    expect(after.version).toBe(before.version);
    expect(Buffer.from(after.content).equals(Buffer.from(before.content))).toBe(true);
  }

  it('names the rule for dates out of order', async () => {
    const content = twoGoals();
    content.goals[0]!.actions[0] = action({ startOn: '2025-05-01', endOn: '2025-04-01' });
    await expectRefused(content, 'dates_out_of_order');
  });

  it('names the rule for an action without a responsible organisation', async () => {
    const content = twoGoals();
    const { responsibleOrganisationId: _dropped, ...withoutOrganisation } = action();
    (content.goals[0]!.actions as unknown[])[0] = withoutOrganisation;
    await expectRefused(content, 'responsible_organisation_required');
  });

  it('refuses unknown fields, unknown organisations and an agreement without goals', async () => {
    await expectRefused({ ...twoGoals(), secretNote: 'x' }, 'unrecognized_keys');
    const content = twoGoals();
    content.goals[0]!.actions[0] = action({ responsibleOrganisationId: randomUUID() });
    await expectRefused(content, '', 'unknown_organisation');
    const agree = await as(env, coordinator).post(`${url}/agree`, { version: (await planRow(caseId, 1)).version, agreedOn: today(), agreementForm: 'orally' });
    expectStatus(agree, 400);
    expect(agree.json().error).toMatchObject({ code: 'plan_incomplete', details: { problems: ['follow_up_required', 'goal_required'] } });
    expect((await planRow(caseId, 1)).status).toBe('draft');
  });
});

describe('consent decides what each member sees', () => {
  it('shows an external member with consent for health only the health goal, and never lets them edit', async () => {
    const caseId = await newCase();
    const base = `/api/v1/cases/${caseId}/plan`;
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, {
      recipientOrganisationId: regionId, categories: ['health'], purposes: ['care_planning'], form: 'written', givenOn: today(),
    }), 201);
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/team`, { userId: nurse.id, teamRole: 'team_member' }), 201);
    expectStatus(await as(env, coordinator).post(`${base}/versions`), 201);
    const content = twoGoals();
    expectStatus(await put(coordinator, `${base}/versions/1`, { version: 1, content }), 200);

    const seen = await as(env, nurse).get(base);
    expectStatus(seen, 200);
    expect(seen.json()).toMatchObject({ canEdit: false, canAgree: false, plan: { wholePlan: false, canEdit: false } });
    expect(seen.json().plan.content.goals).toEqual([content.goals[1]]);
    expect(seen.body).not.toContain('egen lägenhet');
    expect((await as(env, nurse).get(`${base}/versions/1`)).json().content.goals.map((g: { lifeArea: string }) => g.lifeArea)).toEqual(['health']);

    // Saving what they see would drop the goals they cannot see: they may not save, start or agree.
    expectStatus(await put(nurse, `${base}/versions/1`, { version: 2, content: seen.json().plan.content }), 403);
    expectStatus(await as(env, nurse).post(`${base}/versions/1/agree`, { version: 2, agreedOn: today(), agreementForm: 'orally' }), 403);
    expect((await planRow(caseId, 1)).version).toBe(2);

    expectStatus(await as(env, coordinator).post(`${base}/versions/1/agree`, { version: 2, agreedOn: today(), agreementForm: 'digitally' }), 200);
    expectStatus(await as(env, coordinator).post(`${base}/versions`), 201);
    const diff = await as(env, nurse).get(`${base}/compare?from=1&to=2`);
    expect(diff.json().diff.goals.map((g: { goalId: string }) => g.goalId)).toEqual([content.goals[1]!.id]);
    expect(diff.body).not.toContain('egen lägenhet');

    // A member from an organisation without consent, or a stranger, learns nothing, not even that a plan exists.
    const stranger = await makeUser(env, await organisations.civilSociety(env), ['team_member']);
    expectStatus(await as(env, stranger).get(base), 404);
    expectStatus(await as(env, stranger).get(`${base}/versions`), 404);
  });

  it('leaves an audit event for every read', async () => {
    const caseId = await newCase();
    const base = `/api/v1/cases/${caseId}/plan`;
    expectStatus(await as(env, coordinator).post(`${base}/versions`), 201);
    expectStatus(await put(coordinator, `${base}/versions/1`, { version: 1, content: twoGoals() }), 200);
    expectStatus(await as(env, coordinator).get(base), 200);
    expectStatus(await as(env, coordinator).get(`${base}/versions`), 200);
    expectStatus(await as(env, coordinator).get(`${base}/versions/1`), 200);
    expectStatus(await as(env, coordinator).get(`${base}/compare?from=1&to=1`), 200);
    expect(await auditActions(caseId, coordinator.id)).toEqual(expect.arrayContaining(['plan.create', 'plan.update', 'plan.read', 'plan.list', 'plan.compare']));
    expect((await auditActions(caseId, coordinator.id)).filter((action) => action === 'plan.read')).toHaveLength(2);
  });
});

describe('API documentation', () => {
  it('describes the plan routes, with the content schema, in OpenAPI', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(response, 200);
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/cases/{caseId}/plan/versions/{number}'] ?? {})).toEqual(expect.arrayContaining(['get', 'put']));
    expect(Object.keys(paths['/api/v1/cases/{caseId}/plan/compare'] ?? {})).toEqual(['get']);
    expect(JSON.stringify(paths['/api/v1/cases/{caseId}/plan/versions/{number}']?.put)).toContain('responsibleOrganisationId');
  });
});

describe('the database behind the plan', () => {
  it('shows plan versions only within the tenant, and never lets the app delete one or add a second draft', async () => {
    const caseId = await newCase();
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`), 201);
    const stranger = await organisations.municipality(env, '0180');
    const visibleTo = (organisationId: string) => env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${organisationId}, true)`.execute(trx);
      return (await sql<{ id: string }>`select id from plan_versions where case_id = ${caseId}`.execute(trx)).rows.length;
    });
    expect(await visibleTo(municipalityId)).toBe(1);
    expect(await visibleTo(stranger)).toBe(0);
    await expect(env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${municipalityId}, true)`.execute(trx);
      await sql`delete from plan_versions where case_id = ${caseId}`.execute(trx);
    })).rejects.toThrow(/permission denied/);
    const draft = await planRow(caseId, 1);
    await expect(env.database.db.insertInto('planVersions').values({ caseId, number: 2, content: draft.content, createdBy: coordinator.id }).execute())
      .rejects.toThrow(/plan_versions_one_draft/);
  });
});
