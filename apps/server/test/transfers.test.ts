/**
 * Moving a case to another municipality: the request, the minimal summary the receiving side sees
 * before accepting, acceptance in one transaction (the case, its whole history and the participant
 * pass over; the sending organisation loses all access at once), decline, withdraw, stale versions,
 * a third municipality that sees nothing, and the audit events.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let sending: string;
let receiving: string;
let third: string;
let region: string;
let coordinator: TestUser;
let sendingMember: TestUser;
let sendingManager: TestUser;
let receivingCoordinator: TestUser;
let receivingNewCoordinator: TestUser;
let receivingTeamMember: TestUser;
let thirdCoordinator: TestUser;
let regionMember: TestUser;


const identity = { firstName: 'Amira', lastName: 'Hassansdotter', phone: '0701234567', address: 'Gamla gatan 1, Örebro' };
const newAddress = 'Nya vägen 99, Umeå';
const moveReason = 'Personen flyttar för sin säkerhet.';

const subResources = ['', '/course', '/team', '/consents', '/journal', '/plan', '/plan/versions', '/meetings', '/decisions', '/transfers', '/access-log', '/costs'];

beforeAll(async () => {
  env = await testEnv();
  sending = await organisations.municipality(env, '1880');
  receiving = await organisations.municipality(env, '2480');
  third = await organisations.municipality(env, '0180');
  region = await organisations.region(env);
  coordinator = await makeUser(env, sending, ['coordinator']);
  sendingMember = await makeUser(env, sending, ['team_member']);
  sendingManager = await makeUser(env, sending, ['manager']);
  receivingCoordinator = await makeUser(env, receiving, ['coordinator']);
  receivingNewCoordinator = await makeUser(env, receiving, ['coordinator']);
  receivingTeamMember = await makeUser(env, receiving, ['team_member']);
  thirdCoordinator = await makeUser(env, third, ['coordinator', 'manager']);
  regionMember = await makeUser(env, region, ['team_member']);
});
afterAll(async () => { await env?.close(); });

/** A case with a participant's identity and contact details, a team, consent, a journal entry, a plan, a course step and a meeting. */
async function caseWithHistory(): Promise<string> {
  const created = await as(env, coordinator).post('/api/v1/cases', {
    ...anonymousCase('Tranan'), participant: { ...anonymousCase('Tranan').participant, ...identity },
  });
  expectStatus(created, 201);
  const caseId: string = created.json().id;
  expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/team`, { userId: sendingMember.id, teamRole: 'team_member' }), 201);
  expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, {
    recipientOrganisationId: region, categories: ['health'], purposes: ['coordination'], form: 'written', givenOn: today(),
  }), 201);
  expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/team`, { userId: regionMember.id, teamRole: 'team_member' }), 201);
  expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/journal`, { category: 'health', body: 'Första samtalet.', sign: true }), 201);
  expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`), 201);
  expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/transitions`, { version: 1, to: 'assessment' }), 200);
  const start = new Date(Date.now() + 86_400_000);
  expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/meetings`, {
    startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), participantAttends: true, attendeeUserIds: [sendingMember.id], agenda: 'Dagordning.',
  }), 201);
  return caseId;
}

async function requestMove(caseId: string, user = coordinator, to = receiving) {
  const response = await as(env, user).post(`/api/v1/cases/${caseId}/transfers`, { receivingOrganisationId: to, reason: moveReason }, { 'idempotency-key': `transfer-${randomUUID()}` });
  return response;
}

async function incoming(user: TestUser) {
  const response = await as(env, user).get('/api/v1/transfers/incoming');
  expectStatus(response, 200);
  return response.json().transfers as Record<string, unknown>[];
}

async function auditActions(caseId: string, userId: string): Promise<string[]> {
  const rows = await env.database.db.selectFrom('auditEvents').select('action').where('caseId', '=', caseId).where('actorUserId', '=', userId).execute();
  return rows.map((row) => row.action);
}

