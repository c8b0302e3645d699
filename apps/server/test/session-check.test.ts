import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowSecuritySettings } from '../src/access/context';
import { REMEMBER_MS, SESSION_CHECK_CALL, SessionCache, checksSessionInTransaction, sessionCheck } from '../src/auth/session-cache';
import type { Principal, RememberedSession } from '../src/auth/principal';
import { hashToken } from '../src/auth/tokens';
import { anonymousCase, as, countSocketWrites, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';
import { fullLogin, request, type Client } from './sessions';

/**
 * A session this server process has looked up within the last minute is not looked up again before a
 * request to a route whose data is reached only through its access context: the access context checks it
 * in the transaction's first write instead. These tests change the session and the account behind the
 * server's back, as another server process or an administrator would, and expect the very next request
 * to be stopped before it reads or writes anything.
 */

let env: TestEnv;
let org: string;
beforeAll(async () => {
  env = await testEnv();
  org = await organisations.municipality(env);
  // A route that answers without a transaction, in a scope whose routes check their session in one.
  await env.app.register(async (scope) => {
    checksSessionInTransaction(scope);
    scope.get('/api/v1/test/no-database', { config: { permission: 'authenticated' } }, async () => ({ ok: true }));
  });
});
afterAll(async () => { await env?.close(); });

interface Setup { user: TestUser; client: Client; caseId: string }

/** A coordinator with a case, logged in with a session that has served one request (so it is remembered). */
async function setup(): Promise<Setup> {
  const user = await makeUser(env, org, ['coordinator']);
  const created = await as(env, user).post('/api/v1/cases', anonymousCase('Sälg'));
  expect(created.statusCode, created.body).toBe(201);
  const client = await fullLogin(env, user);
  const first = await request(env, client, 'GET', `/api/v1/cases/${created.json().id}`);
  expect(first.statusCode, first.body).toBe(200);
  return { user, client, caseId: created.json().id };
}

const sessionId = (client: Client) => hashToken(client.cookie!);
const lastSeen = async (client: Client) =>
  (await env.database.db.selectFrom('sessions').select('lastSeenAt').where('id', '=', sessionId(client)).executeTakeFirstOrThrow()).lastSeenAt;
const setLastSeen = (client: Client, minutesAgo: number) =>
  sql`update sessions set last_seen_at = now() - make_interval(mins => ${minutesAgo}) where id = ${sessionId(client)}`.execute(env.database.db);
const eventsOf = (response: LightMyRequestResponse) =>
  env.database.db.selectFrom('auditEvents').select('action').where('requestId', '=', String(response.headers['x-request-id'])).execute();

describe('a remembered session', () => {
  it('serves a route that checks it in its transaction without a look-up; other routes look it up', async () => {
    const { client, caseId } = await setup();
    // The look-up marks the session as seen when it was last seen over a minute ago; the check does not.
    await setLastSeen(client, 5);
    const before = await lastSeen(client);
    const read = await request(env, client, 'GET', `/api/v1/cases/${caseId}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(await eventsOf(read)).toEqual([{ action: 'case.read' }]);
    expect(await lastSeen(client)).toEqual(before);

    const me = await request(env, client, 'GET', '/api/v1/auth/me');
    expect(me.statusCode, me.body).toBe(200);
    expect((await lastSeen(client)).getTime()).toBeGreaterThan(before.getTime());
  });

  it('stops the next request once the session is revoked elsewhere, before anything is read or written', async () => {
    const { client, caseId } = await setup();
    await env.database.db.updateTable('sessions').set({ revokedAt: new Date() }).where('id', '=', sessionId(client)).execute();

    // The write comes first, while the session is still remembered: its transaction's check stops it.
    const write = await request(env, client, 'POST', `/api/v1/cases/${caseId}/journal`, { category: 'health', body: 'Skrivs inte.' },
      { 'idempotency-key': randomUUID() });
    expect(write.statusCode, write.body).toBe(401);
    expect(write.json().error.code).toBe('unauthorized');
    expect(await eventsOf(write)).toEqual([]);
    const entries = await env.database.db.selectFrom('journalEntries').select('id').where('caseId', '=', caseId).execute();
    expect(entries).toEqual([]);
    // Having looked the session up again, the server has forgotten it: the read is refused before its handler.
    expect(env.app.sessionCache.get(sessionId(client))).toBeUndefined();
    const read = await request(env, client, 'GET', `/api/v1/cases/${caseId}`);
    expect(read.statusCode, read.body).toBe(401);
    expect(await eventsOf(read)).toEqual([]);
  });

  it('stops the next request once the account is disabled', async () => {
    const { user, client, caseId } = await setup();
    await env.database.db.updateTable('users').set({ disabledAt: new Date() }).where('id', '=', user.id).execute();
    const read = await request(env, client, 'GET', `/api/v1/cases/${caseId}`);
    expect(read.statusCode, read.body).toBe(401);
    expect(await eventsOf(read)).toEqual([]);
  });

  it('checks the session of a notifications request in its transaction too', async () => {
    const { client } = await setup();
    // Not looked up: the session is not marked as seen.
    await setLastSeen(client, 5);
    const before = await lastSeen(client);
    const listed = await request(env, client, 'GET', '/api/v1/notifications');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(await lastSeen(client)).toEqual(before);
    await env.database.db.updateTable('sessions').set({ revokedAt: new Date() }).where('id', '=', sessionId(client)).execute();
    expect(env.app.sessionCache.get(sessionId(client))).toBeDefined();
    const refused = await request(env, client, 'GET', '/api/v1/notifications');
    expect(refused.statusCode, refused.body).toBe(401);
    expect(env.app.sessionCache.get(sessionId(client))).toBeUndefined();
  });

  it('ends a session idle longer than the configured time, as the look-up does', async () => {
    const { client, caseId } = await setup();
    await setLastSeen(client, 31);
    const read = await request(env, client, 'GET', `/api/v1/cases/${caseId}`);
    expect(read.statusCode, read.body).toBe(401);
    expect(await eventsOf(read)).toEqual([]);
    const row = await env.database.db.selectFrom('sessions').select('revokedAt').where('id', '=', sessionId(client)).executeTakeFirstOrThrow();
    expect(row.revokedAt).not.toBeNull();
  });

  it('answers 409 once when the account changed, then runs with the account as it is now', async () => {
    const { user, client, caseId } = await setup();
    // An administrator gives the account another role (its version moves on, as the users API does).
    await sql`update users set roles = array['coordinator', 'intake']::text[], version = version + 1 where id = ${user.id}`.execute(env.database.db);

    const changed = await request(env, client, 'GET', `/api/v1/cases/${caseId}`);
    expect(changed.statusCode, changed.body).toBe(409);
    expect(changed.json().error.code).toBe('account_changed');
    expect(await eventsOf(changed)).toEqual([]);

    const again = await request(env, client, 'GET', `/api/v1/cases/${caseId}`);
    expect(again.statusCode, again.body).toBe(200);
    expect(await eventsOf(again)).toEqual([{ action: 'case.read' }]);
    expect(env.app.sessionCache.get(sessionId(client))?.principal.user.roles).toEqual(['coordinator', 'intake']);
  });

  it('answers 409 once when the account moved to another organisation or its organisation changed type', async () => {
    const region = await organisations.region(env, '03');
    const user = await makeUser(env, region, ['coordinator']);
    const client = await fullLogin(env, user);
    expect((await request(env, client, 'GET', '/api/v1/notifications')).statusCode).toBe(200);

    // The region becomes a county board: the check no longer reads the organisation, yet it stops the request.
    await sql`update organisations set type = 'county_board' where id = ${region}`.execute(env.database.db);
    const retyped = await request(env, client, 'GET', '/api/v1/notifications');
    expect(retyped.statusCode, retyped.body).toBe(409);
    expect(retyped.json().error.code).toBe('account_changed');
    expect((await request(env, client, 'GET', '/api/v1/notifications')).statusCode).toBe(200);
    expect(env.app.sessionCache.get(sessionId(client))?.principal.organisation.type).toBe('county_board');

    // The account moves to the municipality.
    await sql`update users set organisation_id = ${org} where id = ${user.id}`.execute(env.database.db);
    const moved = await request(env, client, 'GET', '/api/v1/notifications');
    expect(moved.statusCode, moved.body).toBe(409);
    expect((await request(env, client, 'GET', '/api/v1/notifications')).statusCode).toBe(200);
    expect(env.app.sessionCache.get(sessionId(client))?.principal.organisation.id).toBe(org);
  });

  it('lets a change of what the check does not compare, or of another account, pass without a look-up', async () => {
    const { user, client, caseId } = await setup();
    const other = await setup();
    await setLastSeen(client, 5);
    const before = await lastSeen(client);
    // A login elsewhere and a failed attempt change the account's row, but not what the session stands for;
    // another account's change of role is that account's alone.
    await sql`update users set last_login_at = now(), failed_attempts = failed_attempts + 1 where id = ${user.id}`.execute(env.database.db);
    await sql`update users set roles = array['coordinator', 'intake']::text[], version = version + 1 where id = ${other.user.id}`.execute(env.database.db);

    const read = await request(env, client, 'GET', `/api/v1/cases/${caseId}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(await lastSeen(client)).toEqual(before); // checked in its transaction, not looked up
    expect((await request(env, other.client, 'GET', `/api/v1/cases/${other.caseId}`)).statusCode).toBe(409);
  });

  it('is checked by a late look-up when a route answers without a transaction', async () => {
    const { client } = await setup();
    const ok = await request(env, client, 'GET', '/api/v1/test/no-database');
    expect(ok.statusCode, ok.body).toBe(200);
    await env.database.db.updateTable('sessions').set({ revokedAt: new Date() }).where('id', '=', sessionId(client)).execute();
    const ended = await request(env, client, 'GET', '/api/v1/test/no-database');
    expect(ended.statusCode, ended.body).toBe(401);
    expect(ended.json()).toEqual({ error: { code: 'unauthorized', message: 'Log in to continue.' } });
  });

  it('is forgotten at logout', async () => {
    const { client, caseId } = await setup();
    expect((await request(env, client, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect(env.app.sessionCache.get(sessionId(client))).toBeUndefined();
    expect((await request(env, client, 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(401);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('round trips to PostgreSQL', () => {
  /**
   * Counts the socket writes of every client that sends a query, the pool's and the shared connections': each
   * is one batch of messages PostgreSQL answers before the request goes on.
   */
  function countWrites() {
    const watch = { writes: 0, texts: [] as string[] };
    const query = pg.Client.prototype.query;
    const counted = new WeakSet<object>();
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (!counted.has(this)) {
        counted.add(this);
        countSocketWrites(this as pg.PoolClient, watch);
      }
      return (query as (...args: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
    return { watch, restore: () => { pg.Client.prototype.query = query; } };
  }

  it('reads a case in two: the session check, settings and case in one write, the audit event in the audit writer\'s', async () => {
    const { user, client, caseId } = await setup();
    // A first read prepares its statements on the shared connection, which the next reads use by name.
    expect((await request(env, client, 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    const { watch, restore } = countWrites();
    try {
      const remembered = await request(env, client, 'GET', `/api/v1/cases/${caseId}`);
      expect(remembered.statusCode, remembered.body).toBe(200);
      expect(watch.writes).toBe(2);
      // The read is one block on a shared connection, a whole transaction ended by its Sync: no begin, no
      // commit. The audit writer's batch is another, which inserts the event. (A statement prepared earlier
      // on the connection goes by its name, so the texts show the rest: for the settings, their two
      // parameters bound side by side, the organisation's id and then the user's, each 36 bytes long.)
      const [read, audit] = watch.texts;
      expect(read).toMatch(new RegExp(`${org}\0\0\0\\$${user.id}`));
      const transactionControl = /(begin|start transaction read only|commit)\0/;
      expect(read).not.toMatch(transactionControl);
      expect(audit).toMatch(/set_config\('role', 'utvag_app', true\)/);
      expect(audit).not.toMatch(transactionControl);
      // Each write is one block with a single Sync, so PostgreSQL answers each in one write too.
      const syncs = (text: string) => text.split('S\x00\x00\x00\x04').length - 1;
      expect([syncs(read!), syncs(audit!)]).toEqual([1, 1]);
      // With an API token the session is looked up first: one round trip more.
      watch.writes = 0;
      const looked = await as(env, user).get(`/api/v1/cases/${caseId}`);
      expect(looked.statusCode, looked.body).toBe(200);
      expect(watch.writes).toBe(3);
      // A journal entry: the check, begin, settings and the case's facts; then the entry with its key's claim
      // and its audit event, in one statement, with the commit.
      watch.writes = 0;
      watch.texts.length = 0;
      const written = await request(env, client, 'POST', `/api/v1/cases/${caseId}/journal`, { category: 'health', body: 'Ett samtal om boende.' },
        { 'idempotency-key': randomUUID() });
      expect(written.statusCode, written.body).toBe(201);
      expect(watch.writes).toBe(2);
      // A write holds a connection of the pool for its transaction, from `begin` to `commit`.
      expect(watch.texts[0]).toMatch(transactionControl);
      expect(watch.texts[0]).not.toMatch(/commit/);
      expect(watch.texts[1]).toMatch(/commit/);
    } finally {
      restore();
    }
  });
});

describe('SessionCache', () => {
  const principal = (secondFactorDone: boolean): Principal => ({
    user: { id: randomUUID(), name: 'Testperson', email: 'test@example.com', roles: ['coordinator'], totpEnrolled: true },
    organisation: { id: randomUUID(), name: 'Testkommun', type: 'municipality' },
    session: { id: 'a'.repeat(64), csrfToken: 'csrf', secondFactorDone },
    tokenId: null,
  });
  const remembered = (secondFactorDone = true): RememberedSession => ({ sessionId: 'a'.repeat(64), principal: principal(secondFactorDone), accountVersion: 3 });

  it('remembers a session past its second factor for a minute, and never one before it', () => {
    let now = 1_000_000;
    const cache = new SessionCache(() => now);
    cache.remember(remembered(false));
    expect(cache.get('a'.repeat(64))).toBeUndefined();
    cache.remember(remembered());
    expect(cache.get('a'.repeat(64))?.accountVersion).toBe(3);
    now += REMEMBER_MS - 1;
    expect(cache.get('a'.repeat(64))).toBeDefined();
    now += 1;
    expect(cache.get('a'.repeat(64))).toBeUndefined();
  });

  it('sends the check with its values as parameters, first in the statement of the settings, ahead of the transaction\'s first statement', () => {
    const session = remembered();
    const check = sessionCheck(session, 30);
    expect(SESSION_CHECK_CALL).toBe('utvag_require_session($1, $2::uuid, $3::integer, $4::integer, $5::integer)');
    expect(check).toEqual(['a'.repeat(64), session.principal.user.id, 3, 30, 12]);
    const actor = { organisationId: randomUUID(), userId: randomUUID() };
    for (const readOnly of [false, true]) {
      const compiled = rowSecuritySettings(actor, readOnly, check);
      expect(compiled.sql.startsWith(`/* with next */ select ${SESSION_CHECK_CALL}, set_config('role', 'utvag_app', true), `)).toBe(true);
      expect(compiled.sql).toContain(`set_config('utvag.organisation_id', $6, true), set_config('utvag.user_id', $7, true)`);
      expect(compiled.sql.includes('transaction_read_only')).toBe(readOnly);
      expect(compiled.parameters).toEqual([...check, actor.organisationId, actor.userId]);
    }
    expect(() => rowSecuritySettings(actor, true, check.slice(1))).toThrow();
  });
});
