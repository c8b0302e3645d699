/**
 * Costs on plan actions and the printable plan over HTTP against a real database: costs are added to
 * actions of the current plan, listed with totals per category, cancelled (never deleted), refused with
 * the rule named and nothing stored, read per the consent of the action's life area, and audited; the
 * printed plan shows what the reader may see, in Swedish with headings in the participant's language,
 * and no location for a person with protected identity.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessContext } from '../src/access/context';
import { sealClearTexts } from '../src/jobs/seal-clear-texts';
import { headingLanguage, printablePlan, renderPlanPdf } from '../src/plans/plan-pdf';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipalityId: string;
let regionId: string;
let coordinator: TestUser;
let nurse: TestUser;

const housingWords = 'Jag vill ha en egen lägenhet där ingen hittar mig';
const healthWords = 'Jag vill sova hela nätter igen';


beforeAll(async () => {
  env = await testEnv();
  municipalityId = await organisations.municipality(env);
  regionId = await organisations.region(env);
  coordinator = await makeUser(env, municipalityId, ['coordinator'], 'Samordnare');
  nurse = await makeUser(env, regionId, ['team_member'], 'Sjuksköterska');
});
afterAll(async () => { await env?.close(); });

interface World { caseId: string; base: string; housingAction: string; healthAction: string }

/** A case with an agreed plan: a housing goal and a health goal, one action each; the region may read health only. */
async function newWorld(participant: Record<string, unknown> = {}): Promise<World> {
  const body = anonymousCase('Tranan');
  const created = await as(env, coordinator).post('/api/v1/cases', { ...body, participant: { ...body.participant, ...participant } });
  expectStatus(created, 201);
  const caseId: string = created.json().id;
  const base = `/api/v1/cases/${caseId}`;
  expectStatus(await as(env, coordinator).post(`${base}/consents`, {
    recipientOrganisationId: regionId, categories: ['health'], purposes: ['care_planning'], form: 'written', givenOn: new Date().toISOString().slice(0, 10),
  }), 201);
  expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: nurse.id, teamRole: 'team_member' }), 201);
  const housingAction = randomUUID();
  const healthAction = randomUUID();
  const action = (id: string, description: string, organisationId: string) => ({
    id, description, responsibleOrganisationId: organisationId, responsibleUserId: null, startOn: '2026-03-01', endOn: '2026-05-01', status: 'planned', followUpOn: '2026-04-01',
  });
  expectStatus(await as(env, coordinator).post(`${base}/plan/versions`), 201);
  const saved = await env.app.inject({
    method: 'PUT', url: `${base}/plan/versions/1`, headers: { authorization: `Bearer ${coordinator.token}` }, payload: {
      version: 1,
      content: {
        followUpOn: '2026-09-01',
        goals: [
          { id: randomUUID(), lifeArea: 'protection_housing', participantWords: housingWords, professionalWords: 'Skyddat boende', actions: [action(housingAction, 'Ansöka om skyddat boende', municipalityId)] },
          { id: randomUUID(), lifeArea: 'health', participantWords: healthWords, professionalWords: 'Traumabehandling', actions: [action(healthAction, 'Remiss till traumamottagning', regionId)] },
        ],
      },
    },
  });
  expectStatus(saved, 200);
  expectStatus(await as(env, coordinator).post(`${base}/plan/versions/1/agree`, { version: 2, agreedOn: '2026-02-20', agreementForm: 'in_meeting' }), 200);
  return { caseId, base, housingAction, healthAction };
}

async function eventsOf(response: LightMyRequestResponse) {
  return env.database.db.selectFrom('auditEvents').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).execute();
}
const costRows = (caseId: string) => env.database.db.selectFrom('actionCosts').selectAll().where('caseId', '=', caseId).execute();