describe('a transfer that is accepted', () => {
  it('shows the receiver only a minimal summary, then moves the case and its whole history, and ends the sender\'s access', async () => {
    const caseId = await caseWithHistory();
    const requested = await requestMove(caseId);
    expectStatus(requested, 201);
    expect(requested.json()).toMatchObject({ caseId, status: 'requested', version: 1, fromOrganisation: { id: sending }, toOrganisation: { id: receiving } });
    const transferId: string = requested.json().id;
    // The reason is encrypted at rest.
    const stored = await env.database.db.selectFrom('caseTransfers').select('reason').where('id', '=', transferId).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.reason!).toString('utf8')).not.toContain('säkerhet');

    // Before accepting: the receiver sees alias, program and status only, and nothing of the case itself.
    const list = await incoming(receivingCoordinator);
    const summary = list.find((transfer) => transfer.id === transferId)!;
    expect(summary).toMatchObject({ caseId, alias: 'Tranan', program: 'exit_program', caseStatus: 'assessment', reason: moveReason, fromOrganisation: { id: sending } });
    expect(Object.keys(summary).sort()).toEqual(['alias', 'caseId', 'caseStatus', 'fromOrganisation', 'id', 'program', 'reason', 'requestedAt', 'version']);
    const text = JSON.stringify(list);
    for (const value of Object.values(identity)) expect(text).not.toContain(value);
    for (const path of subResources) expectStatus(await as(env, receivingCoordinator).get(`/api/v1/cases/${caseId}${path}`), 404);
    // A team member of the receiving organisation has no incoming list to decide on, and may not decide.
    expect(await incoming(receivingTeamMember)).toEqual([]);
    expectStatus(await as(env, receivingTeamMember).post(`/api/v1/transfers/${transferId}/accept`, { version: 1, coordinatorUserId: receivingTeamMember.id }), 403);
    // A third municipality sees nothing.
    expect(await incoming(thirdCoordinator)).toEqual([]);
    expectStatus(await as(env, thirdCoordinator).post(`/api/v1/transfers/${transferId}/accept`, { version: 1, coordinatorUserId: thirdCoordinator.id }), 404);
    expectStatus(await as(env, thirdCoordinator).post(`/api/v1/transfers/${transferId}/decline`, { version: 1 }), 404);
    expectStatus(await as(env, thirdCoordinator).post(`/api/v1/transfers/${transferId}/withdraw`, { version: 1 }), 404);
    // Only a coordinator or manager of the receiving organisation may take over as coordinator.
    const wrongCoordinator = await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/accept`, { version: 1, coordinatorUserId: receivingTeamMember.id });
    expectStatus(wrongCoordinator, 422);
    expect(wrongCoordinator.json().error.code).toBe('transfer_coordinator_not_in_receiving_organisation');
    // A stale version changes nothing.
    const stale = await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/accept`, { version: 2, coordinatorUserId: receivingNewCoordinator.id });
    expectStatus(stale, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 1 } });
    expectStatus(await as(env, coordinator).get(`/api/v1/cases/${caseId}`), 200);

    const accepted = await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/accept`, { version: 1, coordinatorUserId: receivingNewCoordinator.id });
    expectStatus(accepted, 200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2 });
    expect(accepted.json().decidedAt).not.toBeNull();

    // The receiving organisation has the case with its whole history.
    const view = await as(env, receivingNewCoordinator).get(`/api/v1/cases/${caseId}`);
    expectStatus(view, 200);
    expect(view.json().participant).toMatchObject({ alias: 'Tranan', firstName: identity.firstName, address: identity.address });
    const course = (await as(env, receivingNewCoordinator).get(`/api/v1/cases/${caseId}/course`)).json();
    expect(course.changes.map((change: { toStatus: string }) => change.toStatus)).toEqual(['assessment']);
    const journal = await as(env, receivingNewCoordinator).get(`/api/v1/cases/${caseId}/journal`);
    expectStatus(journal, 200);
    expect(JSON.stringify(journal.json())).toContain('Första samtalet.');
    const plan = await as(env, receivingNewCoordinator).get(`/api/v1/cases/${caseId}/plan/versions`);
    expectStatus(plan, 200);
    expect(JSON.stringify(plan.json())).toContain('"number":1');
    expectStatus(await as(env, receivingNewCoordinator).get(`/api/v1/cases/${caseId}/meetings`), 200);
    const team = (await as(env, receivingNewCoordinator).get(`/api/v1/cases/${caseId}/team`)).json().members as { user: { id: string }; teamRole: string }[];
    expect(team.find((member) => member.teamRole === 'coordinator')?.user.id).toBe(receivingNewCoordinator.id);
    expect(team.map((member) => member.user.id)).not.toContain(coordinator.id);
    expect(team.map((member) => member.user.id)).not.toContain(sendingMember.id);
    const owner = await env.database.db.selectFrom('cases').innerJoin('participants', 'participants.id', 'cases.participantId')
      .select(['cases.ownerOrganisationId as caseOwner', 'participants.ownerOrganisationId as participantOwner', 'cases.coordinatorUserId'])
      .where('cases.id', '=', caseId).executeTakeFirstOrThrow();
    expect(owner).toEqual({ caseOwner: receiving, participantOwner: receiving, coordinatorUserId: receivingNewCoordinator.id });

    // The sending organisation's access ends at once, for everyone, on every sub-resource.
    for (const user of [coordinator, sendingMember, sendingManager]) {
      for (const path of subResources) expectStatus(await as(env, user).get(`/api/v1/cases/${caseId}${path}`), 404);
      const list = await as(env, user).get('/api/v1/cases');
      expect(JSON.stringify(list.json())).not.toContain(caseId);
    }
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/journal`, { category: 'health', body: 'Efter flytten.', sign: false }), 404);
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/transfers`, { receivingOrganisationId: third }), 404);

    // The new address, recorded after the move, is never visible to the old organisation.
    const current = view.json().version as number;
    expectStatus(await as(env, receivingNewCoordinator).patch(`/api/v1/cases/${caseId}`, { version: current, participant: { address: newAddress } }), 200);
    for (const user of [coordinator, sendingMember, sendingManager]) {
      for (const path of subResources) {
        const response = await as(env, user).get(`/api/v1/cases/${caseId}${path}`);
        expectStatus(response, 404);
        expect(response.body).not.toContain(newAddress);
      }
      expect((await as(env, user).get('/api/v1/cases')).body).not.toContain(newAddress);
      expect(JSON.stringify(await incoming(user))).not.toContain(caseId);
    }
    // The region member on the team keeps what the participant's consent shares.
    expectStatus(await as(env, regionMember).get(`/api/v1/cases/${caseId}`), 200);

    // Consents to the sending organisation are withdrawn as "transferred"; the region's remain.
    const consents = await env.database.db.selectFrom('consents').select(['recipientOrganisationId', 'withdrawnAt', 'withdrawalReason']).where('caseId', '=', caseId).execute();
    for (const consent of consents) expect(consent.withdrawnAt === null).toBe(consent.recipientOrganisationId !== sending);
    expect(await incoming(receivingCoordinator)).not.toContainEqual(expect.objectContaining({ id: transferId }));

    // Nothing further may happen to the accepted transfer.
    const again = await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/decline`, { version: 2 });
    expectStatus(again, 409);
    expect(again.json().error.code).toBe('transfer_not_pending');

    // Audit events for every step.
    expect(await auditActions(caseId, coordinator.id)).toContain('transfer.request');
    expect(await auditActions(caseId, receivingCoordinator.id)).toEqual(expect.arrayContaining(['transfer.incoming.read', 'transfer.accept']));
  });

  it('withdraws consents to the sending organisation with the reason "transferred"', async () => {
    const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase('Svalan'));
    const caseId: string = created.json().id;
    // A consent to the sending organisation itself, as one recorded for a shared service would be.
    await env.database.db.insertInto('consents').values({
      caseId, recipientOrganisationId: sending, categories: ['health'], excludedCategories: [], purposes: ['coordination'], form: 'written', givenOn: today(), validFrom: today(), recordedBy: coordinator.id,
    }).execute();
    const transferId: string = (await requestMove(caseId)).json().id;
    expectStatus(await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/accept`, { version: 1, coordinatorUserId: receivingCoordinator.id }), 200);
    const consent = await env.database.db.selectFrom('consents').select(['withdrawnAt', 'withdrawalReason']).where('caseId', '=', caseId).executeTakeFirstOrThrow();
    expect(consent.withdrawnAt).not.toBeNull();
    expect(consent.withdrawalReason).toBe('transferred');
  });
});

describe('a transfer that is declined or withdrawn', () => {
  it('leaves everything as it was when declined', async () => {
    const caseId = await caseWithHistory();
    const before = await env.database.db.selectFrom('cases').select(['ownerOrganisationId', 'coordinatorUserId', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow();
    const teamBefore = (await as(env, coordinator).get(`/api/v1/cases/${caseId}/team`)).json();
    const transferId: string = (await requestMove(caseId)).json().id;
    const stale = await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/decline`, { version: 5 });
    expectStatus(stale, 409);
    const declined = await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/decline`, { version: 1, reason: 'Vi har ingen plats just nu.' });
    expectStatus(declined, 200);
    expect(declined.json()).toMatchObject({ status: 'declined', version: 2 });
    const after = await env.database.db.selectFrom('cases').select(['ownerOrganisationId', 'coordinatorUserId', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect((await as(env, coordinator).get(`/api/v1/cases/${caseId}/team`)).json()).toEqual(teamBefore);
    for (const path of subResources) expectStatus(await as(env, receivingCoordinator).get(`/api/v1/cases/${caseId}${path}`), 404);
    expect(await incoming(receivingCoordinator)).not.toContainEqual(expect.objectContaining({ id: transferId }));
    const sendingView = (await as(env, coordinator).get(`/api/v1/cases/${caseId}/transfers`)).json().transfers;
    expect(sendingView).toEqual([expect.objectContaining({ id: transferId, status: 'declined' })]);
    expect(await auditActions(caseId, receivingCoordinator.id)).toContain('transfer.decline');
    // A new request may follow a declined one.
    expectStatus(await requestMove(caseId), 201);
  });

  it('may be withdrawn by the sender while pending, and then cannot be accepted', async () => {
    const caseId = await caseWithHistory();
    const transferId: string = (await requestMove(caseId)).json().id;
    expectStatus(await as(env, sendingMember).post(`/api/v1/transfers/${transferId}/withdraw`, { version: 1 }), 403);
    expectStatus(await as(env, coordinator).post(`/api/v1/transfers/${transferId}/withdraw`, { version: 3 }), 409);
    const withdrawn = await as(env, coordinator).post(`/api/v1/transfers/${transferId}/withdraw`, { version: 1 });
    expectStatus(withdrawn, 200);
    expect(withdrawn.json().status).toBe('withdrawn');
    expectStatus(await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/accept`, { version: 1, coordinatorUserId: receivingCoordinator.id }), 409);
    expect((await env.database.db.selectFrom('cases').select('ownerOrganisationId').where('id', '=', caseId).executeTakeFirstOrThrow()).ownerOrganisationId).toBe(sending);
    expect(await auditActions(caseId, coordinator.id)).toContain('transfer.withdraw');
  });
});

