/**
 * The outreach log over HTTP against a real database: logging an encounter, bad input (an address for a
 * place, a referral without a target, a future date), the author's short correction window and stale
 * versions, one organisation never seeing another's log, the note encrypted at rest, the audit trail,
 * and the statistics with small cells hidden for an audience outside the organisation.
 */
import { swedishDate } from '@utvag/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipalityId: string;
let worker: TestUser;
let colleague: TestUser;
let manager: TestUser;
let coordinator: TestUser;
let otherWorker: TestUser;

const note = 'Kvinna i röd jacka verkade rädd för mannen i bilen';
let keyCounter = 0;
const key = () => ({ 'idempotency-key': `outreach-key-${++keyCounter}-${Date.now()}` });

const encounter = (overrides: Record<string, unknown> = {}) => ({
  date: today(), arena: 'street', municipalityCode: '1880', area: 'Centrum', languages: ['ro', 'sv'],
  materials: [{ material: 'information_leaflet', count: 3 }, { material: 'condoms', count: 10 }],
  referralOffered: true, referralTo: ['sti_testing', 'exit_program'], peopleMet: 2, note, ...overrides,
});

beforeAll(async () => {
  env = await testEnv();
  municipalityId = await organisations.municipality(env, '1880');
  const otherMunicipalityId = await organisations.municipality(env, '0180');
  worker = await makeUser(env, municipalityId, ['intake']);
  colleague = await makeUser(env, municipalityId, ['intake']);
  manager = await makeUser(env, municipalityId, ['manager']);
  coordinator = await makeUser(env, municipalityId, ['coordinator']);
  otherWorker = await makeUser(env, otherMunicipalityId, ['intake']);
});
afterAll(async () => { await env?.close(); });

describe('logging an encounter', () => {
  it('records an anonymous encounter, lists it for the organisation with the form defaults, and encrypts the note', async () => {
    const created = await as(env, worker).post('/api/v1/outreach/encounters', encounter({ arena: 'hotel' }), key());
    expectStatus(created, 201);
    const body = created.json();
    expect(body).toMatchObject({ arena: 'hotel', municipalityCode: '1880', municipalityName: 'Örebro', area: 'Centrum', peopleMet: 2, note, version: 1, canEdit: true });
    expect(body.materials).toEqual([{ material: 'information_leaflet', count: 3 }, { material: 'condoms', count: 10 }]);

    const list = await as(env, colleague).get('/api/v1/outreach/encounters');
    expectStatus(list, 200);
    const listed = list.json();
    expect(listed.encounters.map((item: { id: string }) => item.id)).toContain(body.id);
    // A colleague reads it but cannot correct what someone else logged.
    expect(listed.encounters.find((item: { id: string }) => item.id === body.id).canEdit).toBe(false);
    // The date is the Swedish calendar day, also in the hours after midnight when UTC is still on yesterday.
    expect(listed.defaults).toMatchObject({ date: swedishDate(new Date()), municipalityCode: '1880', arena: 'street' });
    expect(listed.municipalities).toHaveLength(290);
    // The author's last arena becomes their default.
    expect((await as(env, worker).get('/api/v1/outreach/encounters')).json().defaults.arena).toBe('hotel');

    const stored = await sql<{ note: Buffer }>`select note from outreach_encounters where id = ${body.id}`.execute(env.database.db);
    expect(Buffer.from(stored.rows[0]!.note).toString('utf8')).not.toContain('röd jacka');
  });

  it('creates once for a repeated Idempotency-Key', async () => {
    const headers = key();
    const first = await as(env, worker).post('/api/v1/outreach/encounters', encounter({ peopleMet: 7 }), headers);
    const second = await as(env, worker).post('/api/v1/outreach/encounters', encounter({ peopleMet: 7 }), headers);
    expectStatus(first, 201);
    expectStatus(second, 201);
    expect(second.json().id).toBe(first.json().id);
  });

  it('audits the create and the read of the log, with no note text in the events', async () => {
    const created = await as(env, worker).post('/api/v1/outreach/encounters', encounter(), key());
    const listed = await as(env, manager).get('/api/v1/outreach/encounters');
    const events = await env.database.db.selectFrom('auditEvents').selectAll()
      .where('requestId', 'in', [String(created.headers['x-request-id']), String(listed.headers['x-request-id'])]).execute();
    expect(events.map((event) => event.action).sort()).toEqual(['outreach.create', 'outreach.read']);
    expect(JSON.stringify(events)).not.toContain('röd jacka');
  });

  it('refuses staff who do not do outreach', async () => {
    expectStatus(await as(env, coordinator).post('/api/v1/outreach/encounters', encounter(), key()), 403);
    expectStatus(await as(env, coordinator).get('/api/v1/outreach/encounters'), 403);
    expectStatus(await as(env, manager).post('/api/v1/outreach/encounters', encounter(), key()), 403);
  });
});

describe('bad input', () => {
  const refused = async (body: unknown, status = 400) => {
    const before = await env.database.db.selectFrom('outreachEncounters').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    const response = await as(env, worker).post('/api/v1/outreach/encounters', body, key());
    expectStatus(response, status);
    const after = await env.database.db.selectFrom('outreachEncounters').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    expect(Number(after.count)).toBe(Number(before.count));
    return response.json().error;
  };

  it('refuses a street address or anything with numbers as the place', async () => {
    const error = await refused(encounter({ area: 'Drottninggatan 14' }));
    expect(JSON.stringify(error.issues)).toContain('area_not_coarse');
  });

  it('refuses a place longer than a district name', async () => {
    await refused(encounter({ area: 'Bakom den stora gula byggnaden vid stationen där bussarna står' }));
  });

  it('refuses a referral offered without saying to what, and a target without an offer', async () => {
    expect(JSON.stringify((await refused(encounter({ referralOffered: true, referralTo: [] }))).issues)).toContain('referral_inconsistent');
    await refused(encounter({ referralOffered: false, referralTo: ['healthcare'] }));
  });

  it('refuses a date in the future, an unknown municipality, no people met and repeated materials', async () => {
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    expect((await refused(encounter({ date: future }))).code).toBe('encounter_date_out_of_range');
    expect((await refused(encounter({ municipalityCode: '9999' }))).code).toBe('unknown_municipality');
    await refused(encounter({ peopleMet: 0 }));
    await refused(encounter({ materials: [{ material: 'condoms', count: 1 }, { material: 'condoms', count: 2 }] }));
    await refused(encounter({ note: 'x'.repeat(501) }));
    await refused({ ...encounter(), name: 'Ana' });
  });
});