describe('costs on plan actions', () => {
  it('adds, lists with totals per category, and cancels costs, auditing each', async () => {
    const world = await newWorld();
    const key = `cost-${randomUUID()}`;
    const travel = { actionId: world.housingAction, amount: 450, category: 'travel', incurredOn: '2026-03-02' };
    const added = await as(env, coordinator).post(`${world.base}/costs`, travel, { 'idempotency-key': key });
    expectStatus(added, 201);
    expect(added.json()).toMatchObject({ ...travel, lifeArea: 'protection_housing', periodFrom: null, periodTo: null, createdBy: { id: coordinator.id }, cancelled: null });
    expect((await eventsOf(added)).map((event) => event.action)).toEqual(['cost.add']);
    // The same key and body again answers with the same cost, and stores nothing new.
    const replay = await as(env, coordinator).post(`${world.base}/costs`, travel, { 'idempotency-key': key });
    expectStatus(replay, 201);
    expect(replay.json().id).toBe(added.json().id);

    expectStatus(await as(env, coordinator).post(`${world.base}/costs`, { actionId: world.housingAction, amount: 24_000, category: 'protected_housing', periodFrom: '2026-03-01', periodTo: '2026-03-31' }), 201);
    expectStatus(await as(env, coordinator).post(`${world.base}/costs`, { actionId: world.healthAction, amount: 800, category: 'interpreter', incurredOn: '2026-03-05' }), 201);
    const extra = await as(env, coordinator).post(`${world.base}/costs`, { actionId: world.healthAction, amount: 300, category: 'travel', incurredOn: '2026-03-06' });
    expectStatus(extra, 201);

    const list = await as(env, coordinator).get(`${world.base}/costs`);
    expectStatus(list, 200);
    expect(list.json().costs).toHaveLength(4);
    expect(list.json()).toMatchObject({
      canAdd: true, total: 25_550,
      totals: [{ category: 'protected_housing', amount: 24_000, count: 1 }, { category: 'interpreter', amount: 800, count: 1 }, { category: 'travel', amount: 750, count: 2 }],
    });
    expect((await eventsOf(list)).map((event) => event.action)).toEqual(['cost.read']);

    const cancelled = await as(env, coordinator).post(`${world.base}/costs/${extra.json().id}/cancel`, { reason: 'Registrerad två gånger' });
    expectStatus(cancelled, 200);
    expect(cancelled.json().cancelled).toMatchObject({ by: { id: coordinator.id }, reason: 'Registrerad två gånger' });
    expect((await eventsOf(cancelled)).map((event) => event.action)).toEqual(['cost.cancel']);
    expectStatus(await as(env, coordinator).post(`${world.base}/costs/${extra.json().id}/cancel`, { reason: 'Igen' }), 409);
    // The reason is stored encrypted: neither column holds it in clear.
    const stored = (await costRows(world.caseId)).find((row) => row.id === extra.json().id)!;
    expect(stored.cancelReason).toBeNull();
    expect(stored.cancelReasonSealed).not.toBeNull();
    expect(Buffer.from(stored.cancelReasonSealed!).toString('latin1')).not.toContain('Registrerad');

    const after = (await as(env, coordinator).get(`${world.base}/costs`)).json();
    expect(after.costs).toHaveLength(4);
    expect(after.total).toBe(25_250);
    expect(after.totals).toContainEqual({ category: 'travel', amount: 450, count: 1 });
    expect(await costRows(world.caseId)).toHaveLength(4);
  });

  it('seals a cancellation reason written in clear before reasons were encrypted, and keeps cancelled costs final', async () => {
    const world = await newWorld();
    const added = await as(env, coordinator).post(`${world.base}/costs`, { actionId: world.housingAction, amount: 300, category: 'travel', incurredOn: '2026-03-03' });
    expectStatus(added, 201);
    // A cost cancelled the way it was stored before migration 0018, with the reason in clear.
    const legacyId = randomUUID();
    await env.database.db.insertInto('actionCosts').values({
      id: legacyId, caseId: world.caseId, actionId: world.housingAction, lifeArea: 'protection_housing', amount: 500, category: 'travel',
      incurredOn: '2026-03-04', createdBy: coordinator.id, cancelledAt: new Date(), cancelledBy: coordinator.id, cancelReason: 'Flyttade till annan kommun',
    }).execute();
    // Nobody, not even the owning role, writes a reason in clear on a cancellation any more.
    await expect(env.database.db.updateTable('actionCosts')
      .set({ cancelledAt: new Date(), cancelledBy: coordinator.id, cancelReason: 'I klartext' }).where('id', '=', added.json().id).execute())
      .rejects.toThrow(/stored encrypted/);

    expect(await sealClearTexts(env.database.db, env.keyring)).toBe(1);
    const row = (await costRows(world.caseId)).find((each) => each.id === legacyId)!;
    expect(row.cancelReason).toBeNull();
    expect(row.cancelReasonSealed).not.toBeNull();
    const listed = (await as(env, coordinator).get(`${world.base}/costs`)).json();
    expect(listed.costs.find((cost: { id: string }) => cost.id === legacyId).cancelled).toMatchObject({ reason: 'Flyttade till annan kommun' });
    // Sealed once; a second start has nothing left to do.
    expect(await sealClearTexts(env.database.db, env.keyring)).toBe(0);
    // A cancelled cost stays final, its sealed reason included.
    await expect(env.database.db.updateTable('actionCosts').set({ cancelReasonSealed: Buffer.from('x') }).where('id', '=', legacyId).execute())
      .rejects.toThrow(/final/);
  });

  it('refuses a cost that breaks a rule with a 400 naming it, and stores nothing', async () => {
    const world = await newWorld();
    const base = { actionId: world.housingAction, amount: 100, category: 'other', incurredOn: '2026-03-02' };
    const cases: [Record<string, unknown>, string][] = [
      [{ actionId: randomUUID() }, 'unknown_action'],
      [{ amount: 0 }, 'amount_not_positive'],
      [{ amount: -200 }, 'amount_not_positive'],
      [{ incurredOn: null, periodFrom: '2026-03-31', periodTo: '2026-03-01' }, 'dates_out_of_order'],
      [{ incurredOn: null }, 'date_or_period_required'],
    ];
    for (const [overrides, code] of cases) {
      const response = await as(env, coordinator).post(`${world.base}/costs`, { ...base, ...overrides });
      expectStatus(response, 400);
      expect(response.json().error.code, code).toBe(code);
      expect(await eventsOf(response)).toEqual([]);
    }
    expect(await costRows(world.caseId)).toEqual([]);
    // Someone who may not edit the plan may not add costs to it.
    expectStatus(await as(env, nurse).post(`${world.base}/costs`, { ...base, actionId: world.healthAction }), 403);
    expect(await costRows(world.caseId)).toEqual([]);
  });

  it('shows a reader only the costs of actions in life areas they may read', async () => {
    const world = await newWorld();
    const housing = await as(env, coordinator).post(`${world.base}/costs`, { actionId: world.housingAction, amount: 24_000, category: 'protected_housing', periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    expectStatus(housing, 201);
    expectStatus(await as(env, coordinator).post(`${world.base}/costs`, { actionId: world.healthAction, amount: 800, category: 'treatment', incurredOn: '2026-03-05' }), 201);
    const seen = await as(env, nurse).get(`${world.base}/costs`);
    expectStatus(seen, 200);
    expect(seen.json()).toMatchObject({ canAdd: false, total: 800, totals: [{ category: 'treatment', amount: 800, count: 1 }] });
    expect(seen.json().costs.map((cost: { lifeArea: string }) => cost.lifeArea)).toEqual(['health']);
    expect(seen.body).not.toContain(world.housingAction);
    expectStatus(await as(env, nurse).post(`${world.base}/costs/${housing.json().id}/cancel`, { reason: 'Fel' }), 403);
    const stranger = await makeUser(env, await organisations.civilSociety(env), ['team_member']);
    expectStatus(await as(env, stranger).get(`${world.base}/costs`), 404);
  });
});

/** The text of an uncompressed pdfkit PDF written in a standard font: its TJ strings in WinAnsi (Latin-1). */
const textOf = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)]
    .map((match) => [...match[1]!.matchAll(/<([0-9a-f]+)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')).join(''))
    .join('\n');

const accessOf = (user: TestUser, organisationType: 'municipality' | 'region', roles: ('coordinator' | 'team_member')[]) => new AccessContext(env.database.db, {
  userId: user.id, organisationId: user.organisationId, organisationType, roles, name: 'Testperson', email: user.email,
}, randomUUID());

describe('the printable plan', () => {
  it('is a PDF, audited as plan.print', async () => {
    const world = await newWorld();
    const response = await as(env, coordinator).get(`${world.base}/plan/versions/1/plan.pdf?lang=ru`);
    expectStatus(response, 200);
    expect(response.headers['content-type']).toContain('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(response.rawPayload.subarray(-8).toString('latin1')).toContain('%%EOF');
    expect((await eventsOf(response)).map((event) => event.action)).toEqual(['plan.print']);
    expectStatus(await as(env, coordinator).get(`${world.base}/plan/versions/1/plan.pdf?lang=xx`), 400);
    expectStatus(await as(env, coordinator).get(`${world.base}/plan/versions/9/plan.pdf`), 404);
    const stranger = await makeUser(env, await organisations.civilSociety(env), ['team_member']);
    expectStatus(await as(env, stranger).get(`${world.base}/plan/versions/1/plan.pdf`), 404);
  });

  it('prints in Swedish the goals the reader may see and not the others', async () => {
    const world = await newWorld({ address: 'Öppna gatan 3' });
    const whole = textOf(await renderPlanPdf(await printablePlan(accessOf(coordinator, 'municipality', ['coordinator']), env.keyring, world.caseId, 1), { compress: false, fontPath: null }));
    for (const phrase of ['Min plan', 'Mina mål', 'Vad jag vill uppnå', 'Insatser', 'Ansvarig', 'Uppföljning', 'Överenskommen den', '2026-02-20',
      housingWords, healthWords, 'Ansöka om skyddat boende', 'Öppna gatan 3']) {
      expect(whole, phrase).toContain(phrase);
    }
    const limited = textOf(await renderPlanPdf(await printablePlan(accessOf(nurse, 'region', ['team_member']), env.keyring, world.caseId, 1), { compress: false, fontPath: null }));
    expect(limited).toContain(healthWords);
    expect(limited).toContain('Remiss till traumamottagning');
    expect(limited).not.toContain('egen lägenhet');
    expect(limited).not.toContain('skyddat boende');
    expect(limited).not.toContain('Öppna gatan');
  });

  it('prints no location for a person with protected identity', async () => {
    const world = await newWorld({ protectedIdentity: 'protected_registration', address: 'Hemliga vägen 7' });
    const plan = await printablePlan(accessOf(coordinator, 'municipality', ['coordinator']), env.keyring, world.caseId, 1);
    expect(plan.participantAddress).toBeNull();
    const text = textOf(await renderPlanPdf(plan, { compress: false, fontPath: null }));
    expect(text).not.toContain('Hemliga');
    expect(text).toContain('Tranan');
  });

  it('prints headings in the participant\'s language only with a font that shows them', async () => {
    const world = await newWorld();
    const plan = await printablePlan(accessOf(coordinator, 'municipality', ['coordinator']), env.keyring, world.caseId, 1);
    const english = textOf(await renderPlanPdf(plan, { compress: false, fontPath: null, lang: 'en' }));
    for (const phrase of ['My plan', 'My goals', 'What I want to achieve', 'Actions', 'Responsible', 'Follow-up', 'Agreed on', 'Mina mål', housingWords]) expect(english, phrase).toContain(phrase);
    const spanish = textOf(await renderPlanPdf(plan, { compress: false, fontPath: null, lang: 'es' }));
    expect(spanish).toContain('Mis objetivos');

    // Without a font for the script the headings fall back to Swedish, never to missing glyphs.
    for (const lang of ['ru', 'th', 'ar', 'pl'] as const) {
      expect(headingLanguage(lang, () => null)).toEqual({ lang: 'sv', fontPath: null });
      const text = textOf(await renderPlanPdf(plan, { compress: false, fontPath: null, lang, fontFor: () => null }));
      expect(text).toContain('Mina mål');
    }
    const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    if (existsSync(dejavu)) {
      expect(headingLanguage('ru', () => dejavu)).toEqual({ lang: 'ru', fontPath: dejavu });
      expect(headingLanguage('ar', () => dejavu)).toEqual({ lang: 'ar', fontPath: dejavu });
      // DejaVu Sans has no Thai: the headings stay Swedish.
      expect(headingLanguage('th', () => dejavu)).toEqual({ lang: 'sv', fontPath: null });
      const russian = await renderPlanPdf(plan, { compress: false, fontPath: null, lang: 'ru', fontFor: () => dejavu });
      expect(russian.toString('latin1')).toContain('FontFile2');
    }
  });
});
