import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, anonymousCase, makeUser, organisations, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
beforeAll(async () => { env = await testEnv(); });
afterAll(async () => { await env?.close(); });

describe('smoke', () => {
  it('creates and reads a case', async () => {
    const org = await organisations.municipality(env);
    const coordinator = await makeUser(env, org, ['coordinator']);
    const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase());
    expect(created.statusCode, created.body).toBe(201);
    const read = await as(env, coordinator).get(`/api/v1/cases/${created.json().id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().participant.alias).toBe('Vinter');
  });
});
