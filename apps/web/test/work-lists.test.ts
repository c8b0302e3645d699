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

/** Work lists in the staff app: the coordinator's "Att göra" grouped with empty states, and the manager's overview. */

const PASSWORD = 'ett långt lösenord 2026';
const coordinator = { email: 'samordnare@worklists.test.utvag.se', name: 'Tova Samordnare', totpSecret: newTotpSecret() };
const manager = { email: 'chef@worklists.test.utvag.se', name: 'Maja Chef', totpSecret: newTotpSecret() };

let dataDir: string;
let runtime: Runtime;
let baseUrl: string;
let browser: Browser;

async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
  expect(violations, `axe violations on ${where}`).toEqual([]);
}

async function logIn(user: { email: string; totpSecret: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto('/app/');
  await page.getByLabel('E-postadress').fill(user.email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ange engångskod', exact: true }).waitFor();
  await page.getByLabel('Engångskod').fill(currentTotp(user.totpSecret));
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mina ärenden', exact: true }).waitFor();
  return page;
}

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/index.html', import.meta.url)))) {
    throw new Error('Build the staff app first: npm run build -w @utvag/web');
  }
  dataDir = await mkdtemp(join(tmpdir(), 'utvag-work-lists-'));
  runtime = await startRuntime(loadConfig({
    UTVAG_DATA_DIR: dataDir, UTVAG_DEMO: 'false', UTVAG_MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent',
  }));
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const coordinatorId = await createUser(db, runtime.keyring, {
    organisationId: orebro, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], password: PASSWORD, totpSecret: coordinator.totpSecret,
  });
  await createUser(db, runtime.keyring, {
    organisationId: orebro, email: manager.email, name: manager.name, title: 'Enhetschef', roles: ['manager'], password: PASSWORD, totpSecret: manager.totpSecret,
  });
  const { token, hash } = newSecretToken('utv_');
  await db.insertInto('apiTokens').values({ userId: coordinatorId, tokenHash: hash, label: 'work lists test', expiresAt: new Date(Date.now() + 3_600_000) }).execute();
  const created = await runtime.app.inject({ method: 'POST', url: '/api/v1/cases', payload: { program: 'exit_program', participant: { alias: 'Sälg' } }, headers: { authorization: `Bearer ${token}` } });
  expect(created.statusCode, created.body).toBe(201);
  const plan = await runtime.app.inject({ method: 'POST', url: `/api/v1/cases/${created.json().id}/plan/versions`, payload: {}, headers: { authorization: `Bearer ${token}` } });
  expect(plan.statusCode, plan.body).toBe(201);

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

describe('work lists in the staff app', () => {
  it('shows the coordinator what to do, grouped, with empty states', async () => {
    const page = await logIn(coordinator);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Att göra' }).click();
    await page.getByRole('heading', { level: 1, name: 'Att göra', exact: true }).waitFor();
    const awaiting = page.getByRole('region', { name: 'Planer som väntar på att deltagaren godkänner dem' });
    await awaiting.getByRole('link', { name: 'Öppna ärendet Sälg' }).waitFor();
    await page.getByText('Inga SIP-möten den här veckan.').waitFor();
    await page.getByText('Inga uppföljningar väntar.').waitFor();
    await expectAccessible(page, 'work list');
    // No overview link for a coordinator.
    expect(await page.getByRole('link', { name: 'Översikt' }).count()).toBe(0);
  });

  it('shows the manager the overview of the organisation', async () => {
    const page = await logIn(manager);
    await page.getByRole('link', { name: 'Översikt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt för chefer', exact: true }).waitFor();
    await page.getByRole('cell', { name: coordinator.name }).waitFor();
    await page.getByText('Ingen har tagit nödåtkomst de senaste 30 dagarna.').waitFor();
    await expectAccessible(page, 'manager overview');
  });
});
