import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, anonymousCase, makeUser, organisations, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
beforeAll(async () => { env = await testEnv(); });
afterAll(async () => { await env?.close(); });

describe('database connection loss', () => {
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('answers 503 (never 500) while the connections are gone and recovers without a restart', async () => {
    const org = await organisations.municipality(env);
    const coordinator = await makeUser(env, org, ['coordinator']);
    const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase());
    expect(created.statusCode).toBe(201);
    // Warm several pooled connections, then kill every one of them, as a database restart does.
    await Promise.all(Array.from({ length: 5 }, () => as(env, coordinator).get(`/api/v1/cases/${created.json().id}`)));
    const killer = await import('pg').then(({ default: pg }) => new pg.Client({ connectionString: process.env.TEST_DATABASE_URL }));
    await killer.connect();
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(env.database.db)).rows[0]!.name;
    await killer.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
    await killer.end();

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const response = await as(env, coordinator).get(`/api/v1/cases/${created.json().id}`);
      statuses.push(response.statusCode);
      if (response.statusCode === 200) break;
      expect(response.json().error.code).toBe('database_unavailable');
    }
    expect(statuses).not.toContain(500);
    expect(statuses.at(-1)).toBe(200);
    const ready = await env.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });

  it('reports readiness from the database', async () => {
    const ready = await env.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready' });
  });
});