describe('notifications about a transfer', () => {
  async function kindsFor(user: TestUser, caseId: string): Promise<string[]> {
    const rows = await env.database.db.selectFrom('notifications').select('kind').where('userId', '=', user.id).where('caseId', '=', caseId).execute();
    return rows.map((row) => row.kind).sort();
  }

  it('tells the receiving deciders of a request, the new coordinator of an acceptance and the requester of the answer', async () => {
    const caseId = await caseWithHistory();
    const transferId: string = (await requestMove(caseId)).json().id;
    expect(await kindsFor(receivingCoordinator, caseId)).toEqual(['transfer_incoming']);
    expect(await kindsFor(receivingNewCoordinator, caseId)).toEqual(['transfer_incoming']);
    // Only those who may decide are told: not a team member there, not a third municipality.
    expect(await kindsFor(receivingTeamMember, caseId)).toEqual([]);
    expect(await kindsFor(thirdCoordinator, caseId)).toEqual([]);
    expectStatus(await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/accept`, { version: 1, coordinatorUserId: receivingNewCoordinator.id }), 200);
    expect(await kindsFor(receivingNewCoordinator, caseId)).toEqual(['transfer_coordinator', 'transfer_incoming']);
    expect(await kindsFor(coordinator, caseId)).toEqual(['transfer_accepted']);
  });

  it('tells the requester when the request is declined', async () => {
    const caseId = await caseWithHistory();
    const transferId: string = (await requestMove(caseId)).json().id;
    expectStatus(await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/decline`, { version: 1 }), 200);
    expect(await kindsFor(coordinator, caseId)).toEqual(['transfer_declined']);
  });
});

