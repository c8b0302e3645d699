/**
 * Decisions over HTTP against a real database: a coordinator without delegation initiates, a delegate
 * decides within their limit, a decision above it is refused naming the rule with nothing changed, a
 * manager decides without a rule, stale versions answer 409, the decision letter is a PDF, reasons are
 * encrypted at rest, and every read and write leaves an audit event.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLetterFont, renderDecisionLetter } from '../src/decisions/letter';
import { AccessContext } from '../src/access/context';
import { sealClearTexts } from '../src/jobs/seal-clear-texts';
import { letterContent } from '../src/decisions/service';
import { addMemberWithoutConsent, anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipality: string;
let region: string;
let coordinator: TestUser;
let delegate: TestUser;
let manager: TestUser;
let orgAdmin: TestUser;
let nurse: TestUser;


const putRules = (user: TestUser, organisationId: string, rules: unknown[]) => env.app.inject({
  method: 'PUT', url: `/api/v1/organisations/${organisationId}/delegation-rules`, headers: { authorization: `Bearer ${user.token}` }, payload: { rules },
});

beforeAll(async () => {
  env = await testEnv();
  municipality = await organisations.municipality(env);
  region = await organisations.region(env);
  coordinator = await makeUser(env, municipality, ['coordinator'], 'Samordnare');
  delegate = await makeUser(env, municipality, ['team_member'], 'Socialsekreterare');
  manager = await makeUser(env, municipality, ['manager'], 'Enhetschef');
  orgAdmin = await makeUser(env, municipality, ['org_admin'], 'Administratör');
  nurse = await makeUser(env, region, ['team_member'], 'Sjuksköterska');
  expectStatus(await putRules(orgAdmin, municipality, [
    { role: 'team_member', decisionType: 'protected_housing', maxAmount: null },
    { role: 'team_member', decisionType: 'financial_assistance', maxAmount: 10_000 },
  ]), 200);
});
afterAll(async () => { await env?.close(); });

interface World { caseId: string; base: string }

async function newWorld(participant: Record<string, unknown> = {}): Promise<World> {
  const body = anonymousCase('Trana');
  const created = await as(env, coordinator).post('/api/v1/cases', { ...body, participant: { ...body.participant, ...participant } });
  expectStatus(created, 201);
  const caseId: string = created.json().id;
  const base = `/api/v1/cases/${caseId}`;
  expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: delegate.id, teamRole: 'team_member' }), 201);
  // The region's nurse is on the team without consent in force (as after a withdrawal): they see nothing until consent is given.
  await addMemberWithoutConsent(env, caseId, nurse, 'team_member', coordinator);
  return { caseId, base };
}

const housing = (overrides: Record<string, unknown> = {}) => ({
  type: 'protected_housing', legalBasis: 'Socialtjänstlagen (2025:400), bistånd i form av skyddat boende',
  reasons: 'Hot från tidigare kontakt; behöver skyddat boende.', extent: 'Skyddat boende med stöd dygnet runt', periodFrom: '2026-03-01', periodTo: '2026-05-31', ...overrides,
});
const money = (amount: number) => ({
  type: 'financial_assistance', legalBasis: 'Socialtjänstlagen (2025:400), ekonomiskt bistånd', reasons: 'Saknar inkomst under etableringen.', amount, periodFrom: '2026-03-01', periodTo: '2026-03-31',
});

async function initiate(world: World, input: Record<string, unknown>, user = coordinator) {
  const response = await as(env, user).post(`${world.base}/decisions`, input);
  expectStatus(response, 201);
  return response.json() as { id: string; version: number; status: string; decide: { allowed: boolean; violation: string | null } };
}

async function eventsOf(response: LightMyRequestResponse) {
  return env.database.db.selectFrom('auditEvents').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).execute();
}

const decisionRow = (id: string) => env.database.db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('initiating and deciding under delegation', () => {
  it('lets the coordinator initiate and the delegate decide protected housing', async () => {
    const world = await newWorld();
    const initiated = await initiate(world, housing());
    expect(initiated.status).toBe('initiated');
    expect(initiated.decide).toEqual({ allowed: false, violation: 'no_delegation' });

    const seenByDelegate = await as(env, delegate).get(`${world.base}/decisions`);
    expectStatus(seenByDelegate, 200);
    expect(seenByDelegate.json().decisions[0].decide).toEqual({ allowed: true, violation: null });

    const decided = await as(env, delegate).post(`${world.base}/decisions/${initiated.id}/decide`, { version: initiated.version, outcome: 'granted' });
    expectStatus(decided, 200);
    expect(decided.json()).toMatchObject({ status: 'decided', outcome: 'granted', decidedBy: { id: delegate.id }, initiatedBy: { id: coordinator.id } });
    expect((await eventsOf(decided)).map((event) => event.action)).toContain('decision.decide');
  });

  it('refuses the coordinator without delegation, naming the rule, and changes nothing', async () => {
    const world = await newWorld();
    const initiated = await initiate(world, housing());
    const before = await decisionRow(initiated.id);
    const refused = await as(env, coordinator).post(`${world.base}/decisions/${initiated.id}/decide`, { version: initiated.version, outcome: 'granted' });
    expectStatus(refused, 403);
    expect(refused.json().error?.code ?? refused.json().code).toBe('no_delegation');
    expect(await decisionRow(initiated.id)).toEqual(before);
  });

  it('decides within the delegate\'s limit and refuses above it with the rule named, nothing changed', async () => {
    const world = await newWorld();
    const within = await initiate(world, money(10_000));
    expectStatus(await as(env, delegate).post(`${world.base}/decisions/${within.id}/decide`, { version: within.version, outcome: 'partly_granted' }), 200);

    const above = await initiate(world, money(10_001));
    const before = await decisionRow(above.id);
    const refused = await as(env, delegate).post(`${world.base}/decisions/${above.id}/decide`, { version: above.version, outcome: 'granted', reasons: 'Andra skäl' });
    expectStatus(refused, 422);
    expect(JSON.stringify(refused.json())).toContain('above_delegated_limit');
    expect(await decisionRow(above.id)).toEqual(before);
    expect((await eventsOf(refused)).map((event) => event.action)).not.toContain('decision.decide');
  });

  it('lets a manager decide above any delegated limit', async () => {
    const world = await newWorld();
    const large = await initiate(world, money(250_000), delegate);
    const decided = await as(env, manager).post(`${world.base}/decisions/${large.id}/decide`, { version: large.version, outcome: 'refused', reasons: 'Behovet tillgodoses på annat sätt.' });
    expectStatus(decided, 200);
    expect(decided.json()).toMatchObject({ outcome: 'refused', reasons: 'Behovet tillgodoses på annat sätt.', decidedBy: { id: manager.id } });
  });

  it('answers 409 to a stale version and to a second decision', async () => {
    const world = await newWorld();
    const initiated = await initiate(world, housing());
    const stale = await as(env, delegate).post(`${world.base}/decisions/${initiated.id}/decide`, { version: initiated.version + 1, outcome: 'granted' });
    expectStatus(stale, 409);
    expect(JSON.stringify(stale.json())).toContain('stale_version');
    expect((await decisionRow(initiated.id)).status).toBe('initiated');
    expectStatus(await as(env, delegate).post(`${world.base}/decisions/${initiated.id}/decide`, { version: initiated.version, outcome: 'granted' }), 200);
    const again = await as(env, manager).post(`${world.base}/decisions/${initiated.id}/decide`, { version: initiated.version + 1, outcome: 'refused' });
    expectStatus(again, 409);
  });

  it('keeps decisions from an external team member and refuses their initiative', async () => {
    const world = await newWorld();
    await initiate(world, housing());
    expectStatus(await as(env, nurse).get(`${world.base}/decisions`), 404);
    expectStatus(await as(env, coordinator).post(`${world.base}/consents`, {
      recipientOrganisationId: region, categories: ['health', 'protection_housing'], purposes: ['care_planning'], form: 'written', givenOn: today(),
    }), 201);
    expectStatus(await as(env, nurse).get(world.base), 200);
    expectStatus(await as(env, nurse).get(`${world.base}/decisions`), 403);
    expectStatus(await as(env, nurse).post(`${world.base}/decisions`, housing()), 403);
  });

  it('refuses bad input by name: period out of order, neither amount nor extent', async () => {
    const world = await newWorld();
    const outOfOrder = await as(env, coordinator).post(`${world.base}/decisions`, housing({ periodTo: '2026-02-01' }));
    expectStatus(outOfOrder, 400);
    expect(outOfOrder.body).toContain('dates_out_of_order');
    const nothing = await as(env, coordinator).post(`${world.base}/decisions`, housing({ extent: null }));
    expectStatus(nothing, 400);
    expect(nothing.body).toContain('amount_or_extent_required');
    const count = await env.database.db.selectFrom('decisions').select((eb) => eb.fn.countAll<string>().as('n')).where('caseId', '=', world.caseId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('replays an initiation with the same Idempotency-Key', async () => {
    const world = await newWorld();
    const key = `decision-${randomUUID()}`;
    const first = await as(env, coordinator).post(`${world.base}/decisions`, housing(), { 'idempotency-key': key });
    const second = await as(env, coordinator).post(`${world.base}/decisions`, housing(), { 'idempotency-key': key });
    expectStatus(first, 201);
    expectStatus(second, 201);
    expect(second.json().id).toBe(first.json().id);
  });
});

describe('the decision letter', () => {
  it('is a PDF for a decided decision, audited, and refused before the decision', async () => {
    const world = await newWorld();
    const initiated = await initiate(world, housing());
    expectStatus(await as(env, coordinator).get(`${world.base}/decisions/${initiated.id}/letter.pdf`), 409);
    expectStatus(await as(env, delegate).post(`${world.base}/decisions/${initiated.id}/decide`, { version: initiated.version, outcome: 'granted' }), 200);
    const letter = await as(env, coordinator).get(`${world.base}/decisions/${initiated.id}/letter.pdf`);
    expectStatus(letter, 200);
    expect(letter.headers['content-type']).toContain('application/pdf');
    expect(letter.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(letter.rawPayload.length).toBeGreaterThan(1000);
    expect(letter.rawPayload.subarray(-8).toString('latin1')).toContain('%%EOF');
    expect((await eventsOf(letter)).map((event) => event.action)).toEqual(['decision.letter']);
  });

  /** The text of an uncompressed pdfkit PDF written in a standard font: its TJ strings in WinAnsi (Latin-1). */
  const textOf = (pdf: Buffer) =>
    [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)]
      .map((match) => [...match[1]!.matchAll(/<([0-9a-f]+)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')).join(''))
      .join('\n');

  const letter = {
    organisationName: 'Malmö stad', recipientName: 'Åsa Öberg', recipientAddress: 'Storgatan 1, 211 34 Malmö', decisionId: randomUUID(),
    type: 'protected_housing' as const, outcome: 'granted' as const, legalBasis: 'Socialtjänstlagen (2025:400), bistånd i form av skyddat boende',
    reasons: 'Hot från tidigare kontakt.', amount: 12_500, extent: null, periodFrom: '2026-03-01', periodTo: '2026-05-31', decidedBy: 'Kim Ström', decidedOn: '2026-02-20',
  };

  it('says, in Swedish with å ä ö, what was decided, on what basis, by whom, and how to appeal', async () => {
    const text = textOf(await renderDecisionLetter(letter, { compress: false, fontPath: null }));
    for (const phrase of ['Beslut om skyddat boende', 'Åsa Öberg', 'Storgatan 1', 'Socialtjänstlagen (2025:400)', 'Hot från tidigare kontakt.', '12 500 kr',
      'Från 2026-03-01 till 2026-05-31', 'Kim Ström', 'Så överklagar du', 'förvaltningsrätten', 'inom tre veckor']) {
      expect(text, phrase).toContain(phrase);
    }
  });

  it('prints no address when the person has protected identity', async () => {
    const world = await newWorld({ protectedIdentity: 'protected_registration', address: 'Hemliga vägen 7' });
    const initiated = await initiate(world, housing());
    expectStatus(await as(env, manager).post(`${world.base}/decisions/${initiated.id}/decide`, { version: initiated.version, outcome: 'granted' }), 200);
    const response = await as(env, coordinator).get(`${world.base}/decisions/${initiated.id}/letter.pdf`);
    expectStatus(response, 200);
    const access = new AccessContext(env.database.db, {
      userId: coordinator.id, organisationId: municipality, organisationType: 'municipality', roles: ['coordinator'], name: 'Samordnare', email: coordinator.email,
    }, randomUUID());
    const content = await letterContent(access, env.keyring, world.caseId, initiated.id);
    expect(content).toMatchObject({ recipientAddress: null, recipientName: 'Trana' });
    const text = textOf(await renderDecisionLetter(content, { compress: false, fontPath: null }));
    expect(text).not.toContain('Hemliga');
    expect(text).toContain('Trana');

    const open = await newWorld({ address: 'Öppna gatan 3' });
    const other = await initiate(open, housing());
    expectStatus(await as(env, manager).post(`${open.base}/decisions/${other.id}/decide`, { version: other.version, outcome: 'granted' }), 200);
    expect((await letterContent(access, env.keyring, open.caseId, other.id)).recipientAddress).toBe('Öppna gatan 3');
  });

  it('embeds a font file when the host has one, and otherwise uses Helvetica (WinAnsi holds å ä ö)', async () => {
    const font = defaultLetterFont();
    const pdf = (await renderDecisionLetter(letter, { compress: false, fontPath: font })).toString('latin1');
    expect(pdf).toContain(font ? '/FontFile2' : '/BaseFont /Helvetica');
  });
});

describe('delegation rules', () => {
  it('are read and replaced by org admins and managers of the organisation only', async () => {
    const read = await as(env, manager).get(`/api/v1/organisations/${municipality}/delegation-rules`);
    expectStatus(read, 200);
    expect(read.json().rules).toHaveLength(2);
    expect((await eventsOf(read)).map((event) => event.action)).toEqual(['delegation.read']);
    expectStatus(await as(env, coordinator).get(`/api/v1/organisations/${municipality}/delegation-rules`), 403);
    expectStatus(await putRules(coordinator, municipality, []), 403);
    expectStatus(await as(env, nurse).get(`/api/v1/organisations/${municipality}/delegation-rules`), 404);
    const duplicate = { role: 'team_member', decisionType: 'contact_person', maxAmount: null };
    expectStatus(await putRules(manager, municipality, [duplicate, duplicate]), 400);
    expect((await as(env, manager).get(`/api/v1/organisations/${municipality}/delegation-rules`)).json().rules).toHaveLength(2);
  });

  it('are kept per organisation by row-level security', async () => {
    const rows = await env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${region}, true)`.execute(trx);
      return trx.selectFrom('delegationRules').selectAll().execute();
    });
    expect(rows).toEqual([]);
  });
});

describe('encryption at rest', () => {
  it('stores reasons, extent and legal basis only as ciphertext', async () => {
    const world = await newWorld();
    const reasons = `Hotbild från Kvarngatan ${randomUUID().slice(0, 8)}`;
    const extent = `Boende på Fyrvaktargränd ${randomUUID().slice(0, 8)}`;
    const legalBasis = `4 kap. 1 § SoL, skyddat boende efter hot i Lindesberg ${randomUUID().slice(0, 8)}`;
    const initiated = await initiate(world, housing({ reasons, extent, legalBasis }));
    const row = await decisionRow(initiated.id);
    expect(row.reasons.toString('latin1')).not.toContain('Kvarngatan');
    expect(row.extent?.toString('latin1')).not.toContain('Fyrvaktargränd');
    expect(row.legalBasis).toBeNull();
    expect(row.legalBasisSealed?.toString('latin1')).not.toContain('Lindesberg');
    const read = await as(env, coordinator).get(`${world.base}/decisions`);
    expect(read.json().decisions[0]).toMatchObject({ reasons, extent, legalBasis });
    expect((await eventsOf(read)).map((event) => event.action)).toEqual(['decision.read']);
  });

  it('seals a legal basis written in clear before it was encrypted, also of a decided decision, which stays final', async () => {
    const world = await newWorld();
    const initiated = await initiate(world, money(2_000));
    // The application role can no longer write a legal basis in clear.
    const asApp = new AccessContext(env.database.db, {
      userId: coordinator.id, organisationId: municipality, organisationType: 'municipality', roles: ['coordinator'], name: 'Samordnare', email: coordinator.email,
    }, 'test');
    await expect(asApp.run((scope) => scope.trx.insertInto('decisions').values({
      caseId: world.caseId, type: 'other_assistance', legalBasis: 'I klartext', reasons: Buffer.from('x'), extent: Buffer.from('x'),
      periodFrom: '2026-03-01', initiatedBy: coordinator.id,
    }).execute())).rejects.toThrow(/stored encrypted/);
    // A decision decided the way it was stored before migration 0022, with the legal basis in clear.
    const decided = await as(env, delegate).post(`${world.base}/decisions/${initiated.id}/decide`, { version: initiated.version, outcome: 'granted' });
    expectStatus(decided, 200);
    await sql`alter table decisions disable trigger decisions_guard`.execute(env.database.db);
    try {
      await env.database.db.updateTable('decisions').set({ legalBasis: 'Socialtjänstlagen, ekonomiskt bistånd (äldre beslut)', legalBasisSealed: null })
        .where('id', '=', initiated.id).execute();
    } finally {
      await sql`alter table decisions enable trigger decisions_guard`.execute(env.database.db);
    }

    expect(await sealClearTexts(env.database.db, env.keyring)).toBe(1);
    const row = await decisionRow(initiated.id);
    expect(row.legalBasis).toBeNull();
    expect(row.legalBasisSealed?.toString('latin1')).not.toContain('bistånd');
    expect(row.status).toBe('decided');
    const read = await as(env, coordinator).get(`${world.base}/decisions`);
    expect(read.json().decisions.find((each: { id: string }) => each.id === initiated.id))
      .toMatchObject({ legalBasis: 'Socialtjänstlagen, ekonomiskt bistånd (äldre beslut)', status: 'decided' });
    // Sealed once; a second start has nothing left to do; the decided decision stays final, its sealed legal basis included.
    expect(await sealClearTexts(env.database.db, env.keyring)).toBe(0);
    await expect(env.database.db.updateTable('decisions').set({ legalBasisSealed: Buffer.from('x') }).where('id', '=', initiated.id).execute())
      .rejects.toThrow(/final/);
  });

  it('says why the encrypted columns are sensitive', async () => {
    const comments = await sql<{ column: string; comment: string | null }>`
      select c.column_name as column, col_description('decisions'::regclass, c.ordinal_position) as comment
      from information_schema.columns c where c.table_name = 'decisions' and c.data_type = 'bytea'`.execute(env.database.db);
    expect(comments.rows.map((row) => row.column).sort()).toEqual(['extent', 'legal_basis_sealed', 'reasons']);
    for (const row of comments.rows) expect(row.comment, row.column).toMatch(/Encrypted/);
  });
});
