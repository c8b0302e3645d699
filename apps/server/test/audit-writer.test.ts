import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessContext } from '../src/access/context';
import { auditWriterOf, AuditWriter } from '../src/audit/writer';
import { oneBlockOf } from '../src/db/database';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';

/**
 * The events of reads are written by the process's AuditWriter, many requests' in one transaction, and
 * a read answers only once its events are committed. A read's own transaction may not write.
 */
describe('the audit events of reads', () => {
  let env: TestEnv;
  let coordinator: TestUser;
  let caseId: string;
  beforeAll(async () => {
    env = await testEnv();
    const municipality = await organisations.municipality(env);
    coordinator = await makeUser(env, municipality, ['coordinator']);
    const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase('Lärkträd'), { 'idempotency-key': randomUUID() });
    expectStatus(created, 201);
    caseId = created.json<{ id: string }>().id;
  });
  afterAll(async () => env.close());

  const eventsOf = async (requestId: string) =>
    env.database.db.selectFrom('auditEvents').select(['action', 'caseId', 'txid']).where('requestId', '=', requestId).execute();
  const context = (requestId: string) => new AccessContext(env.database.db, {
    userId: coordinator.id, organisationId: coordinator.organisationId, organisationType: 'municipality', roles: ['coordinator'], name: 'x', email: coordinator.email,
  }, requestId);

  it('commits a read\'s events before the read answers, outside the read\'s transaction', async () => {
    const requestId = `read-${randomUUID()}`;
    const { readTxid, value } = await context(requestId).read(async (scope) => {
      await scope.audit([{ action: 'case.read', caseId }]);
      const txid = await sql<{ txid: string; readOnly: string }>`select pg_current_xact_id_if_assigned()::text as txid,
        current_setting('transaction_read_only') as read_only`.execute(scope.trx);
      expect(txid.rows[0]!.readOnly).toBe('on');
      return { readTxid: txid.rows[0]!.txid, value: 42 };
    });
    expect(value).toBe(42);
    // The read's transaction wrote nothing, so it was given no transaction id; the event came in another.
    expect(readTxid).toBeNull();
    const events = await eventsOf(requestId);
    expect(events).toEqual([{ action: 'case.read', caseId, txid: expect.any(String) }]);
  });

  it('refuses a write in a read\'s transaction, and records nothing for it', async () => {
    const requestId = `read-${randomUUID()}`;
    await expect(context(requestId).read(async (scope) => {
      await scope.audit([{ action: 'case.read', caseId }]);
      await scope.trx.updateTable('cases').set({ entryChannel: 'outreach' }).where('id', '=', caseId).execute();
    })).rejects.toThrow(/read-only transaction/);
    expect(await eventsOf(requestId)).toEqual([]);
    const row = await env.database.db.selectFrom('cases').select('entryChannel').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.entryChannel).toBeNull();
    // The connection is whole afterwards: a write through `run` still writes.
    await context(`run-${randomUUID()}`).run(async (scope) => {
      await scope.trx.updateTable('cases').set({ entryChannel: 'outreach' }).where('id', '=', caseId).execute();
    });
    const changed = await env.database.db.selectFrom('cases').select('entryChannel').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(changed.entryChannel).toBe('outreach');
  });

  it('writes the events handed in during one turn in one transaction, and those of the next turn in another', async () => {
    const writer = new AuditWriter(env.database.db);
    const write = (requestId: string) =>
      writer.write({ userId: coordinator.id, organisationId: coordinator.organisationId, role: 'coordinator', requestId }, [{ action: 'case.read', caseId }]);
    const firstTurn = Array.from({ length: 6 }, () => `batch-${randomUUID()}`);
    const nextTurn = Array.from({ length: 6 }, () => `batch-${randomUUID()}`);
    const first = firstTurn.map(write);
    // The first batch goes out at the end of this turn; the next is handed in after it has gone.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([...first, ...nextTurn.map(write)]);
    const events = await env.database.db.selectFrom('auditEvents').select(['requestId', 'txid'])
      .where('requestId', 'in', [...firstTurn, ...nextTurn]).execute();
    expect(events.map((event) => event.requestId).sort()).toEqual([...firstTurn, ...nextTurn].sort());
    const txidsOf = (requestIds: string[]) => new Set(events.filter((event) => requestIds.includes(event.requestId!)).map((event) => event.txid));
    expect(txidsOf(firstTurn).size).toBe(1);
    expect(txidsOf(nextTurn).size).toBe(1);
    expect([...txidsOf(firstTurn)][0]).not.toBe([...txidsOf(nextTurn)][0]);
  });

  it('fails only the request whose events cannot be written when a batch fails', async () => {
    const writer = new AuditWriter(env.database.db);
    const actor = (requestId: string) => ({ userId: coordinator.id, organisationId: coordinator.organisationId, role: 'coordinator', requestId });
    const first = `first-${randomUUID()}`;
    const good = `good-${randomUUID()}`;
    const bad = `bad-${randomUUID()}`;
    const results = await Promise.allSettled([
      writer.write(actor(first), [{ action: 'case.read', caseId }]),
      writer.write(actor(good), [{ action: 'case.read', caseId }]),
      writer.write(actor(bad), [{ action: 'case.read', caseId: 'not a case id' }]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(await eventsOf(first)).toHaveLength(1);
    expect(await eventsOf(good)).toHaveLength(1);
    expect(await eventsOf(bad)).toHaveLength(0);
    // The writer goes on after a failure.
    const after = `after-${randomUUID()}`;
    await writer.write(actor(after), [{ action: 'case.read', caseId }]);
    expect(await eventsOf(after)).toHaveLength(1);
  });

  it('sends no data when a read\'s events cannot be written', async () => {
    const writer = auditWriterOf(env.database.db);
    const write = writer.write.bind(writer);
    writer.write = () => Promise.reject(new Error('the audit log is unavailable'));
    try {
      const response = await as(env, coordinator).get(`/api/v1/cases/${caseId}`);
      expect(response.statusCode).toBeGreaterThanOrEqual(500);
      expect(response.body).not.toContain('Lärkträd');
    } finally {
      writer.write = write;
    }
    const response = await as(env, coordinator).get(`/api/v1/cases/${caseId}`);
    expectStatus(response, 200);
    expect(response.body).toContain('Lärkträd');
    const requestId = response.headers['x-request-id'] as string;
    expect((await eventsOf(requestId)).map((event) => event.action)).toContain('case.read');
  });

  it('runs again as an ordinary read when its work needs a second statement, and leaves one set of audit events', async () => {
    const requestId = `read-${randomUUID()}`;
    let tries = 0;
    const status = await context(requestId).readInOneStatement(async (scope) => {
      tries += 1;
      const loaded = await scope.requireCase(caseId);
      await scope.auditCase(loaded, 'case.read');
      const row = await scope.trx.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow();
      return row.status;
    });
    expect(status).toBe('contact');
    // On PostgreSQL the first try went as one block and stopped at the second statement; PGlite reads at once.
    expect(tries).toBe(oneBlockOf(env.database.db) === env.database.db ? 1 : 2);
    const events = await env.database.db.selectFrom('auditEvents').select('action').where('requestId', '=', requestId).execute();
    expect(events).toEqual([{ action: 'case.read' }]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('goes to the shared connections on PostgreSQL', () => {
    expect(oneBlockOf(env.database.db)).toBe(env.database.oneBlock);
    expect(env.database.oneBlock).not.toBe(env.database.db);
  });
});