describe('the request rules', () => {
  it('names each broken rule and creates nothing', async () => {
    const caseId = await caseWithHistory();
    const own = await requestMove(caseId, coordinator, sending);
    expectStatus(own, 422);
    expect(own.json().error.code).toBe('transfer_to_own_organisation');
    const toRegion = await requestMove(caseId, coordinator, region);
    expectStatus(toRegion, 422);
    expect(toRegion.json().error.code).toBe('transfer_receiver_not_social_services');
    expectStatus(await requestMove(caseId, sendingMember), 403);
    expectStatus(await requestMove(caseId, thirdCoordinator), 404);
    expect(await env.database.db.selectFrom('caseTransfers').select('id').where('caseId', '=', caseId).execute()).toEqual([]);
    expectStatus(await requestMove(caseId, sendingManager), 201);
    const twice = await requestMove(caseId);
    expectStatus(twice, 409);
    expect(twice.json().error.code).toBe('transfer_already_pending');
  });

  it('answers a repeated request with the same Idempotency-Key with the same transfer', async () => {
    const caseId = await caseWithHistory();
    const key = { 'idempotency-key': `transfer-${randomUUID()}` };
    const body = { receivingOrganisationId: receiving };
    const first = await as(env, coordinator).post(`/api/v1/cases/${caseId}/transfers`, body, key);
    const second = await as(env, coordinator).post(`/api/v1/cases/${caseId}/transfers`, body, key);
    expectStatus(first, 201);
    expectStatus(second, 201);
    expect(second.json().id).toBe(first.json().id);
  });

  it('hides transfer rows from a third organisation even in the database', async () => {
    const caseId = await caseWithHistory();
    const transferId: string = (await requestMove(caseId)).json().id;
    const { sql } = await import('kysely');
    const seen = await env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${third}, true)`.execute(trx);
      return trx.selectFrom('caseTransfers').select('id').where('id', '=', transferId).execute();
    });
    expect(seen).toEqual([]);
  });

  it('keeps a decided transfer as it was, even against a direct database write', async () => {
    const caseId = await caseWithHistory();
    const transferId: string = (await requestMove(caseId)).json().id;
    const { db } = env.database;
    // The facts of a pending request do not change either.
    await expect(db.updateTable('caseTransfers').set({ toOrganisationId: third }).where('id', '=', transferId).execute()).rejects.toThrow(/does not change/);
    expectStatus(await as(env, receivingCoordinator).post(`/api/v1/transfers/${transferId}/decline`, { version: 1 }), 200);
    await expect(db.updateTable('caseTransfers').set({ status: 'accepted' }).where('id', '=', transferId).execute()).rejects.toThrow(/final/);
    await expect(db.deleteFrom('caseTransfers').where('id', '=', transferId).execute()).rejects.toThrow(/never deleted/);
    const row = await db.selectFrom('caseTransfers').select(['status', 'toOrganisationId']).where('id', '=', transferId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'declined', toOrganisationId: receiving });
  });
});
