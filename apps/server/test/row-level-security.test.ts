/**
 * Row-level security under the application role, below the access context: even a query that forgot
 * every filter sees only the tenant of the organisation the request set, and nothing when it set none.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../src/db/database';
import { addMemberWithoutConsent, anonymousCase, as, expectStatus, makeUser, organisations, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
let organisationA: string;
let organisationB: string;
/** Owned by A. */
let caseA: string;
/** Owned by B, with nobody from A on it. */
let caseB: string;
/** Owned by B, with a member from A on its team: in A's tenant too. */
let caseShared: string;

const caseTables = ['cases', 'participants', 'consents', 'caseTeamMembers'] as const;

/** Runs `work` as the application role, with the organisation setting only when one is given. */
function asAppRole<T>(organisationId: string | null, work: (trx: Tx) => Promise<T>): Promise<T> {
  return env.database.db.transaction().execute(async (trx) => {
    await sql`select set_config('role', 'utvag_app', true)`.execute(trx);
    if (organisationId) await sql`select set_config('utvag.organisation_id', ${organisationId}, true)`.execute(trx);
    return work(trx);
  });
}

async function ids(trx: Tx, table: (typeof caseTables)[number]): Promise<string[]> {
  return (await trx.selectFrom(table).select('id').execute()).map((row) => row.id).sort();
}

async function caseIdsOf(trx: Tx, table: 'consents' | 'caseTeamMembers'): Promise<string[]> {
  return [...new Set((await trx.selectFrom(table).select('caseId').execute()).map((row) => row.caseId))].sort();
}

beforeAll(async () => {
  env = await testEnv();
  organisationA = await organisations.municipality(env, '1880');
  organisationB = await organisations.municipality(env, '0180');
  const region = await organisations.region(env);
  const coordinatorA = await makeUser(env, organisationA, ['coordinator']);
  const memberA = await makeUser(env, organisationA, ['team_member']);
  const coordinatorB = await makeUser(env, organisationB, ['coordinator']);

  const open = async (coordinator: typeof coordinatorA) => {
    const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase());
    expectStatus(created, 201);
    const caseId: string = created.json().id;
    const consent = { recipientOrganisationId: region, categories: ['health'], purposes: ['coordination'], form: 'written', givenOn: '2024-01-01' };
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, consent), 201);
    return caseId;
  };
  caseA = await open(coordinatorA);
  caseB = await open(coordinatorB);
  caseShared = await open(coordinatorB);
  // Organisation A has no consent on the shared case: its member is put on the team as one whose consent lapsed.
  await addMemberWithoutConsent(env, caseShared, memberA, 'team_member', coordinatorB);
});
afterAll(async () => { await env?.close(); });

