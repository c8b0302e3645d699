import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/notifications/mailer';
import { sendPendingPasswordLinks } from '../src/users/password-links';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';
import { code, fullLogin, nextAddress, passwordStep, request, type Client } from './sessions';
import { decodedBody, startSmtpServer } from './smtp';

/**
 * Staff administration: an organisation's administrator adds accounts (whose holders choose a password
 * through a link), changes roles, disables and enables accounts, sends a new link and resets a second
 * factor; a staff member changes their own password.
 */

let env: TestEnv;
let orgId: string;
let otherOrgId: string;
let admin: TestUser;
let manager: TestUser;
beforeAll(async () => {
  env = await testEnv();
  orgId = await organisations.municipality(env);
  otherOrgId = await organisations.municipality(env, '0180');
  admin = await makeUser(env, orgId, ['org_admin']);
  manager = await makeUser(env, orgId, ['manager']);
});
afterAll(async () => { await env?.close(); });

const NEW_PASSWORD = 'en lång fras att minnas';
const email = () => `konto-${randomUUID().slice(0, 8)}@example.se`;
const tokenOf = (path: string) => path.slice(path.indexOf('#') + 1);

async function addAccount(roles = ['coordinator'], by = admin) {
  const created = await as(env, by).post('/api/v1/users', { name: 'Ny Testsson', email: email(), title: 'Socialsekreterare', roles });
  expectStatus(created, 201);
  return created.json() as { user: { id: string; email: string; status: string; version: number }; passwordLink: { emailed: boolean; path: string | null; expiresAt: string } };
}

const choosePassword = (token: string, password = NEW_PASSWORD) => env.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { token, password }, remoteAddress: nextAddress() });

/** Activates an account through its link and logs in with a new second factor; returns the session and the secret. */
async function activate(account: { user: { email: string }; passwordLink: { path: string | null } }): Promise<{ client: Client; secret: string }> {
  expectStatus(await choosePassword(tokenOf(account.passwordLink.path!)), 204);
  const { response, client } = await passwordStep(env, account.user.email, NEW_PASSWORD);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().next).toBe('enrol_second_factor');
  const enrolment = await request(env, client, 'POST', '/api/v1/auth/second-factor/enrolment');
  const secret: string = enrolment.json().secret;
  const second = await request(env, client, 'POST', '/api/v1/auth/second-factor', { code: code(secret) });
  expect(second.statusCode, second.body).toBe(200);
  const cookie = second.cookies.find((each) => each.name === 'utvag_session')!.value;
  return { client: { address: client.address, cookie, csrf: second.json().csrfToken }, secret };
}

const listed = async (userId: string, by = admin) => (await as(env, by).get('/api/v1/users')).json().users.find((user: { id: string }) => user.id === userId);

