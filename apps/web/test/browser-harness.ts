/**
 * What every browser test of the staff app shares: the server started in-process on a temporary data
 * directory with a random master key, users with a known password, Debian's Chromium through
 * playwright-core, logging in with password and TOTP, axe with the WCAG 2.1 A and AA rules, and teardown.
 * Each test file is its own module instance (pool: 'forks'; two files run side by side, each in its own
 * process), so the state here is per file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { newSecretToken } from '../../server/src/auth/tokens';
import { currentTotp } from '../../server/src/auth/totp';
import { loadConfig } from '../../server/src/config';
import { startRuntime, type Runtime } from '../../server/src/server';
import { createUser } from '../../server/src/users/store';

export const PASSWORD = 'ett långt lösenord 2026';

/** A user whose second factor is already enrolled. */
export interface TestUser { email: string; totpSecret: string }

let dataDir: string | undefined;
let runtime: Runtime | undefined;
let baseUrl: string | undefined;
let browser: Browser | undefined;

function started(): Runtime {
  if (!runtime) throw new Error('Start the test server first: startTestServer()');
  return runtime;
}

/**
 * Starts the server in-process on a temporary data directory holding a copy of the run's migrated, empty
 * database (see global-setup.ts); the app is not listening yet.
 */
export async function startTestServer(name: string): Promise<Runtime> {
  if (!existsSync(fileURLToPath(new URL('../dist/index.html', import.meta.url)))) {
    throw new Error('Build the staff app first: npm run build -w @utvag/web');
  }
  dataDir = await mkdtemp(join(tmpdir(), `utvag-${name}-`));
  await cp(inject('pgliteDataDir'), join(dataDir, 'pglite'), { recursive: true });
  runtime = await startRuntime(loadConfig({
    UTVAG_DATA_DIR: dataDir, UTVAG_DEMO: 'false', UTVAG_MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent',
  }));
  return runtime;
}

/** Creates a user with the shared test password. */
export async function newUser(input: Omit<Parameters<typeof createUser>[2], 'password'>): Promise<string> {
  const { database, keyring } = started();
  return createUser(database.db, keyring, { ...input, password: PASSWORD });
}

/** An API token for the user, valid for an hour. */
export async function newApiToken(userId: string, label: string): Promise<string> {
  const { token, hash } = newSecretToken('utv_');
  await started().database.db.insertInto('apiTokens').values({ userId, tokenHash: hash, label, expiresAt: new Date(Date.now() + 3_600_000) }).execute();
  return token;
}

/** Makes the app listen on a free port and launches Chromium headless. */
export async function launchBrowser(): Promise<Browser> {
  const { app } = started();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no port.');
  // localhost, not 127.0.0.1: browsers accept the Secure session cookie on http://localhost only.
  baseUrl = `http://localhost:${address.port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

/** A fresh browser context on the app, in Swedish and Stockholm time. */
export async function newContext(): Promise<BrowserContext> {
  if (!browser || !baseUrl) throw new Error('Launch the browser first: launchBrowser()');
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(10_000);
  return context;
}

/** A page in a fresh browser context. */
export async function newPage(): Promise<Page> {
  return (await newContext()).newPage();
}

export async function heading(page: Page, name: string, level = 1): Promise<void> {
  await page.getByRole('heading', { level, name, exact: true }).waitFor();
}

/**
 * Chooses the first option whose text contains `option` in the select labelled `label` inside `scope`,
 * once that option has arrived (many selects fill in from the API after the form opens).
 */
export async function chooseOption(scope: Page | Locator, label: string, option: string): Promise<void> {
  const select = scope.getByLabel(label, { exact: true });
  const wanted = select.locator('option', { hasText: option }).first();
  await wanted.waitFor({ state: 'attached' });
  await select.selectOption((await wanted.getAttribute('value'))!);
}

/** The day `days` from today in Stockholm, as a date input takes it (YYYY-MM-DD). */
export function stockholmDay(days = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));
}

/** Logs the user in with password and TOTP on the page, and waits for "Mina ärenden". */
export async function logIn(page: Page, user: TestUser): Promise<Page> {
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

/** Logs the user in, in a fresh browser context. */
export async function logInNewPage(user: TestUser): Promise<Page> {
  return logIn(await newPage(), user);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeOptions: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };

/**
 * axe with the WCAG 2.1 A and AA rules; the page must pass with no violations. axe-core is put into the
 * document once and stays there while the staff app moves between its views, so each check costs only
 * the rules' run. (The pages have no frames, which axe would otherwise need in each of them too.)
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page), `axe violations on ${where}`).toEqual([]);
}

/** What axe finds on the page: each violated rule with the elements that break it. */
export async function axeViolations(page: Page): Promise<{ rule: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate((options) => (window as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } })
    .axe.run(document, options), axeOptions);
  return results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** Closes the browser, stops the server and removes the data directory. */
export async function stop(): Promise<void> {
  await browser?.close();
  await runtime?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  browser = undefined;
  runtime = undefined;
  baseUrl = undefined;
  dataDir = undefined;
}
