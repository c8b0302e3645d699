import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations, heading, launchBrowser, logInNewPage, newUser, startTestServer, stop } from './browser-harness';

/**
 * "Find help near you" end to end: an administrator adds a service in the staff app using the
 * keyboard, and a visitor with JavaScript off finds it by choosing the municipality in a plain form;
 * then the service is changed, hidden and deleted. axe on every page, the public ones as a visitor
 * without JavaScript gets them.
 */

const admin = { email: 'admin@directory.test.utvag.se', name: 'Alva Admin', totpSecret: newTotpSecret() };
const serviceName = 'Mottagningen Vägen (test)';

let runtime: Runtime;
let browser: Browser;
let origin: string;
let staff: Page;
let visitor: BrowserContext;
/** JavaScript on, but the public site's one script refused: the document a visitor without JavaScript gets, where axe can run. */
let scriptless: BrowserContext;

async function publicAxe(path: string, where: string): Promise<void> {
  const page = await scriptless.newPage();
  await page.goto(path);
  await expectNoAxeViolations(page, where);
  await page.close();
}

/** Moves focus with Tab until the element is focused; fails rather than loops forever. */
async function tabTo(page: Page, name: string, role: 'link' | 'button'): Promise<void> {
  const target = page.getByRole(role, { name, exact: true });
  for (let presses = 0; presses < 150; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${role} "${name}"`);
}

async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.type(text);
}

beforeAll(async () => {
  runtime = await startTestServer('directory');
  const orebro = await createMunicipalityOrganisation(runtime.database.db, '1880');
  await newUser({ organisationId: orebro, email: admin.email, name: admin.name, title: 'Systemförvaltare', roles: ['org_admin'], totpSecret: admin.totpSecret });
  browser = await launchBrowser();
  const address = runtime.app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no port.');
  origin = `http://localhost:${address.port}`;
  visitor = await browser.newContext({ baseURL: origin, javaScriptEnabled: false, locale: 'sv-SE' });
  visitor.setDefaultTimeout(10_000);
  scriptless = await browser.newContext({ baseURL: origin, locale: 'sv-SE' });
  await scriptless.route('**/public-assets/*.js', (route) => route.abort());
  staff = await logInNewPage(admin);
});

afterAll(async () => {
  await visitor?.close();
  await scriptless?.close();
  await stop();
});

