import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation, createRegionOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations as expectAccessible, heading, launchBrowser, logInNewPage as logIn, newApiToken, newUser, startTestServer, stop } from './browser-harness';

/** The journal in the staff app: write, sign and correct an entry; consent decides what a region member reads. */

const coordinator = { email: 'samordnare@journal.test.utvag.se', name: 'Testa Samordnare', totpSecret: newTotpSecret() };
const regionMember = { email: 'kurator@journal.test.utvag.se', name: 'Prova Kurator', totpSecret: newTotpSecret() };
const healthText = 'Besök på vårdcentralen den 3 mars. Sover dåligt.\nVill ha tid hos psykolog.';
const correctedText = 'Besök på vårdcentralen den 4 mars. Sover dåligt.\nVill ha tid hos psykolog.';
const legalText = 'Förhör hos polisen planerat till nästa vecka.';

let runtime: Runtime;
let coordinatorPage: Page;
let caseId: string;

/** Builds the case, its team and the consent through the API, as the coordinator. */
async function api(token: string, method: 'POST', url: string, payload: unknown): Promise<Record<string, unknown>> {
  const response = await runtime.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const journal = (page: Page) => page.getByRole('region', { name: 'Journal' });
const entryAbout = (page: Page, text: string | RegExp): Locator => journal(page).getByRole('listitem').filter({ hasText: text }).first();

beforeAll(async () => {
  runtime = await startTestServer('journal');
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const region = await createRegionOrganisation(db, '18');
  const coordinatorId = await newUser({
    organisationId: orebro, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], totpSecret: coordinator.totpSecret,
  });
  const memberId = await newUser({
    organisationId: region, email: regionMember.email, name: regionMember.name, title: 'Kurator', roles: ['team_member'], totpSecret: regionMember.totpSecret,
  });
  const token = await newApiToken(coordinatorId, 'journal test');
  const created = await api(token, 'POST', '/api/v1/cases', { program: 'exit_program', participant: { alias: 'Hägg' } });
  caseId = String(created.id);
  await api(token, 'POST', `/api/v1/cases/${caseId}/consents`, {
    recipientOrganisationId: region, categories: ['health'], purposes: ['care_planning'], form: 'written', givenOn: new Date().toISOString().slice(0, 10),
  });
  await api(token, 'POST', `/api/v1/cases/${caseId}/team`, { userId: memberId, teamRole: 'team_member' });

  await launchBrowser();
  coordinatorPage = await logIn(coordinator);
});

afterAll(stop);