describe('row-level security for the application role', () => {
  it('the migrating role sees the rows that exist', async () => {
    const db = env.database.db;
    expect((await db.selectFrom('cases').select('id').execute()).map((row) => row.id).sort()).toEqual([caseA, caseB, caseShared].sort());
    expect(await db.selectFrom('participants').select('id').execute()).toHaveLength(3);
    expect(await db.selectFrom('consents').select('id').execute()).toHaveLength(3);
    expect(await db.selectFrom('caseTeamMembers').select('id').execute()).toHaveLength(4);
  });

  it('without the request settings, a query on the case tables sees no rows', async () => {
    await asAppRole(null, async (trx) => {
      const { rows } = await sql<{ role: string }>`select current_user as role`.execute(trx);
      expect(rows[0]?.role).toBe('utvag_app');
      for (const table of caseTables) expect(await ids(trx, table), table).toEqual([]);
      expect(await trx.selectFrom('emergencyAccessGrants').select('id').execute()).toEqual([]);
    });
  });

  it('with organisation A set, it sees A\'s tenant: A\'s cases and those with A on the team, never B\'s own', async () => {
    const participantsOfTenant = await env.database.db.selectFrom('cases').select('participantId').where('id', 'in', [caseA, caseShared]).execute();
    await asAppRole(organisationA, async (trx) => {
      expect(await ids(trx, 'cases')).toEqual([caseA, caseShared].sort());
      expect(await caseIdsOf(trx, 'consents')).toEqual([caseA, caseShared].sort());
      expect(await caseIdsOf(trx, 'caseTeamMembers')).toEqual([caseA, caseShared].sort());
      expect(await ids(trx, 'participants')).toEqual(participantsOfTenant.map((row) => row.participantId).sort());
    });
  });

  it('with organisation B set, it sees B\'s cases and not A\'s', async () => {
    await asAppRole(organisationB, async (trx) => {
      expect(await ids(trx, 'cases')).toEqual([caseB, caseShared].sort());
      expect(await caseIdsOf(trx, 'consents')).toEqual([caseB, caseShared].sort());
    });
  });

  it('cannot write a case into another organisation\'s tenant', async () => {
    const creator = await env.database.db.selectFrom('users').select('id').where('organisationId', '=', organisationB).executeTakeFirstOrThrow();
    const participant = await env.database.db.selectFrom('cases').select('participantId').where('id', '=', caseB).executeTakeFirstOrThrow();
    await expect(asAppRole(organisationA, (trx) => trx.insertInto('cases')
      .values({ program: 'exit_program', ownerOrganisationId: organisationB, participantId: participant.participantId, createdBy: creator.id })
      .execute())).rejects.toThrow(/row-level security/);
    // And rows outside the tenant cannot be changed: the update finds nothing to change.
    const updated = await asAppRole(organisationA, (trx) => trx.updateTable('cases').set({ status: 'closed' }).where('id', '=', caseB).executeTakeFirst());
    expect(updated.numUpdatedRows).toBe(0n);
    expect((await env.database.db.selectFrom('cases').select('status').where('id', '=', caseB).executeTakeFirstOrThrow()).status).toBe('contact');
  });

  it('lets an organisation see team rows only of its tenant: its own members removed from another\'s case stay hidden, and it cannot add itself', async () => {
    const memberOfA = await env.database.db.selectFrom('users').select('id').where('organisationId', '=', organisationA).executeTakeFirstOrThrow();
    const adder = await env.database.db.selectFrom('users').select('id').where('organisationId', '=', organisationB).executeTakeFirstOrThrow();
    // Once on B's own case, since removed: the case is not in A's tenant, so not even A's own row of it shows.
    await env.database.db.insertInto('caseTeamMembers')
      .values({ caseId: caseB, userId: memberOfA.id, organisationId: organisationA, teamRole: 'team_member', addedBy: adder.id, removedBy: adder.id, removedAt: new Date() })
      .execute();
    await asAppRole(organisationA, async (trx) => {
      expect(await caseIdsOf(trx, 'caseTeamMembers')).toEqual([caseA, caseShared].sort());
      // Every member of the shared case shows, B's included, through A's current member.
      expect(await trx.selectFrom('caseTeamMembers').select('organisationId').where('caseId', '=', caseShared).where('removedAt', 'is', null).execute())
        .toEqual(expect.arrayContaining([{ organisationId: organisationA }, { organisationId: organisationB }]));
    });
    await expect(asAppRole(organisationA, (trx) => trx.insertInto('caseTeamMembers')
      .values({ caseId: caseB, userId: memberOfA.id, organisationId: organisationA, teamRole: 'team_member', addedBy: memberOfA.id })
      .execute())).rejects.toThrow(/row-level security/);
  });
  it('keeps the copy of its case\'s owner on every team, consent and plan row true, whatever a statement writes, so it opens no case to another organisation', async () => {
    const db = env.database.db;
    const tables = ['caseTeamMembers', 'consents', 'planVersions'] as const;
    const ownersOf = async (caseId: string) => Object.fromEntries(await Promise.all(tables.map(async (table) =>
      [table, [...new Set((await db.selectFrom(table).select('caseOwnerOrganisationId').where('caseId', '=', caseId).execute())
        .map((row) => row.caseOwnerOrganisationId))]])));
    const everyRow = (owner: string) => Object.fromEntries(tables.map((table) => [table, [owner]]));
    const visibleToA = (caseId: string) => asAppRole(organisationA, async (trx) =>
      Object.fromEntries(await Promise.all(tables.map(async (table) =>
        [table, (await trx.selectFrom(table).select('caseId').where('caseId', '=', caseId).execute()).length > 0]))));
    const coordinatorB = await db.selectFrom('cases').select('coordinatorUserId').where('id', '=', caseB).executeTakeFirstOrThrow();
    await db.insertInto('planVersions').values({ caseId: caseB, number: 1, content: Buffer.from('x'), createdBy: coordinatorB.coordinatorUserId! }).execute();
    expect(await ownersOf(caseB)).toEqual(everyRow(organisationB));

    // A row written naming another owner is set from the case all the same, by the application role or the owning role.
    const mentor = await makeUser(env, organisationA, ['team_member']);
    await asAppRole(organisationA, (trx) => trx.insertInto('caseTeamMembers')
      .values({ caseId: caseA, userId: mentor.id, organisationId: organisationA, teamRole: 'mentor', addedBy: mentor.id, caseOwnerOrganisationId: organisationB })
      .execute());
    expect((await ownersOf(caseA)).caseTeamMembers).toEqual([organisationA]);
    for (const table of tables) await db.updateTable(table).set({ caseOwnerOrganisationId: organisationA }).where('caseId', '=', caseB).execute();
    expect(await ownersOf(caseB)).toEqual(everyRow(organisationB));
    expect(await visibleToA(caseB)).toEqual({ caseTeamMembers: false, consents: false, planVersions: false });

    // A change of owner (as a transfer makes) reaches every row of the case, and back.
    await db.updateTable('cases').set({ ownerOrganisationId: organisationA }).where('id', '=', caseB).execute();
    expect(await ownersOf(caseB)).toEqual(everyRow(organisationA));
    expect(await visibleToA(caseB)).toEqual({ caseTeamMembers: true, consents: true, planVersions: true });
    await db.updateTable('cases').set({ ownerOrganisationId: organisationB }).where('id', '=', caseB).execute();
    expect(await ownersOf(caseB)).toEqual(everyRow(organisationB));
    expect(await visibleToA(caseB)).toEqual({ caseTeamMembers: false, consents: false, planVersions: false });
  });
});