describe('staff accounts', () => {
  it('adds an account whose holder chooses a password through a link, once, and then enrols a second factor', async () => {
    const account = await addAccount();
    expect(account.user).toMatchObject({ status: 'invited', secondFactorEnrolled: false, lastLoginAt: null, version: 1, coordinatedCases: 0 });
    expect(account.passwordLink.emailed).toBe(false);
    expect(account.passwordLink.path).toMatch(/^\/app\/set-password#pwl_[A-Za-z0-9_-]{40,}$/);
    const stored = await env.database.db.selectFrom('passwordLinks').selectAll().where('userId', '=', account.user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(tokenOf(account.passwordLink.path!));
    expect(stored[0]!.tokenSealed).toBeNull();

    // Before a password is chosen, no password logs in.
    expect((await passwordStep(env, account.user.email, NEW_PASSWORD)).response.statusCode).toBe(401);
    expectStatus(await choosePassword(tokenOf(account.passwordLink.path!), 'kort'), 400);
    const { client } = await activate(account);
    expect((await request(env, client, 'GET', '/api/v1/auth/me')).json().user.email).toBe(account.user.email);
    // The link worked once.
    const again = await choosePassword(tokenOf(account.passwordLink.path!), 'ett annat långt lösenord');
    expectStatus(again, 400);
    expect(again.json().error.code).toBe('link_invalid');

    const seen = await listed(account.user.id);
    expect(seen).toMatchObject({ status: 'active', secondFactorEnrolled: true, roles: ['coordinator'], title: 'Socialsekreterare' });
    expect(seen.lastLoginAt).not.toBeNull();
    const actions = await env.database.db.selectFrom('auditEvents').select(['action', 'actorUserId']).where('actorUserId', '=', account.user.id).execute();
    expect(actions.map((row) => row.action)).toEqual(expect.arrayContaining(['auth.password_set', 'auth.second_factor_enrolled']));
  });

  it('refuses a wrong, an expired and an ended link alike', async () => {
    expect((await choosePassword(`pwl_${randomUUID()}${randomUUID()}`)).json().error.code).toBe('link_invalid');
    const expired = await addAccount();
    await env.database.db.updateTable('passwordLinks').set({ expiresAt: new Date(Date.now() - 1_000) }).where('userId', '=', expired.user.id).execute();
    expect((await choosePassword(tokenOf(expired.passwordLink.path!))).json().error.code).toBe('link_invalid');

    const renewed = await addAccount();
    const second = await as(env, admin).post(`/api/v1/users/${renewed.user.id}/password-link`, { version: 1 });
    expectStatus(second, 200);
    expect((await choosePassword(tokenOf(renewed.passwordLink.path!))).json().error.code).toBe('link_invalid');
    expectStatus(await choosePassword(tokenOf(second.json().path)), 204);
  });

  it('validates new accounts and refuses an e-mail address already in use, changing nothing', async () => {
    const account = await addAccount();
    const before = await env.database.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const taken = await as(env, admin).post('/api/v1/users', { name: 'Dubblett', email: account.user.email.toUpperCase(), roles: ['manager'] });
    expectStatus(taken, 409);
    expect(taken.json().error.code).toBe('email_taken');
    for (const body of [
      { name: 'Utan roll', email: email(), roles: [] },
      { name: '', email: email(), roles: ['manager'] },
      { name: 'Fel adress', email: 'inte en adress', roles: ['manager'] },
      { name: 'Okänd roll', email: email(), roles: ['participant'] },
    ]) expectStatus(await as(env, admin).post('/api/v1/users', body), 400);
    const after = await env.database.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers a repeated create with the same account and a new link that ends the first', async () => {
    const body = { name: 'Upprepad Testsson', email: email(), roles: ['intake'] };
    const key = { 'idempotency-key': `create-${randomUUID()}` };
    const first = await as(env, admin).post('/api/v1/users', body, key);
    const second = await as(env, admin).post('/api/v1/users', body, key);
    expectStatus(first, 201);
    expectStatus(second, 201);
    expect(second.json().user.id).toBe(first.json().user.id);
    expect((await choosePassword(tokenOf(first.json().passwordLink.path))).json().error.code).toBe('link_invalid');
    expectStatus(await choosePassword(tokenOf(second.json().passwordLink.path)), 204);
    // Once the holder has chosen a password, a repeat needs no link and ends nothing.
    const third = await as(env, admin).post('/api/v1/users', body, key);
    expectStatus(third, 201);
    expect(third.json()).toMatchObject({ user: { id: first.json().user.id, status: 'active' }, passwordLink: null });
  });

  it('is for the organisation\'s own administrators only', async () => {
    const account = await addAccount();
    expectStatus(await as(env, manager).get('/api/v1/users'), 403);
    expectStatus(await as(env, manager).post('/api/v1/users', { name: 'X', email: email(), roles: ['manager'] }), 403);
    expectStatus(await as(env, manager).post(`/api/v1/users/${account.user.id}/disable`, { version: 1 }), 403);
    const foreignAdmin = await makeUser(env, otherOrgId, ['org_admin']);
    expect((await as(env, foreignAdmin).get('/api/v1/users')).json().users.map((user: { id: string }) => user.id)).not.toContain(account.user.id);
    for (const path of ['disable', 'enable', 'password-link', 'second-factor-reset']) {
      expectStatus(await as(env, foreignAdmin).post(`/api/v1/users/${account.user.id}/${path}`, { version: 1 }), 404);
    }
    expectStatus(await as(env, foreignAdmin).put(`/api/v1/users/${account.user.id}`, { version: 1, name: 'X', title: null, roles: ['manager'] }), 404);
    expect(await listed(account.user.id)).toMatchObject({ status: 'invited', version: 1, name: 'Ny Testsson' });
  });

  it('changes name and roles at the version read, and answers a stale change with 409', async () => {
    const account = await addAccount();
    const changed = await as(env, admin).put(`/api/v1/users/${account.user.id}`, { version: 1, name: 'Ändrad Testsson', title: null, roles: ['manager', 'coordinator'] });
    expectStatus(changed, 200);
    expect(changed.json()).toMatchObject({ name: 'Ändrad Testsson', title: null, roles: ['manager', 'coordinator'], version: 2 });
    const stale = await as(env, admin).put(`/api/v1/users/${account.user.id}`, { version: 1, name: 'Gammal', title: null, roles: ['intake'] });
    expectStatus(stale, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    expect(await listed(account.user.id)).toMatchObject({ name: 'Ändrad Testsson', version: 2 });
  });

  it('keeps an active administrator: no disabling oneself, no removing the last administrator role', async () => {
    const municipality = await organisations.municipality(env, '1814');
    const only = await makeUser(env, municipality, ['org_admin']);
    const self = await listed(only.id, only);
    const demoted = await as(env, only).put(`/api/v1/users/${only.id}`, { version: self.version, name: self.name, title: null, roles: ['manager'] });
    expectStatus(demoted, 400);
    expect(demoted.json().error.code).toBe('last_admin');
    const disabled = await as(env, only).post(`/api/v1/users/${only.id}/disable`, { version: self.version });
    expectStatus(disabled, 400);
    expect(disabled.json().error.code).toBe('self_disable');
    expect(await listed(only.id, only)).toMatchObject({ roles: ['org_admin'], status: 'active', version: self.version });

    // With a second active administrator, the first may step down.
    const second = await addAccount(['org_admin'], only);
    await activate(second);
    expectStatus(await as(env, only).put(`/api/v1/users/${only.id}`, { version: self.version, name: self.name, title: null, roles: ['manager'] }), 200);
  });

  it('disables an account: its sessions, API token, calendar feed and links end at once; enabling lets it log in again', async () => {
    const account = await addAccount();
    const { client, secret } = await activate(account);
    const feed = await request(env, client, 'POST', '/api/v1/calendar-feed');
    expectStatus(feed, 201);
    const coordinated = await request(env, client, 'POST', '/api/v1/cases', anonymousCase('Lönn'), { 'idempotency-key': `case-${randomUUID()}` });
    expectStatus(coordinated, 201);
    const view = await listed(account.user.id);
    expect(view.coordinatedCases).toBe(1);
    const demoted = await as(env, admin).put(`/api/v1/users/${account.user.id}`, { version: view.version, name: view.name, title: null, roles: ['intake'] });
    expectStatus(demoted, 400);
    expect(demoted.json().error).toMatchObject({ code: 'coordinates_open_cases', details: { cases: 1 } });

    const disabled = await as(env, admin).post(`/api/v1/users/${account.user.id}/disable`, { version: view.version });
    expectStatus(disabled, 200);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expect((await request(env, client, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expectStatus(await env.app.inject({ method: 'GET', url: feed.json().path }), 404);
    // The manager's overview flags the cases the disabled coordinator still holds.
    const overview = (await as(env, manager).get('/api/v1/manager/overview')).json();
    expect(overview.caseload).toContainEqual({ coordinatorId: account.user.id, coordinatorName: 'Ny Testsson', coordinatorActive: false, cases: 1 });
    expect((await passwordStep(env, account.user.email, NEW_PASSWORD)).response.statusCode).toBe(401);
    const live = await env.database.db.selectFrom('sessions').select('id').where('userId', '=', account.user.id).where('revokedAt', 'is', null).execute();
    expect(live).toEqual([]);
    const link = await as(env, admin).post(`/api/v1/users/${account.user.id}/password-link`, { version: disabled.json().version });
    expectStatus(link, 400);
    expect(link.json().error.code).toBe('user_disabled');

    expectStatus(await as(env, admin).post(`/api/v1/users/${account.user.id}/enable`, { version: disabled.json().version }), 200);
    const { response, client: again } = await passwordStep(env, account.user.email, NEW_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect((await request(env, again, 'POST', '/api/v1/auth/second-factor', { code: code(secret, 1) })).statusCode).toBe(200);
  });

  it('resets a lost second factor: the sessions end and the next login enrols a new one', async () => {
    const account = await addAccount();
    const { client } = await activate(account);
    const view = await listed(account.user.id);
    const reset = await as(env, admin).post(`/api/v1/users/${account.user.id}/second-factor-reset`, { version: view.version });
    expectStatus(reset, 200);
    expect(reset.json()).toMatchObject({ secondFactorEnrolled: false, status: 'active' });
    expect((await request(env, client, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await passwordStep(env, account.user.email, NEW_PASSWORD)).response.json().next).toBe('enrol_second_factor');
  });
});

describe('password links by e-mail', () => {
  let mailEnv: TestEnv;
  let mailAdmin: TestUser;
  beforeAll(async () => {
    mailEnv = await testEnv({ emailEnabled: true });
    mailAdmin = await makeUser(mailEnv, await organisations.municipality(mailEnv), ['org_admin']);
  });
  afterAll(async () => { await mailEnv?.close(); });

  it('sends the link to the holder\'s own address only, and keeps its secret encrypted until sent', async () => {
    const address = email();
    const created = await as(mailEnv, mailAdmin).post('/api/v1/users', { name: 'Post Testsson', email: address, roles: ['coordinator'] });
    expectStatus(created, 201);
    expect(created.json().passwordLink).toMatchObject({ emailed: true, path: null });
    const waiting = await mailEnv.database.db.selectFrom('passwordLinks').select(['tokenSealed', 'emailedAt']).where('userId', '=', created.json().user.id).executeTakeFirstOrThrow();
    expect(waiting.tokenSealed).not.toBeNull();
    expect(Buffer.from(waiting.tokenSealed!).toString('latin1')).not.toContain('pwl_');

    const sent: { to: string; purpose: string; path: string }[] = [];
    const failing = { sendPasswordLink: async () => { throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' }); } };
    expect(await sendPendingPasswordLinks(mailEnv.database.db, mailEnv.keyring, failing, { warn: () => {} })).toBe(0);
    const mailer = { sendPasswordLink: async (to: string, purpose: string, path: string) => { sent.push({ to, purpose, path }); } };
    expect(await sendPendingPasswordLinks(mailEnv.database.db, mailEnv.keyring, mailer, { warn: () => {} })).toBe(1);
    expect(sent).toEqual([{ to: address, purpose: 'activation', path: expect.stringMatching(/^\/app\/set-password#pwl_/) }]);
    expect(await sendPendingPasswordLinks(mailEnv.database.db, mailEnv.keyring, mailer, { warn: () => {} })).toBe(0);
    const done = await mailEnv.database.db.selectFrom('passwordLinks').select(['tokenSealed', 'emailedAt']).where('userId', '=', created.json().user.id).executeTakeFirstOrThrow();
    expect(done.tokenSealed).toBeNull();
    expect(done.emailedAt).not.toBeNull();
    const chosen = await mailEnv.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { token: sent[0]!.path.split('#')[1], password: NEW_PASSWORD } });
    expectStatus(chosen, 204);
  });

  it('writes the e-mail with the link and its last day, and nothing about the person, through a real SMTP server', async () => {
    const smtp = await startSmtpServer();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicUrl: 'https://utvag.example.se/' });
    try {
      const address = email();
      const created = await as(mailEnv, mailAdmin).post('/api/v1/users', { name: 'Brevbärare Testsson', email: address, title: 'Kurator', roles: ['team_member'] });
      expectStatus(created, 201);
      expect(await sendPendingPasswordLinks(mailEnv.database.db, mailEnv.keyring, mailer, { warn: () => {} })).toBe(1);
      const message = smtp.received.find((mail) => mail.to.includes(address));
      expect(message).toBeDefined();
      expect(message!.data).toMatch(/Subject: (=\?UTF-8\?Q\?Ditt_konto_i_Utv=C3=A4g\?=|Ditt konto i Utväg)/);
      const body = decodedBody(message!.data);
      const link = /https:\/\/utvag\.example\.se\/app\/set-password#(pwl_[A-Za-z0-9_-]+)/.exec(body);
      expect(link).not.toBeNull();
      expect(body).toMatch(/Länken gäller till \d{1,2} \p{L}+ 20\d\d kl\. \d{2}:\d{2} och kan användas en gång/u);
      for (const secret of ['Brevbärare', 'Testsson', 'Kurator', created.json().user.id]) expect(body).not.toContain(secret);
      expectStatus(await mailEnv.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { token: link![1], password: NEW_PASSWORD } }), 204);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});

describe('changing one\'s own password', () => {
  it('needs the current password, ends the other sessions and keeps this one', async () => {
    const user = await makeUser(env, orgId, ['coordinator']);
    const here = await fullLogin(env, user);
    const elsewhere = await fullLogin(env, user, 1);
    const wrong = await request(env, here, 'POST', '/api/v1/auth/password-change', { currentPassword: 'fel lösenord här', newPassword: NEW_PASSWORD });
    expectStatus(wrong, 400);
    expect(wrong.json().error.code).toBe('current_password_wrong');
    const short = await request(env, here, 'POST', '/api/v1/auth/password-change', { currentPassword: user.password, newPassword: 'kort' });
    expect(short.json().error.code).toBe('password_too_short');
    expect((await request(env, elsewhere, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);

    expectStatus(await request(env, here, 'POST', '/api/v1/auth/password-change', { currentPassword: user.password, newPassword: NEW_PASSWORD }), 204);
    expect((await request(env, here, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await request(env, elsewhere, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await passwordStep(env, user.email, user.password)).response.statusCode).toBe(401);
    expect((await passwordStep(env, user.email, NEW_PASSWORD)).response.statusCode).toBe(200);
  });
});
