/**
 * Screening by asking over HTTP against a real database: the outcome rule applied by the server, a
 * referral that opens an anonymous case with the right entry channel, a referral to another
 * municipality, a child's answers that must become a report of concern (with a notification that
 * carries nothing personal), bad input that changes nothing, answers encrypted at rest and audited when
 * read, one organisation never seeing another's screenings, and identifications counted per channel.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectStatus, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipalityId: string;
let otherMunicipalityId: string;
let socialWorker: TestUser;
let teamMember: TestUser;
let otherIntake: TestUser;
let otherCoordinator: TestUser;
let nurse: TestUser;
let youthClinic: TestUser;
let analyst: TestUser;

let keyCounter = 0;
const key = () => ({ 'idempotency-key': `screening-key-${++keyCounter}-${Date.now()}` });

type Answer = 'yes' | 'no' | 'unsure' | 'not_answered';
const answers = (overrides: Partial<Record<string, Answer>> = {}) => ({
  given_something_for_sex: 'no', pressured_or_threatened: 'no', controlled_by_someone: 'no', images_spread: 'no', owes_someone: 'no', wants_help: 'no',
  ...overrides,
});
const screening = (overrides: Record<string, unknown> = {}) => ({ setting: 'social_services', isChild: false, answers: answers(), followUp: null, ...overrides });

const count = async (table: 'screenings' | 'screeningReferrals' | 'cases' | 'notifications') =>
  Number((await env.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);

beforeAll(async () => {
  env = await testEnv();
  municipalityId = await organisations.municipality(env, '1880');
  otherMunicipalityId = await organisations.municipality(env, '0180');
  const regionId = await organisations.region(env, '18');
  socialWorker = await makeUser(env, municipalityId, ['intake']);
  teamMember = await makeUser(env, municipalityId, ['team_member']);
  analyst = await makeUser(env, municipalityId, ['analyst']);
  otherIntake = await makeUser(env, otherMunicipalityId, ['intake']);
  otherCoordinator = await makeUser(env, otherMunicipalityId, ['coordinator']);
  nurse = await makeUser(env, regionId, ['team_member']);
  youthClinic = await makeUser(env, regionId, ['team_member']);
});
afterAll(async () => { await env?.close(); });

describe('an adult referred into the program', () => {
  it('opens an anonymous case in the own organisation with the social services entry channel, in one step', async () => {
    const response = await as(env, socialWorker).post('/api/v1/screenings', screening({
      answers: answers({ pressured_or_threatened: 'yes', wants_help: 'yes' }),
      followUp: { kind: 'program_referral', personAgrees: true },
    }), key());
    expectStatus(response, 201);
    const body = response.json();
    expect(body).toMatchObject({ indication: 'clear_indication', nextStep: 'offer_referral', followUp: { kind: 'program_referral', organisation: { id: municipalityId } } });
    const caseId = body.followUp.caseId;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

    const opened = await as(env, socialWorker).get(`/api/v1/cases/${caseId}`);
    expectStatus(opened, 200);
    expect(opened.json()).toMatchObject({ program: 'exit_program', entryChannel: 'social_services', ownerOrganisation: { id: municipalityId } });
    expect(opened.json().participant).toMatchObject({ identified: false, firstName: null });
  });

  it('sends a referral to the chosen municipality from a region clinic, with the clinic\'s channel and a notification without personal data', async () => {
    const notificationsBefore = await env.database.db.selectFrom('notifications').select('id').where('userId', '=', otherIntake.id).execute();
    const casesBefore = await count('cases');
    const response = await as(env, youthClinic).post('/api/v1/screenings', screening({
      setting: 'youth_clinic', answers: answers({ given_something_for_sex: 'yes' }),
      followUp: { kind: 'program_referral', personAgrees: true, municipalityCode: '0180' },
    }), key());
    expectStatus(response, 201);
    expect(response.json()).toMatchObject({ indication: 'possible_exploitation', followUp: { kind: 'program_referral', organisation: { id: otherMunicipalityId }, caseId: null } });
    expect(await count('cases')).toBe(casesBefore);

    const notifications = await env.database.db.selectFrom('notifications').selectAll().where('userId', '=', otherIntake.id).execute();
    expect(notifications.length).toBe(notificationsBefore.length + 1);
    const arrived = notifications.find((notification) => !notificationsBefore.some((before) => before.id === notification.id))!;
    expect(arrived).toMatchObject({ kind: 'screening_referral_received', caseId: null });
    // Only intake staff are told when the organisation has them.
    expect(await env.database.db.selectFrom('notifications').select('id').where('userId', '=', otherCoordinator.id).execute()).toEqual([]);

    const incoming = await as(env, otherIntake).get('/api/v1/screenings/referrals/incoming');
    expectStatus(incoming, 200);
    const [referral] = incoming.json().referrals;
    expect(referral).toMatchObject({ kind: 'program_referral', setting: 'youth_clinic', isChild: false, indication: 'possible_exploitation', fromOrganisation: { name: 'Region Örebro län' } });
    expect(referral).not.toHaveProperty('answers');
  });

  it('asks a region clinic to choose a municipality, and changes nothing', async () => {
    const before = await count('screenings');
    const response = await as(env, nurse).post('/api/v1/screenings', screening({
      setting: 'healthcare', answers: answers({ controlled_by_someone: 'yes' }), followUp: { kind: 'program_referral', personAgrees: true },
    }), key());
    expectStatus(response, 400);
    expect(response.json().error.code).toBe('municipality_required');
    expect(await count('screenings')).toBe(before);
  });
});

describe('a child', () => {
  it('with any indication must be reported: saving without a report of concern is refused', async () => {
    const before = await count('screenings');
    const response = await as(env, nurse).post('/api/v1/screenings', screening({ setting: 'student_health', isChild: true, answers: answers({ owes_someone: 'unsure' }) }), key());
    expectStatus(response, 400);
    expect(response.json().error.code).toBe('report_of_concern_required');
    const referral = await as(env, nurse).post('/api/v1/screenings', screening({
      setting: 'student_health', isChild: true, answers: answers({ owes_someone: 'yes' }), followUp: { kind: 'program_referral', personAgrees: true, municipalityCode: '0180' },
    }), key());
    expectStatus(referral, 400);
    expect(await count('screenings')).toBe(before);
  });

  it('becomes a report of concern to the chosen municipality\'s intake, notified without any personal data', async () => {
    const before = await env.database.db.selectFrom('notifications').select('id').where('userId', '=', otherIntake.id).execute();
    const response = await as(env, nurse).post('/api/v1/screenings', screening({
      setting: 'student_health', isChild: true, answers: answers({ given_something_for_sex: 'yes' }),
      followUp: { kind: 'report_of_concern', municipalityCode: '0180' },
    }), key());
    expectStatus(response, 201);
    expect(response.json()).toMatchObject({ indication: 'clear_indication', nextStep: 'report_of_concern', followUp: { kind: 'report_of_concern', organisation: { id: otherMunicipalityId }, caseId: null } });
    const after = await env.database.db.selectFrom('notifications').selectAll().where('userId', '=', otherIntake.id).execute();
    const fresh = after.filter((row) => !before.some((old) => old.id === row.id));
    expect(fresh).toEqual([expect.objectContaining({ kind: 'report_of_concern_received', caseId: null })]);
    const incoming = (await as(env, otherIntake).get('/api/v1/screenings/referrals/incoming')).json().referrals;
    expect(incoming[0]).toMatchObject({ kind: 'report_of_concern', isChild: true, setting: 'student_health' });
  });

  it('without any indication needs no report, and a report for an adult is refused', async () => {
    expectStatus(await as(env, nurse).post('/api/v1/screenings', screening({ setting: 'student_health', isChild: true }), key()), 201);
    const adult = await as(env, nurse).post('/api/v1/screenings', screening({
      setting: 'healthcare', answers: answers({ images_spread: 'yes' }), followUp: { kind: 'report_of_concern', municipalityCode: '0180' },
    }), key());
    expectStatus(adult, 400);
    expect(adult.json().error.code).toBe('report_of_concern_only_for_child');
  });
});

describe('bad input', () => {
  it('refuses missing answers, unknown answers, unknown settings, referral without agreement and an unknown municipality; nothing changes', async () => {
    const before = await count('screenings');
    const bodies = [
      screening({ answers: { given_something_for_sex: 'no' } }),
      screening({ answers: answers({ wants_help: 'maybe' as Answer }) }),
      screening({ setting: 'dentist' }),
      screening({ answers: answers({ pressured_or_threatened: 'yes' }), followUp: { kind: 'program_referral', personAgrees: false } }),
      screening({ name: 'Ana' }),
      screening({ isChild: 'yes' }),
    ];
    for (const body of bodies) expectStatus(await as(env, socialWorker).post('/api/v1/screenings', body, key()), 400);
    const unknown = await as(env, socialWorker).post('/api/v1/screenings', screening({
      answers: answers({ pressured_or_threatened: 'yes' }), followUp: { kind: 'program_referral', personAgrees: true, municipalityCode: '2584' },
    }), key());
    expectStatus(unknown, 400);
    expect(unknown.json().error.code).toBe('no_receiver_in_municipality');
    const pointless = await as(env, socialWorker).post('/api/v1/screenings', screening({ followUp: { kind: 'program_referral', personAgrees: true } }), key());
    expect(pointless.json().error.code).toBe('referral_without_indication');
    expect(await count('screenings')).toBe(before);
  });

  it('refuses roles that do not screen', async () => {
    expectStatus(await as(env, analyst).post('/api/v1/screenings', screening(), key()), 403);
    expectStatus(await as(env, analyst).get('/api/v1/screenings'), 403);
  });
});

describe('the answers', () => {
  it('are encrypted at rest, read back by the organisation and audited when read', async () => {
    const created = (await as(env, teamMember).post('/api/v1/screenings', screening({ answers: answers({ images_spread: 'yes' }) }), key())).json();
    expect(created).toMatchObject({ indication: 'possible_exploitation', followUp: null });
    const stored = await sql<{ answers: Buffer }>`select answers from screenings where id = ${created.id}`.execute(env.database.db);
    expect(Buffer.from(stored.rows[0]!.answers).toString('utf8')).not.toContain('images_spread');

    const list = await as(env, socialWorker).get('/api/v1/screenings');
    expectStatus(list, 200);
    const found = list.json().screenings.find((item: { id: string }) => item.id === created.id);
    expect(found.answers.images_spread).toBe('yes');
    expect(list.json().ownOrganisationRunsProgram).toBe(true);
    expect(list.json().receivers.map((receiver: { municipalityCode: string }) => receiver.municipalityCode).sort()).toEqual(['0180', '1880']);
    const events = await env.database.db.selectFrom('auditEvents').selectAll().where('requestId', '=', String(list.headers['x-request-id'])).execute();
    expect(events).toEqual([expect.objectContaining({ action: 'screening.read', actorUserId: socialWorker.id })]);
    expect(String(events[0]!.details && JSON.stringify(events[0]!.details))).toContain(created.id);
  });

  it('are visible only to the organisation that asked', async () => {
    const theirs = (await as(env, otherIntake).get('/api/v1/screenings')).json();
    expect(theirs.screenings).toEqual([]);
    const regionView = (await as(env, nurse).get('/api/v1/screenings')).json();
    expect(regionView.ownOrganisationRunsProgram).toBe(false);
    expect(regionView.screenings.every((item: { setting: string }) => item.setting !== 'social_services')).toBe(true);
    const visible = await env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${otherMunicipalityId}, true)`.execute(trx);
      return sql<{ count: number }>`select count(*)::int as count from screenings`.execute(trx);
    });
    expect(visible.rows[0]!.count).toBe(0);
  });
});

describe('identifications', () => {
  it('are counted per channel per month for the organisation', async () => {
    const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 7);
    const region = (await as(env, nurse).get('/api/v1/screenings/statistics')).json().counts;
    expect(region).toEqual(expect.arrayContaining([
      { month, channel: 'youth_clinic', screenings: 1, indications: 1, referrals: 1, reportsOfConcern: 0 },
      { month, channel: 'student_health', screenings: 2, indications: 1, referrals: 0, reportsOfConcern: 1 },
    ]));
    const own = (await as(env, socialWorker).get('/api/v1/screenings/statistics')).json().counts;
    expect(own).toEqual([{ month, channel: 'social_services', screenings: 2, indications: 2, referrals: 1, reportsOfConcern: 0 }]);
    expect((await as(env, otherIntake).get('/api/v1/screenings/statistics')).json().counts).toEqual([]);
  });
});

describe('the API description', () => {
  it('lists the screening routes with their schemas', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(response, 200);
    const paths = response.json().paths as Record<string, Record<string, { requestBody?: unknown }>>;
    expect(Object.keys(paths['/api/v1/screenings'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(JSON.stringify(paths['/api/v1/screenings']!.post!.requestBody)).toContain('report_of_concern');
    expect(Object.keys(paths['/api/v1/screenings/statistics'] ?? {})).toEqual(['get']);
    expect(Object.keys(paths['/api/v1/screenings/referrals/incoming'] ?? {})).toEqual(['get']);
  });
});