describe('the service directory', () => {
  it('lets an administrator add a service with the keyboard, after explaining what is missing', async () => {
    await tabTo(staff, 'Hitta hjälp', 'link');
    await staff.keyboard.press('Enter');
    await heading(staff, 'Våra tjänster i Hitta hjälp');
    await staff.getByText('Ni har inte lagt in några tjänster än.').waitFor();
    await expectNoAxeViolations(staff, 'empty directory page');

    await tabTo(staff, 'Lägg till en tjänst', 'button');
    await staff.keyboard.press('Enter');
    await staff.getByRole('heading', { level: 2, name: 'Ny tjänst' }).waitFor();
    await typeInto(staff, 'Webbadress (valfritt)', 'javascript:alert(1)');
    await tabTo(staff, 'Lägg till tjänsten', 'button');
    await staff.keyboard.press('Enter');
    const summary = staff.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' });
    await summary.getByRole('link', { name: 'Välj slags tjänst.' }).waitFor();
    await summary.getByRole('link', { name: 'Skriv hela webbadressen, med https://' }).waitFor();
    await summary.getByRole('link', { name: 'Skriv en beskrivning på svenska.' }).waitFor();
    await expectNoAxeViolations(staff, 'directory form with errors');
    const none = await staff.request.get('/api/v1/directory-entries', { headers: { accept: 'application/json' } });
    expect((await none.json()).entries).toHaveLength(0);

    await staff.getByLabel('Slags tjänst', { exact: true }).focus();
    await staff.keyboard.press('ArrowDown');
    await expect.poll(() => staff.getByLabel('Slags tjänst', { exact: true }).inputValue()).toBe('social_services');
    await typeInto(staff, 'Namn', serviceName);
    await typeInto(staff, 'Beskrivning på svenska', 'Vi hjälper dig som säljer sex. Du kan vara anonym.');
    await typeInto(staff, 'Telefon (valfritt)', '019-99 99 99');
    await staff.getByLabel('Webbadress (valfritt)', { exact: true }).fill('');
    await typeInto(staff, 'Webbadress (valfritt)', 'https://vagen.example');
    // A time field's segments take typing differently per platform; fill sets the whole value, as a picker would.
    await staff.getByLabel('Måndag öppnar', { exact: true }).fill('08:00');
    await staff.getByLabel('Måndag stänger', { exact: true }).fill('16:00');
    await staff.getByLabel('Språk ni kan ta emot på utan tolk', { exact: true }).fill('');
    await typeInto(staff, 'Språk ni kan ta emot på utan tolk', 'sv, ro');
    await staff.getByLabel('Man kan vara anonym', { exact: true }).focus();
    await staff.keyboard.press('Space');
    await tabTo(staff, 'Lägg till tjänsten', 'button');
    await staff.keyboard.press('Enter');

    await staff.getByRole('heading', { level: 2, name: serviceName }).waitFor();
    await staff.getByText('Visas på webbplatsen').waitFor();
    await expectNoAxeViolations(staff, 'directory page with an entry');
    const saved = (await (await staff.request.get('/api/v1/directory-entries')).json()).entries;
    expect(saved).toMatchObject([{
      name: serviceName, kind: 'social_services', phone: '019-99 99 99', webAddress: 'https://vagen.example', languages: ['sv', 'ro'], anonymous: true,
      openingHours: { alwaysOpen: false, periods: [{ day: 'mon', opens: '08:00', closes: '16:00' }] }, coverage: { scope: 'own_area' }, published: true,
    }]);
  });

  it('is found by a visitor without JavaScript who chooses the municipality in a plain form', async () => {
    const page = await visitor.newPage();
    await page.goto('/find-help');
    await heading(page, 'Hitta hjälp nära dig');
    await publicAxe('/find-help', 'find-help chooser');
    await page.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Örebro' });
    await page.getByRole('button', { name: 'Visa hjälp i kommunen' }).click();
    await heading(page, 'Hjälp i Örebro');
    expect(new URL(page.url()).pathname).toBe('/find-help/1880');
    const service = page.getByRole('article').filter({ hasText: serviceName });
    await service.getByRole('heading', { level: 3, name: serviceName }).waitFor();
    expect(await service.getByRole('link', { name: '019-99 99 99' }).getAttribute('href')).toBe('tel:019999999');
    await service.getByText('rumänska').waitFor();
    await page.getByText('Ring 112').first().waitFor();
    await publicAxe('/find-help/1880', 'municipality page');

    await page.goto('/find-help');
    await page.getByLabel('Kommunens namn', { exact: true }).fill('orebro');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('link', { name: 'Örebro', exact: true }).click();
    await heading(page, 'Hjälp i Örebro');
    await publicAxe('/find-help?q=orebro', 'search results');
    await publicAxe('/find-help?municipality=', 'chooser with an error');
    await page.close();
  });

  it('changes, hides and deletes the service, asking before it deletes', async () => {
    await staff.getByRole('button', { name: `Ändra ${serviceName}` }).click();
    await staff.getByRole('heading', { level: 2, name: `Ändra ${serviceName}` }).waitFor();
    const name = staff.getByLabel('Namn', { exact: true });
    await name.fill('');
    await typeInto(staff, 'Namn', 'Mottagningen Stigen (test)');
    await staff.getByRole('button', { name: 'Spara' }).click();
    await staff.getByRole('heading', { level: 2, name: 'Mottagningen Stigen (test)' }).waitFor();

    await staff.getByRole('button', { name: 'Dölj Mottagningen Stigen (test) från webbplatsen' }).click();
    await staff.getByText('Dold', { exact: true }).waitFor();
    const page = await visitor.newPage();
    await page.goto('/find-help/1880');
    expect(await page.getByText('Mottagningen Stigen (test)').count()).toBe(0);
    await page.getByText('Ingen verksamhet har lagt in sina uppgifter för Örebro än.').waitFor();
    await page.close();

    await staff.getByRole('button', { name: 'Ta bort Mottagningen Stigen (test)' }).click();
    await staff.getByText('Vill du ta bort Mottagningen Stigen (test) för gott?').waitFor();
    await expectNoAxeViolations(staff, 'delete confirmation');
    await staff.getByRole('button', { name: 'Ja, ta bort' }).click();
    await staff.getByText('Ni har inte lagt in några tjänster än.').waitFor();
    await expect.poll(() => staff.evaluate(() => document.activeElement?.textContent)).toBe('Lägg till en tjänst');
    expect((await (await staff.request.get('/api/v1/directory-entries')).json()).entries).toHaveLength(0);
  });
});