describe('row-level security on a case\'s own records, such as its journal', () => {
  it('shows them exactly for the cases of the tenant, hides them without settings, and refuses them in another tenant', async () => {
    const db = env.database.db;
    const authorOf = async (organisationId: string) =>
      (await db.selectFrom('users').select('id').where('organisationId', '=', organisationId).executeTakeFirstOrThrow()).id;
    const entry = (caseId: string, organisationId: string, author: string) =>
      ({ caseId, organisationId, authorUserId: author, category: 'health', body: Buffer.from('ciphertext stand-in') });
    const authorA = await authorOf(organisationA);
    const authorB = await authorOf(organisationB);
    await db.insertInto('journalEntries').values([entry(caseA, organisationA, authorA), entry(caseB, organisationB, authorB), entry(caseShared, organisationB, authorB)]).execute();
    const journalCases = async (trx: Tx) =>
      [...new Set((await trx.selectFrom('journalEntries').select('caseId').execute()).map((row) => row.caseId))].sort();
    // A owns caseA and has a current member on caseShared; caseB is B's alone.
    expect(await asAppRole(organisationA, journalCases)).toEqual([caseA, caseShared].sort());
    expect(await asAppRole(organisationB, journalCases)).toEqual([caseB, caseShared].sort());
    expect(await asAppRole(null, journalCases)).toEqual([]);
    // Writing follows the same rule: into its own tenant, yes; into B's own case, never.
    await asAppRole(organisationA, (trx) => trx.insertInto('journalEntries').values(entry(caseShared, organisationA, authorA)).execute());
    await expect(asAppRole(organisationA, (trx) => trx.insertInto('journalEntries').values(entry(caseB, organisationA, authorA)).execute()))
      .rejects.toThrow(/row-level security/);
    // A member removed from the shared case takes the case out of A's tenant, and its records with it.
    await db.updateTable('caseTeamMembers').set({ removedAt: new Date(), removedBy: authorB })
      .where('caseId', '=', caseShared).where('organisationId', '=', organisationA).execute();
    try {
      expect(await asAppRole(organisationA, journalCases)).toEqual([caseA]);
    } finally {
      await db.updateTable('caseTeamMembers').set({ removedAt: null, removedBy: null })
        .where('caseId', '=', caseShared).where('organisationId', '=', organisationA).execute();
    }
  });
});

describe('the audit log for the application role', () => {
  it('may be appended to and read', async () => {
    await asAppRole(organisationA, async (trx) => {
      await trx.insertInto('auditEvents').values({ action: 'test.append', organisationId: organisationA }).execute();
      expect(await trx.selectFrom('auditEvents').select('action').where('action', '=', 'test.append').execute()).toHaveLength(1);
    });
  });

  it('may not be updated or deleted', async () => {
    const before = await env.database.db.selectFrom('auditEvents').select(['id', 'action', 'caseId']).orderBy('id').execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(asAppRole(organisationA, (trx) => trx.updateTable('auditEvents').set({ action: 'case.nothing_to_see' }).execute()))
      .rejects.toThrow(/permission denied/);
    await expect(asAppRole(organisationA, (trx) => trx.deleteFrom('auditEvents').execute())).rejects.toThrow(/permission denied/);
    await expect(asAppRole(null, (trx) => trx.deleteFrom('auditEvents').where('caseId', '=', caseA).execute())).rejects.toThrow(/permission denied/);
    expect(await env.database.db.selectFrom('auditEvents').select(['id', 'action', 'caseId']).orderBy('id').execute()).toEqual(before);
  });

  it('is append-only even for the owning role, by trigger', async () => {
    await expect(env.database.db.deleteFrom('auditEvents').execute()).rejects.toThrow(/append-only/);
    await expect(env.database.db.updateTable('auditEvents').set({ action: 'case.nothing_to_see' }).execute()).rejects.toThrow(/append-only/);
  });
});