describe('correcting an encounter', () => {
  it('lets the author correct it at the version they read; a stale version answers 409', async () => {
    const created = (await as(env, worker).post('/api/v1/outreach/encounters', encounter(), key())).json();
    const changed = await as(env, worker).patch(`/api/v1/outreach/encounters/${created.id}`, { ...encounter({ peopleMet: 4, note: undefined }), version: 1 });
    expectStatus(changed, 200);
    expect(changed.json()).toMatchObject({ peopleMet: 4, note: null, version: 2 });
    const stale = await as(env, worker).patch(`/api/v1/outreach/encounters/${created.id}`, { ...encounter({ peopleMet: 9 }), version: 1 });
    expectStatus(stale, 409);
    expect(stale.json().error.code).toBe('stale_version');
  });

  it('refuses a colleague and closes the window after a day', async () => {
    const created = (await as(env, worker).post('/api/v1/outreach/encounters', encounter(), key())).json();
    expectStatus(await as(env, colleague).patch(`/api/v1/outreach/encounters/${created.id}`, { ...encounter(), version: 1 }), 403);
    await sql`update outreach_encounters set created_at = now() - interval '25 hours' where id = ${created.id}`.execute(env.database.db);
    const late = await as(env, worker).patch(`/api/v1/outreach/encounters/${created.id}`, { ...encounter(), version: 1 });
    expectStatus(late, 409);
    expect(late.json().error.code).toBe('edit_window_closed');
  });
});

describe('another organisation', () => {
  it('sees nothing of the log, cannot correct an encounter, and its statistics stay its own', async () => {
    const created = (await as(env, worker).post('/api/v1/outreach/encounters', encounter(), key())).json();
    const theirs = await as(env, otherWorker).get('/api/v1/outreach/encounters');
    expectStatus(theirs, 200);
    expect(theirs.json().encounters).toEqual([]);
    expect(theirs.json().defaults.municipalityCode).toBe('0180');
    expectStatus(await as(env, otherWorker).patch(`/api/v1/outreach/encounters/${created.id}`, { ...encounter(), version: 1 }), 404);
    expect((await as(env, otherWorker).get('/api/v1/outreach/statistics')).json().cells).toEqual([]);
  });

  it('is kept out by row-level security even without the application filter', async () => {
    const visible = await env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${otherWorker.organisationId}, true)`.execute(trx);
      return sql<{ count: number }>`select count(*)::int as count from outreach_encounters`.execute(trx);
    });
    expect(visible.rows[0]!.count).toBe(0);
  });
});

describe('statistics', () => {
  it('counts by month, arena and municipality, and hides cells below five for an outside audience', async () => {
    const fresh = await organisations.municipality(env, '0380');
    const counter = await makeUser(env, fresh, ['intake']);
    for (let i = 0; i < 5; i += 1) {
      expectStatus(await as(env, counter).post('/api/v1/outreach/encounters', encounter({ arena: 'street', municipalityCode: '0380', peopleMet: 2 }), key()), 201);
    }
    expectStatus(await as(env, counter).post('/api/v1/outreach/encounters', encounter({ arena: 'sugar_dating_site', municipalityCode: '0380', referralOffered: false, referralTo: [] }), key()), 201);

    const own = (await as(env, counter).get('/api/v1/outreach/statistics')).json();
    const month = today().slice(0, 7);
    expect(own.audience).toBe('organisation');
    expect(own.cells).toEqual(expect.arrayContaining([
      expect.objectContaining({ month, arena: 'street', municipalityCode: '0380', encounters: 5, peopleMet: 10, referralsOffered: 5, suppressed: false }),
      expect.objectContaining({ month, arena: 'sugar_dating_site', encounters: 1, peopleMet: 2, referralsOffered: 0, suppressed: false }),
    ]));

    const outside = (await as(env, counter).get('/api/v1/outreach/statistics?audience=outside')).json();
    expect(outside.threshold).toBe(5);
    expect(outside.cells).toEqual(expect.arrayContaining([
      expect.objectContaining({ arena: 'street', encounters: 5, suppressed: false }),
      expect.objectContaining({ arena: 'sugar_dating_site', encounters: null, peopleMet: null, referralsOffered: null, suppressed: true }),
    ]));
    expectStatus(await as(env, counter).get('/api/v1/outreach/statistics?audience=everyone'), 400);
  });
});

describe('the API description', () => {
  it('lists the outreach routes with their schemas', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(response, 200);
    const paths = response.json().paths as Record<string, Record<string, { requestBody?: unknown }>>;
    expect(Object.keys(paths['/api/v1/outreach/encounters'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(paths['/api/v1/outreach/encounters']!.post!.requestBody).toBeDefined();
    expect(Object.keys(paths['/api/v1/outreach/encounters/{encounterId}'] ?? {})).toEqual(['patch']);
    expect(Object.keys(paths['/api/v1/outreach/statistics'] ?? {})).toEqual(['get']);
  });
});
