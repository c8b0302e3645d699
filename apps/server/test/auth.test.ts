import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/auth/principal';
import { MAX_FAILED_ATTEMPTS } from '../src/auth/service';
import { hashToken, newSecretToken } from '../src/auth/tokens';
import { createUser } from '../src/users/store';
import { anonymousCase, makeUser, organisations, testEnv, type TestEnv } from './helpers';
import { code, fullLogin, nextAddress, passwordStep, request, sessionCookieOf, setCookieHeader, type Client } from './sessions';

/**
 * The browser login flow, driven through HTTP with cookies: password, second factor, session cookie,
 * CSRF, idle timeout, logout; and API tokens. Each test uses its own client address so the login
 * rate limits (counted per address and per e-mail) of one test never affect another.
 */

let env: TestEnv;
let orgId: string;
beforeAll(async () => {
  env = await testEnv();
  orgId = await organisations.municipality(env);
});
afterAll(async () => { await env?.close(); });

async function sessionRow(env: TestEnv, cookie: string) {
  return env.database.db.selectFrom('sessions').selectAll().where('id', '=', hashToken(cookie)).executeTakeFirstOrThrow();
}

const countCases = async (env: TestEnv) => Number((await env.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('login with password and second factor', () => {
  it('asks for the second factor, then replaces the session with a new one that works', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const { response, client } = await passwordStep(env, user.email, user.password);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().next).toBe('second_factor');
    expect(client.cookie).toBeTruthy();
    expect((await sessionRow(env, client.cookie!)).secondFactorAt).toBeNull();

    const second = await request(env, client, 'POST', '/api/v1/auth/second-factor', { code: code(user.totpSecret) });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().user.id).toBe(user.id);
    const newCookie = sessionCookieOf(second)!;
    const newCsrf: string = second.json().csrfToken;
    expect(newCookie).toBeTruthy();
    expect(newCookie).not.toBe(client.cookie);
    expect(newCsrf).not.toBe(client.csrf);

    const me = await request(env, { address: client.address, cookie: newCookie }, 'GET', '/api/v1/auth/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.email).toBe(user.email);
    expect(me.json().csrfToken).toBe(newCsrf);

    // The cookie from before the second factor is revoked, not merely short of a factor.
    expect((await sessionRow(env, client.cookie!)).revokedAt).not.toBeNull();
    const old = await request(env, client, 'GET', '/api/v1/auth/me');
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('unauthorized');
    const oldEnrol = await request(env, client, 'POST', '/api/v1/auth/second-factor/enrolment');
    expect(oldEnrol.statusCode).toBe(401);
    expect(oldEnrol.json().error.code).toBe('unauthorized');
  });

  it('enrols an authenticator at the first login of a user without one', async () => {
    const email = `new-${randomUUID().slice(0, 8)}@test.utvag.se`;
    const password = 'a long enough passphrase';
    const userId = await createUser(env.database.db, env.keyring, { organisationId: orgId, email, name: 'Ny Användare', roles: ['coordinator'], password });
    const { response, client } = await passwordStep(env, email, password);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().next).toBe('enrol_second_factor');

    const early = await request(env, client, 'POST', '/api/v1/auth/second-factor', { code: '123456' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('enrolment_required');
    const blocked = await request(env, client, 'GET', '/api/v1/cases');
    expect(blocked.statusCode).toBe(401);

    const enrolment = await request(env, client, 'POST', '/api/v1/auth/second-factor/enrolment');
    expect(enrolment.statusCode, enrolment.body).toBe(200);
    const { secret, otpauthUri, qrSvg } = enrolment.json() as { secret: string; otpauthUri: string; qrSvg: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrSvg).toContain('<svg');
    const pending = await env.database.db.selectFrom('users').select(['totpSecret', 'totpPendingSecret']).where('id', '=', userId).executeTakeFirstOrThrow();
    expect(pending.totpSecret).toBeNull();
    expect(pending.totpPendingSecret).not.toBeNull();
    expect(Buffer.from(pending.totpPendingSecret!).includes(secret)).toBe(false);

    const wrong = await request(env, client, 'POST', '/api/v1/auth/second-factor', { code: code(secret) === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_code');

    const second = await request(env, client, 'POST', '/api/v1/auth/second-factor', { code: code(secret) });
    expect(second.statusCode, second.body).toBe(200);
    const session: Client = { address: client.address, cookie: sessionCookieOf(second), csrf: second.json().csrfToken };
    const me = await request(env, session, 'GET', '/api/v1/auth/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.id).toBe(userId);

    const enrolled = await env.database.db.selectFrom('users').select(['totpSecret', 'totpPendingSecret']).where('id', '=', userId).executeTakeFirstOrThrow();
    expect(enrolled.totpSecret).not.toBeNull();
    expect(enrolled.totpPendingSecret).toBeNull();
    expect(Buffer.from(enrolled.totpSecret!).includes(secret)).toBe(false);
    const audit = await env.database.db.selectFrom('auditEvents').select('action').where('actorUserId', '=', userId).execute();
    expect(audit.map((row) => row.action)).toContain('auth.second_factor_enrolled');

    // Once enrolled, nobody holding only the password can enrol another authenticator.
    const again = await request(env, session, 'POST', '/api/v1/auth/second-factor/enrolment');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_enrolled');
    const next = await passwordStep(env, email, password);
    expect(next.response.json().next).toBe('second_factor');
    const reEnrol = await request(env, next.client, 'POST', '/api/v1/auth/second-factor/enrolment');
    expect(reEnrol.statusCode).toBe(409);
    expect(reEnrol.json().error.code).toBe('already_enrolled');
  });

  it('refuses a TOTP code that was already used', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const used = code(user.totpSecret);
    const first = await passwordStep(env, user.email, user.password);
    const ok = await request(env, first.client, 'POST', '/api/v1/auth/second-factor', { code: used });
    expect(ok.statusCode, ok.body).toBe(200);

    const second = await passwordStep(env, user.email, user.password);
    const replay = await request(env, second.client, 'POST', '/api/v1/auth/second-factor', { code: used });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_code');
    expect(sessionCookieOf(replay)).toBeUndefined();
    expect((await sessionRow(env, second.client.cookie!)).secondFactorAt).toBeNull();

    // A fresh code (the next time step) still works: it was the replay that was refused.
    const fresh = await request(env, second.client, 'POST', '/api/v1/auth/second-factor', { code: code(user.totpSecret, 1) });
    expect(fresh.statusCode, fresh.body).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail alike, without a cookie', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const wrong = await passwordStep(env, user.email, 'not the password at all');
    const unknown = await passwordStep(env, `nobody-${randomUUID().slice(0, 8)}@test.utvag.se`, user.password);
    expect(wrong.response.statusCode).toBe(401);
    expect(unknown.response.statusCode).toBe(401);
    expect(wrong.response.json().error.code).toBe('invalid_credentials');
    expect(unknown.response.json()).toEqual(wrong.response.json());
    expect(wrong.response.headers['set-cookie']).toBeUndefined();
    expect(unknown.response.headers['set-cookie']).toBeUndefined();
  });

  it(`locks the account after ${MAX_FAILED_ATTEMPTS} wrong passwords, so even the right one is refused`, async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const address = nextAddress();
    for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
      const wrong = await passwordStep(env, user.email, `wrong password ${attempt}`, address);
      expect(wrong.response.statusCode).toBe(401);
    }
    const right = await passwordStep(env, user.email, user.password, address);
    expect(right.response.statusCode).toBe(401);
    expect(right.response.json().error.code).toBe('invalid_credentials');
    expect(right.response.headers['set-cookie']).toBeUndefined();
    const row = await env.database.db.selectFrom('users').select('lockedUntil').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const sessions = await env.database.db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute();
    expect(sessions).toHaveLength(0);

    // The same user with the lock lifted gets in: it was the lock that refused them.
    await env.database.db.updateTable('users').set({ lockedUntil: null }).where('id', '=', user.id).execute();
    const unlocked = await passwordStep(env, user.email, user.password, address);
    expect(unlocked.response.statusCode).toBe(200);
  });

  it('rate-limits login attempts per e-mail with 429 and retry-after', async () => {
    const email = `target-${randomUUID().slice(0, 8)}@test.utvag.se`;
    let limited: LightMyRequestResponse | null = null;
    for (let attempt = 0; attempt < 12 && !limited; attempt++) {
      const { response } = await passwordStep(env, email, 'some password', nextAddress());
      if (response.statusCode === 429) limited = response;
      else expect(response.statusCode).toBe(401);
    }
    expect(limited, 'no attempt was rate-limited').not.toBeNull();
    expect(limited!.json().error.code).toBe('too_many_requests');
    const retryAfter = Number(limited!.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('rate-limits login attempts per client address with 429 and retry-after', async () => {
    const address = nextAddress();
    let limited: LightMyRequestResponse | null = null;
    for (let attempt = 0; attempt < 35 && !limited; attempt++) {
      const { response } = await passwordStep(env, `spray-${attempt}-${randomUUID().slice(0, 8)}@test.utvag.se`, 'some password', address);
      if (response.statusCode === 429) limited = response;
      else expect(response.statusCode).toBe(401);
    }
    expect(limited, 'no attempt was rate-limited').not.toBeNull();
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // A real user from that address is held back too, until the window passes.
    const user = await makeUser(env, orgId, ['coordinator']);
    const blocked = await passwordStep(env, user.email, user.password, address);
    expect(blocked.response.statusCode).toBe(429);
  });

  it('sets the session cookie HttpOnly, Secure and SameSite=Strict', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const { response, client } = await passwordStep(env, user.email, user.password);
    const second = await request(env, client, 'POST', '/api/v1/auth/second-factor', { code: code(user.totpSecret) });
    for (const header of [setCookieHeader(response), setCookieHeader(second)]) {
      const attributes = header.split(';').map((part) => part.trim().toLowerCase());
      expect(attributes).toContain('httponly');
      expect(attributes).toContain('secure');
      expect(attributes).toContain('samesite=strict');
      expect(attributes).toContain('path=/');
    }
  });
});

describe('sessions', () => {
  it('refuses a cookie-authenticated change without the right CSRF token, and changes nothing', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const { client: beforeSecondFactor } = await passwordStep(env, user.email, user.password);
    const second = await request(env, beforeSecondFactor, 'POST', '/api/v1/auth/second-factor', { code: code(user.totpSecret) });
    const session: Client = { address: beforeSecondFactor.address, cookie: sessionCookieOf(second), csrf: second.json().csrfToken };
    const before = await countCases(env);

    const attempts: [string, Client][] = [
      ['no token', { address: session.address, cookie: session.cookie }],
      ['a wrong token', { ...session, csrf: randomBytes(24).toString('base64url') }],
      ['the token of the session before the second factor', { ...session, csrf: beforeSecondFactor.csrf }],
    ];
    for (const [label, client] of attempts) {
      const created = await request(env, client, 'POST', '/api/v1/cases', anonymousCase('Csrf'));
      expect(created.statusCode, label).toBe(403);
      expect(created.json().error.code, label).toBe('csrf_failed');
      // Logging someone out is a change too.
      const logout = await request(env, client, 'POST', '/api/v1/auth/logout-everywhere');
      expect(logout.statusCode, label).toBe(403);
    }
    expect(await countCases(env)).toBe(before);
    expect((await sessionRow(env, session.cookie!)).revokedAt).toBeNull();

    // Reads need no token; and with the right token the same request goes through.
    expect((await request(env, { address: session.address, cookie: session.cookie }, 'GET', '/api/v1/cases')).statusCode).toBe(200);
    const created = await request(env, session, 'POST', '/api/v1/cases', anonymousCase('Csrf'));
    expect(created.statusCode, created.body).toBe(201);
    expect(await countCases(env)).toBe(before + 1);
  });

  it('does not let a session short of the second factor reach case routes', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const { client } = await passwordStep(env, user.email, user.password);
    const before = await countCases(env);
    for (const [method, url, payload] of [
      ['GET', '/api/v1/cases', undefined],
      ['POST', '/api/v1/cases', anonymousCase('Halvvägs')],
      ['GET', `/api/v1/cases/${randomUUID()}`, undefined],
      ['GET', '/api/v1/auth/me', undefined],
    ] as const) {
      const response = await request(env, client, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.code, `${method} ${url}`).toBe('second_factor_required');
    }
    expect(await countCases(env)).toBe(before);
  });

  it('ends a session that has been idle longer than the configured time', async () => {
    const idleEnv = await testEnv({ sessionIdleMinutes: 1 });
    try {
      const org = await organisations.municipality(idleEnv, '0180');
      const user = await makeUser(idleEnv, org, ['coordinator']);
      const session = await fullLogin(idleEnv, user);
      const setLastSeen = (secondsAgo: number) => sql`update sessions set last_seen_at = now() - make_interval(secs => ${secondsAgo})
        where id = ${hashToken(session.cookie!)}`.execute(idleEnv.database.db);

      await setLastSeen(30);
      expect((await request(idleEnv, session, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);

      await setLastSeen(120);
      const idle = await request(idleEnv, session, 'GET', '/api/v1/auth/me');
      expect(idle.statusCode).toBe(401);
      expect((await sessionRow(idleEnv, session.cookie!)).revokedAt).not.toBeNull();
      // Ended for good: coming back "fresh" does not revive it.
      await setLastSeen(0);
      expect((await request(idleEnv, session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    } finally {
      await idleEnv.close();
    }
  });

  it('logs out one session', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const session = await fullLogin(env, user);
    const other = await fullLogin(env, user, 1);
    const logout = await request(env, session, 'POST', '/api/v1/auth/logout');
    expect(logout.statusCode, logout.body).toBe(204);
    expect(setCookieHeader(logout)).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect((await request(env, session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await sessionRow(env, session.cookie!)).revokedAt).not.toBeNull();
    expect((await request(env, other, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('logs out every session of the user, and only of that user', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const bystander = await makeUser(env, orgId, ['coordinator']);
    const first = await fullLogin(env, user);
    const second = await fullLogin(env, user, 1);
    const unrelated = await fullLogin(env, bystander);
    for (const client of [first, second, unrelated]) expect((await request(env, client, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);

    const logout = await request(env, first, 'POST', '/api/v1/auth/logout-everywhere');
    expect(logout.statusCode, logout.body).toBe(204);
    expect((await request(env, first, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await request(env, second, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await request(env, unrelated, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('turns the user\'s calendar feed off when logging out everywhere, and leaves it on for a plain logout', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const feedOf = async (client: Client) => {
      const created = await request(env, client, 'POST', '/api/v1/calendar-feed');
      expect(created.statusCode, created.body).toBe(201);
      return created.json().path as string;
    };
    const plain = await fullLogin(env, user);
    const kept = await feedOf(plain);
    expect((await request(env, plain, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await env.app.inject({ method: 'GET', url: kept })).statusCode).toBe(200);

    const client = await fullLogin(env, user, 1);
    const feed = await feedOf(client);
    expect((await env.app.inject({ method: 'GET', url: feed })).statusCode).toBe(200);
    const logout = await request(env, client, 'POST', '/api/v1/auth/logout-everywhere');
    expect(logout.statusCode, logout.body).toBe(204);
    expect((await env.app.inject({ method: 'GET', url: feed })).statusCode).toBe(404);
    const audited = await env.database.db.selectFrom('auditEvents').select(['action', 'actorUserId'])
      .where('requestId', '=', String(logout.headers['x-request-id'])).execute();
    expect(audited).toEqual([{ action: 'calendar.feed.revoke', actorUserId: user.id }]);
  });
});

describe('API tokens', () => {
  async function tokenFor(userId: string, values: { expiresAt: Date; revokedAt?: Date | null }): Promise<string> {
    const { token, hash } = newSecretToken('utv_');
    await env.database.db.insertInto('apiTokens').values({ userId, tokenHash: hash, label: 'test', expiresAt: values.expiresAt, revokedAt: values.revokedAt ?? null }).execute();
    return token;
  }
  const withToken = (token: string, url = '/api/v1/cases') => env.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('lets a valid token in, and refuses an expired, a revoked, an unknown or a disabled user\'s token', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const valid = await tokenFor(user.id, { expiresAt: new Date(Date.now() + 3_600_000) });
    const ok = await withToken(valid);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await withToken(valid, '/api/v1/auth/me')).json().user.id).toBe(user.id);

    const expired = await tokenFor(user.id, { expiresAt: new Date(Date.now() - 60_000) });
    const revoked = await tokenFor(user.id, { expiresAt: new Date(Date.now() + 3_600_000), revokedAt: new Date() });
    for (const [label, token] of [['expired', expired], ['revoked', revoked], ['unknown', newSecretToken('utv_').token]]) {
      const response = await withToken(token!);
      expect(response.statusCode, label).toBe(401);
      expect(response.json().error.code, label).toBe('unauthorized');
    }

    // Revoking a token that worked ends it at once.
    await env.database.db.updateTable('apiTokens').set({ revokedAt: new Date() }).where('tokenHash', '=', hashToken(valid)).execute();
    expect((await withToken(valid)).statusCode).toBe(401);

    const other = await makeUser(env, orgId, ['coordinator']);
    expect((await withToken(other.token)).statusCode).toBe(200);
    await env.database.db.updateTable('users').set({ disabledAt: new Date() }).where('id', '=', other.id).execute();
    expect((await withToken(other.token)).statusCode).toBe(401);
  });
});
