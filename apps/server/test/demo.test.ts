/**
 * The demo: on an empty database it creates fictional staff in real municipalities, a few cases, outreach
 * and screening work and directory entries, and every demo user can log in with the shared password and
 * second factor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/auth/totp';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, isEmpty, seedDemo } from '../src/demo/seed';
import { testEnv, type TestEnv } from './helpers';

let env: TestEnv;
let users: { email: string }[];

beforeAll(async () => {
  env = await testEnv();
  expect(await isEmpty(env.database.db)).toBe(true);
  ({ users } = await seedDemo(env.database.db, env.keyring));
});
afterAll(async () => { await env?.close(); });

const count = async (table: 'cases' | 'outreachEncounters' | 'screenings' | 'screeningReferrals' | 'directoryEntries' | 'consents' | 'caseTeamMembers') =>
  Number((await env.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('demo data', () => {
  it('creates the organisations, staff, cases, consents and teams, once', async () => {
    expect(await isEmpty(env.database.db)).toBe(false);
    expect(users.length).toBeGreaterThanOrEqual(9);
    expect(users.every((user) => user.email.endsWith('.demo.utvag.se'))).toBe(true);
    expect(await count('cases')).toBe(3);
    expect(await count('consents')).toBe(2);
    expect(await count('caseTeamMembers')).toBeGreaterThanOrEqual(5);
  });

  it('has outreach and screening work to show, with a referral into Örebro\'s program', async () => {
    expect(await count('outreachEncounters')).toBe(5);
    expect(await count('screenings')).toBe(2);
    const referrals = await env.database.db.selectFrom('screeningReferrals as r').innerJoin('organisations as o', 'o.id', 'r.toOrganisationId')
      .select(['r.kind', 'o.municipalityCode']).execute();
    expect(referrals).toEqual([{ kind: 'program_referral', municipalityCode: '1880' }]);
    expect(await count('directoryEntries')).toBeGreaterThan(0);
  });

  it('lets every demo user log in with the shared password and second factor', async () => {
    for (const user of users) {
      const login = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: DEMO_PASSWORD } });
      expect(login.statusCode, `${user.email}: ${login.body}`).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const csrf = login.json().csrfToken as string;
      const second = await env.app.inject({
        method: 'POST', url: '/api/v1/auth/second-factor', headers: { cookie, 'x-csrf-token': csrf }, payload: { code: currentTotp(DEMO_TOTP_SECRET) },
      });
      expect(second.statusCode, `${user.email}: ${second.body}`).toBe(200);
    }
  });
});
