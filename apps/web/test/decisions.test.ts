import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecretToken } from '../../server/src/auth/tokens';
import { currentTotp, newTotpSecret } from '../../server/src/auth/totp';
import { loadConfig } from '../../server/src/config';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import { startRuntime, type Runtime } from '../../server/src/server';
import { createUser } from '../../server/src/users/store';

/** Decisions in the staff app: a manager sets the delegation order, the coordinator initiates protected housing, a delegate decides it. */

const PASSWORD = 'ett långt lösenord 2026';
const coordinator = { email: 'samordnare@beslut.test.utvag.se', name: 'Testa Samordnare', totpSecret: newTotpSecret() };
const delegate = { email: 'socialsekreterare@beslut.test.utvag.se', name: 'Dela Gat', totpSecret: newTotpSecret() };
const manager = { email: 'chef@beslut.test.utvag.se', name: 'Chefa Enhet', totpSecret: newTotpSecret() };
const reasons = 'Hot från tidigare kontakt. Behöver ett skyddat boende omedelbart.';

let dataDir: string;
let runtime: Runtime;
let baseUrl: string;
let browser: Browser;
let caseId: string;

async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
  expect(violations, `axe violations on ${where}`).toEqual([]);
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

async function logIn(user: { email: string; totpSecret: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto('/app/');
  await page.getByLabel('E-postadress').fill(user.email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await heading(page, 'Ange engångskod');
  await page.getByLabel('Engångskod').fill(currentTotp(user.totpSecret));
  await page.getByRole('button', { name: 'Logga in' }).click();
  await heading(page, 'Mina ärenden');
  return page;
}

async function api(token: string, url: string, payload: unknown): Promise<Record<string, unknown>> {
  const response = await runtime.app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const decisions = (page: Page) => page.getByRole('region', { name: 'Beslut', exact: true });

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/index.html', import.meta.url)))) {
    throw new Error('Build the staff app first: npm run build -w @utvag/web');
  }
  dataDir = await mkdtemp(join(tmpdir(), 'utvag-decisions-'));
  runtime = await startRuntime(loadConfig({
    UTVAG_DATA_DIR: dataDir, UTVAG_DEMO: 'false', UTVAG_MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent',
  }));
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const coordinatorId = await createUser(db, runtime.keyring, {
    organisationId: orebro, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], password: PASSWORD, totpSecret: coordinator.totpSecret,
  });
  const delegateId = await createUser(db, runtime.keyring, {
    organisationId: orebro, email: delegate.email, name: delegate.name, title: 'Socialsekreterare', roles: ['team_member'], password: PASSWORD, totpSecret: delegate.totpSecret,
  });
  await createUser(db, runtime.keyring, {
    organisationId: orebro, email: manager.email, name: manager.name, title: 'Enhetschef', roles: ['manager'], password: PASSWORD, totpSecret: manager.totpSecret,
  });
  const { token, hash } = newSecretToken('utv_');
  await db.insertInto('apiTokens').values({ userId: coordinatorId, tokenHash: hash, label: 'decision test', expiresAt: new Date(Date.now() + 3_600_000) }).execute();
  const created = await api(token, '/api/v1/cases', { program: 'exit_program', participant: { alias: 'Lind' } });
  caseId = String(created.id);
  await api(token, `/api/v1/cases/${caseId}/team`, { userId: delegateId, teamRole: 'team_member' });

  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const address = runtime.app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no port.');
  baseUrl = `http://localhost:${address.port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('decisions in the staff app', () => {
  it('lets a manager give team members delegation for protected housing', async () => {
    const page = await logIn(manager);
    await page.getByRole('link', { name: 'Delegationsordning' }).click();
    await heading(page, 'Delegationsordning');
    await page.getByText('Det finns inga regler. Då fattar bara chefer beslut.').waitFor();
    await expectAccessible(page, 'empty delegation order');
    await page.getByLabel('Roll', { exact: true }).selectOption('team_member');
    await page.getByLabel('Typ av beslut', { exact: true }).selectOption('protected_housing');
    await page.getByRole('button', { name: 'Lägg till regeln' }).click();
    await page.getByRole('cell', { name: 'Skyddat boende', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Spara delegationsordningen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Delegationsordningen är sparad.').waitFor({ state: 'attached' });
    await expectAccessible(page, 'delegation order with a rule');
    await page.context().close();
  });

  it('lets the coordinator initiate protected housing but not decide it', async () => {
    const page = await logIn(coordinator);
    expect(await page.getByRole('link', { name: 'Delegationsordning' }).count()).toBe(0);
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Lind');
    await decisions(page).getByText('Det finns inga beslut i ärendet ännu.').waitFor();
    await decisions(page).getByRole('button', { name: 'Initiera ett beslut' }).click();
    await page.getByRole('button', { name: 'Initiera beslutet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' }).getByRole('link', { name: 'Välj typ av beslut.' }).waitFor();
    await expectAccessible(page, 'decision form with errors');

    await page.getByLabel('Typ av beslut', { exact: true }).selectOption('protected_housing');
    expect(await page.getByLabel('Lagrum', { exact: true }).inputValue()).toContain('Socialtjänstlagen (2025:400)');
    await page.getByLabel('Skäl för beslutet', { exact: true }).fill(reasons);
    await page.getByLabel('Omfattning', { exact: true }).fill('Skyddat boende med stöd dygnet runt');
    await page.getByLabel('Gäller till', { exact: true }).fill('2099-12-31');
    await page.getByRole('button', { name: 'Initiera beslutet' }).focus();
    await page.keyboard.press('Enter');

    const item = decisions(page).getByRole('listitem').filter({ hasText: 'Skyddat boende' }).first();
    await item.getByText('Väntar på beslut').waitFor();
    await item.getByText('Du har inte delegation för den här typen av beslut.', { exact: false }).waitFor();
    expect(await item.getByRole('button', { name: 'Fatta beslutet' }).count()).toBe(0);
    await expectAccessible(page, 'case page with an initiated decision');
    await page.context().close();
  });

  it('lets the delegate decide it with the keyboard and open the decision letter', async () => {
    const page = await logIn(delegate);
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Lind');
    const item = decisions(page).getByRole('listitem').filter({ hasText: 'Skyddat boende' }).first();
    await item.getByText(reasons).waitFor();
    await item.getByRole('radio', { name: 'Bifall', exact: true }).check();
    await item.getByRole('button', { name: 'Fatta beslutet' }).focus();
    await page.keyboard.press('Enter');
    await item.getByText('Ett fattat beslut kan inte ändras.', { exact: false }).waitFor();
    await expectAccessible(page, 'confirming a decision');
    await item.getByRole('button', { name: 'Ja, fatta beslutet' }).click();

    const letter = item.getByRole('link', { name: 'Beslutsbrev om skyddat boende (PDF)' });
    await letter.waitFor();
    await item.getByText(`av ${delegate.name}.`, { exact: false }).waitFor();
    await expectAccessible(page, 'case page with a decided decision');
    const pdf = await page.request.get(String(await letter.getAttribute('href')));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.context().close();
  });
});