describe('the journal in the staff app', () => {
  it('shows an empty journal and refuses an entry without category or text', async () => {
    const page = coordinatorPage;
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Hägg');
    await journal(page).getByText('Det finns inga journalanteckningar som du kan läsa ännu.').waitFor();
    await expectAccessible(page, 'case page with an empty journal');

    await journal(page).getByRole('button', { name: 'Skriv en journalanteckning' }).click();
    // The category list holds exactly the categories the coordinator may read.
    const options = await page.getByLabel('Kategori', { exact: true }).locator('option').allTextContents();
    expect(options).toContain('Rättsprocess');
    expect(options).toContain('Hälsa');
    await page.getByRole('button', { name: 'Spara som utkast' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' });
    await summary.getByRole('link', { name: 'Välj en kategori.' }).waitFor();
    await summary.getByRole('link', { name: 'Skriv anteckningen.' }).waitFor();
    expect(await page.getByLabel('Anteckning', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'journal form with errors');
    const stored = await page.request.get(`/api/v1/cases/${caseId}/journal`);
    expect((await stored.json()).entries).toEqual([]);
  });

  it('saves a draft and signs it after confirming, with the keyboard', async () => {
    const page = coordinatorPage;
    await page.getByLabel('Kategori', { exact: true }).selectOption('health');
    await page.getByLabel('Anteckning', { exact: true }).fill(healthText);
    await page.getByRole('button', { name: 'Spara som utkast' }).focus();
    await page.keyboard.press('Enter');

    const entry = entryAbout(page, 'Besök på vårdcentralen den 3 mars');
    await entry.getByText('Utkast, inte signerad').waitFor();
    await entry.getByText(`Skriven av ${coordinator.name}, Örebro kommun.`).waitFor();
    // Line breaks are kept, and the text is text.
    expect(await entry.locator('.journal-text br').count()).toBe(1);
    await expectAccessible(page, 'journal with a draft');

    await entry.getByRole('button', { name: 'Signera anteckningen' }).focus();
    await page.keyboard.press('Enter');
    const question = entry.getByText('Signerade anteckningar kan inte ändras.', { exact: false });
    await question.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Signerade anteckningar kan inte ändras.');
    await expectAccessible(page, 'journal asking to sign');
    await entry.getByRole('button', { name: 'Ja, signera' }).click();

    await entry.getByText('Signerad', { exact: true }).waitFor();
    await entry.getByText(new RegExp(`Signerad .* av ${coordinator.name}\\.`)).waitFor();
    expect(await entry.getByRole('button', { name: 'Ändra utkastet' }).count()).toBe(0);
    await expectAccessible(page, 'journal with a signed entry');
  });

  it('refuses a change to the signed entry and corrects it with a reason, keeping the original', async () => {
    const page = coordinatorPage;
    const entry = entryAbout(page, 'Besök på vårdcentralen den 3 mars');
    await entry.getByRole('button', { name: 'Rätta anteckningen' }).click();
    await entry.getByLabel('Rättad text').fill(correctedText);
    await entry.getByRole('button', { name: 'Spara rättelsen' }).click();
    await entry.getByRole('alert').getByRole('link', { name: 'Skriv varför anteckningen rättas.' }).waitFor();
    await expectAccessible(page, 'correction form with an error');

    await entry.getByLabel('Orsak till rättelsen').fill('Fel datum i anteckningen.');
    await entry.getByRole('button', { name: 'Spara rättelsen' }).click();
    const corrections = entry.getByRole('heading', { name: 'Rättelser' });
    await corrections.waitFor();
    await entry.getByText('Orsak: Fel datum i anteckningen.').waitFor();
    await entry.getByText(new RegExp(`Rättad .* av ${coordinator.name}\\.`)).waitFor();
    // The original text stays, with the correction under it.
    await entry.getByText('Besök på vårdcentralen den 3 mars. Sover dåligt.').waitFor();
    await entry.getByText('Besök på vårdcentralen den 4 mars. Sover dåligt.').waitFor();
    await expectAccessible(page, 'journal with a correction');

    // Behind the page's back, the API refuses to change the signed entry and names the rule.
    const list = await (await page.request.get(`/api/v1/cases/${caseId}/journal`)).json();
    const csrfToken = await page.evaluate(() => sessionStorage.getItem('utvag.csrf'));
    const refused = await page.request.patch(`/api/v1/cases/${caseId}/journal/${list.entries[0].id}`, {
      headers: { 'x-csrf-token': csrfToken!, 'content-type': 'application/json' }, data: { version: list.entries[0].version, body: 'Ändrad.' },
    });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.code).toBe('entry_signed');
  });

  it('writes and signs a legal-process entry at once', async () => {
    const page = coordinatorPage;
    await journal(page).getByRole('button', { name: 'Skriv en journalanteckning' }).click();
    await page.getByLabel('Kategori', { exact: true }).selectOption('legal_process');
    await page.getByLabel('Anteckning', { exact: true }).fill(legalText);
    await page.getByRole('button', { name: 'Spara och signera' }).click();
    await expectAccessible(page, 'new entry asking to sign');
    await page.getByRole('button', { name: 'Ja, signera' }).click();
    const entry = entryAbout(page, legalText);
    await entry.getByText('Signerad', { exact: true }).waitFor();
    await entry.getByRole('heading', { name: /^Rättsprocess, / }).waitFor();
    // Newest first.
    const titles = await journal(page).getByRole('heading', { level: 3 }).allTextContents();
    expect(titles[0]).toMatch(/^Rättsprocess/);
    expect(titles[1]).toMatch(/^Hälsa/);
  });

  it('shows a stale draft edit plainly instead of overwriting, and shows markup as text', async () => {
    const page = coordinatorPage;
    const markup = '<b>Ansökan</b> om försörjningsstöd inlämnad.';
    await journal(page).getByRole('button', { name: 'Skriv en journalanteckning' }).click();
    await page.getByLabel('Kategori', { exact: true }).selectOption('income');
    await page.getByLabel('Anteckning', { exact: true }).fill(markup);
    await page.getByRole('button', { name: 'Spara som utkast' }).click();
    const entry = entryAbout(page, markup);
    await entry.getByText('Utkast, inte signerad').waitFor();
    expect(await entry.locator('b').count()).toBe(0);

    await entry.getByRole('button', { name: 'Ändra utkastet' }).click();
    await entry.getByLabel('Anteckning', { exact: true }).fill('Min version av anteckningen.');
    // The same draft is changed elsewhere first: the open form now holds an old version.
    const list = await (await page.request.get(`/api/v1/cases/${caseId}/journal`)).json();
    const draft = list.entries.find((each: { body: string }) => each.body === markup);
    const csrfToken = await page.evaluate(() => sessionStorage.getItem('utvag.csrf'));
    const other = await page.request.patch(`/api/v1/cases/${caseId}/journal/${draft.id}`, {
      headers: { 'x-csrf-token': csrfToken!, 'content-type': 'application/json' }, data: { version: draft.version, body: 'Ansökan inlämnad den 5 mars.' },
    });
    expect(other.status()).toBe(200);
    await entry.getByRole('button', { name: 'Spara ändringen' }).click();
    await entry.getByRole('alert').getByText(/Någon har ändrat anteckningen efter att du öppnade den/).waitFor();
    await expectAccessible(page, 'journal with a stale edit');
    await entry.getByRole('button', { name: 'Ladda om journalen' }).click();
    await entryAbout(page, 'Ansökan inlämnad den 5 mars.').waitFor();
    expect(await journal(page).getByText('Min version av anteckningen.').count()).toBe(0);
  });

  it('shows the region member the health entry with its correction, and not the legal-process entry', async () => {
    const page = await logIn(regionMember);
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Hägg');
    const entry = entryAbout(page, 'Besök på vårdcentralen den 3 mars');
    await entry.waitFor();
    await entry.getByText('Orsak: Fel datum i anteckningen.').waitFor();
    expect(await journal(page).getByText(legalText).count()).toBe(0);
    expect(await journal(page).getByRole('heading', { name: /^Rättsprocess/ }).count()).toBe(0);
    expect(await journal(page).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) }).count()).toBe(1);
    // Neither the author nor the coordinator: no change, no correction.
    expect(await entry.getByRole('button').count()).toBe(0);
    // The region writes only in the category it may read.
    await journal(page).getByRole('button', { name: 'Skriv en journalanteckning' }).click();
    const options = await page.getByLabel('Kategori', { exact: true }).locator('option').allTextContents();
    expect(options).toEqual(['Välj kategori', 'Hälsa']);
    await expectAccessible(page, 'journal as the region member');
    expect(await page.content()).not.toContain('polisen');
    await page.context().close();
  });
});
