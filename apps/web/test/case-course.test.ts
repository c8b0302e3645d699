import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations, launchBrowser, logIn, newPage, newUser, startTestServer, stop } from './browser-harness';

const coordinator = { email: 'samordnare@lund.test.utvag.se', name: 'Testa Samordnare', totpSecret: newTotpSecret() };
const pauseReason = 'Personen vill vila från insatserna en tid.';

let runtime: Runtime;
let page: Page;
let course: Locator;

async function expectAccessible(where: string): Promise<void> {
  await expectNoAxeViolations(page, where);
}

async function heading(name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** The day `days` from today in Stockholm, as a date input takes it. */
function stockholmDay(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));
}

async function expectStatus(status: string): Promise<void> {
  await course.getByRole('definition').filter({ has: page.locator('strong', { hasText: status }) }).waitFor();
}

async function expectHistory(text: string): Promise<Locator> {
  const item = course.getByRole('listitem').filter({ hasText: text }).first();
  await item.waitFor();
  return item;
}

async function advanceTo(status: string): Promise<void> {
  await course.getByRole('button', { name: `Gå vidare till ${status}` }).click();
  await expectStatus(status);
}

beforeAll(async () => {
  runtime = await startTestServer('case-course');
  const { db } = runtime.database;
  const lund = await createMunicipalityOrganisation(db, '1281');
  await newUser({
    organisationId: lund, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], totpSecret: coordinator.totpSecret,
  });
  await launchBrowser();
  page = await logIn(await newPage(), coordinator);
  course = page.getByRole('region', { name: 'Förlopp' });
});

afterAll(stop);

describe('the case course in the staff app', () => {
  it('opens a case with its entry channel', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Nytt ärende' }).click();
    await heading('Nytt ärende');
    await page.getByLabel('Kontaktväg').selectOption({ label: 'Uppsökande arbete' });
    await page.getByLabel('Alias', { exact: true }).fill('Lärk');
    await expectAccessible('new case with an entry channel');
    await page.getByRole('button', { name: 'Skapa ärendet' }).click();
    await heading('Ärende: Lärk');
    await expectStatus('Kontakt');
    await course.getByText('Uppsökande arbete').waitFor();
    await course.getByText('Förloppet har inte ändrats sedan ärendet skapades.').waitFor();
    // From contact the state machine offers exactly: assessment, pause, close.
    expect(await course.getByRole('group', { name: 'Ändra förloppet' }).getByRole('button').allInnerTexts()).toEqual(['Gå vidare till Bedömning', 'Pausa ärendet', 'Avsluta ärendet']);
    await expectAccessible('case page at contact');
  });

  it('moves the case through assessment and planning to active', async () => {
    await advanceTo('Bedömning');
    await expectHistory('Från Kontakt till Bedömning');
    await expectAccessible('case page at assessment');
    await advanceTo('Planering');
    await advanceTo('Pågående');
    await expectHistory('Från Planering till Pågående');
    expect(await course.getByRole('button', { name: /Gå vidare till/ }).allInnerTexts()).toEqual(['Gå vidare till Uppföljning']);
    await expectAccessible('case page at active');
  });

  it('pauses with a reason and a planned check-in, after naming what is missing', async () => {
    await course.getByRole('button', { name: 'Pausa ärendet' }).click();
    const form = page.locator('#course-pause-form');
    await form.getByRole('button', { name: 'Pausa ärendet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' }).getByRole('link', { name: 'Skriv en anledning till pausen.' }).waitFor();
    await expectAccessible('pause form with an error');
    await form.getByLabel('Anledning till pausen').fill(pauseReason);
    await form.getByLabel('Planerad avstämning').fill(stockholmDay(-1));
    await form.getByRole('button', { name: 'Pausa ärendet' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Dagen för avstämning kan inte vara tidigare än i dag.' }).waitFor();
    const checkIn = stockholmDay(7);
    await form.getByLabel('Planerad avstämning').fill(checkIn);
    await form.getByRole('button', { name: 'Pausa ärendet' }).click();
    await expectStatus('Pausat');
    const paused = await expectHistory('Från Pågående till Pausat');
    await paused.getByText(`Anledning: ${pauseReason}`).waitFor();
    await paused.getByText(`Planerad avstämning: ${checkIn}`).waitFor();
    await expectAccessible('case page, paused');
  });

  it('shows plainly that someone else changed the case, and changes nothing', async () => {
    const caseId = new URL(page.url()).pathname.split('/').pop();
    const csrfToken = await page.evaluate(() => sessionStorage.getItem('utvag.csrf'));
    const current = await (await page.request.get(`/api/v1/cases/${caseId}`)).json();
    const other = await page.request.patch(`/api/v1/cases/${caseId}`, {
      headers: { 'x-csrf-token': csrfToken!, 'content-type': 'application/json' },
      data: { version: current.version, participant: { alias: 'Lärk' } },
    });
    expect(other.status()).toBe(200);
    await course.getByRole('button', { name: 'Återuppta ärendet' }).click();
    await page.locator('#course-reentry-form').getByRole('button', { name: 'Återuppta ärendet' }).click();
    await course.getByRole('alert').getByText(/Någon annan har ändrat ärendet/).waitFor();
    await expectStatus('Pausat');
    await expectAccessible('case page with a stale transition');
    await course.getByRole('button', { name: 'Ladda om ärendet' }).click();
    await course.getByRole('button', { name: 'Återuppta ärendet' }).waitFor();
  });

  it('resumes where the case was before the pause, keeping the history', async () => {
    await course.getByRole('button', { name: 'Återuppta ärendet' }).click();
    const form = page.locator('#course-reentry-form');
    expect(await form.getByLabel('Steg').inputValue()).toBe('active');
    await expectAccessible('re-entry form');
    await form.getByRole('button', { name: 'Återuppta ärendet' }).click();
    await expectStatus('Pågående');
    await expectHistory('Från Pausat till Pågående');
    await expectHistory('Från Pågående till Pausat');
    await expectAccessible('case page, resumed');
  });

  it('closes with goals reached after confirmation, using the keyboard', async () => {
    await course.getByRole('button', { name: 'Avsluta ärendet' }).click();
    const form = page.locator('#course-close-form');
    await form.getByLabel('Målen är nådda').check();
    await form.getByRole('button', { name: 'Avsluta ärendet' }).click();
    const question = form.getByText('Är du säker på att du vill avsluta ärendet med anledningen ”Målen är nådda”?');
    await question.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Är du säker'));
    await expectAccessible('close confirmation');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, avsluta ärendet');
    await page.keyboard.press('Enter');
    await expectStatus('Avslutat');
    const closed = await expectHistory('Från Pågående till Avslutat');
    await closed.getByText('Anledning till avslut: Målen är nådda').waitFor();
    expect(await course.getByRole('group', { name: 'Ändra förloppet' }).getByRole('button').allInnerTexts()).toEqual(['Öppna ärendet igen']);
    expect(await course.getByRole('listitem').count()).toBe(6);
    await expectAccessible('case page, closed');
  });
});
