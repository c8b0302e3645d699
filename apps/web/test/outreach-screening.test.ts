import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations, heading, launchBrowser, logIn, newContext, newUser, startTestServer, stockholmDay, stop } from './browser-harness';

/**
 * The outreach log on a phone-sized screen (defaults, the address warning, nothing lost when the server
 * refuses, the saved encounter in the list) and screening by asking done with the keyboard alone (an
 * adult referred into a new anonymous case; a child's answers that must become a report of concern).
 */

const outreachWorker = { email: 'uppsokare@outreach.test.utvag.se', name: 'Ines Uppsökare', totpSecret: newTotpSecret() };
const socialWorker = { email: 'mottagning@screening.test.utvag.se', name: 'Saga Mottagning', totpSecret: newTotpSecret() };

let runtime: Runtime;

beforeAll(async () => {
  runtime = await startTestServer('outreach-screening');
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const stockholm = await createMunicipalityOrganisation(db, '0180');
  await newUser({ organisationId: orebro, email: outreachWorker.email, name: outreachWorker.name, title: 'Uppsökare', roles: ['intake'], totpSecret: outreachWorker.totpSecret });
  await newUser({ organisationId: orebro, email: socialWorker.email, name: socialWorker.name, title: 'Socialsekreterare', roles: ['intake'], totpSecret: socialWorker.totpSecret });
  await newUser({ organisationId: stockholm, email: 'mottagning@stockholm.test.utvag.se', name: 'Stina Mottagning', title: 'Mottagning', roles: ['intake'], totpSecret: newTotpSecret() });
  await launchBrowser();
});

afterAll(stop);

describe('the outreach log on a phone', () => {
  it('starts with the day\'s defaults, warns about an address, keeps what was typed when refused, and saves the encounter', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await logIn(page, outreachWorker);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppsökande arbete' }).click();
    await heading(page, 'Uppsökande arbete');
    await page.getByText('Inga möten är loggade ännu.').waitFor();
    const form = page.locator('#outreach-form');

    expect(await form.getByLabel('Datum', { exact: true }).inputValue()).toBe(stockholmDay());
    expect(await form.getByLabel('Kommun', { exact: true }).inputValue()).toBe('1880');
    expect(await form.getByLabel('Gatan', { exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel('Antal personer ni träffade').inputValue()).toBe('1');
    // The page fits the phone: nothing to scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoAxeViolations(page, 'outreach log on a phone');

    await form.getByLabel('Hotell', { exact: true }).check();
    await form.getByLabel('Område (valfritt)').fill('Storgatan 5');
    await form.getByText('Det här ser ut som en adress. Skriv bara ett område, utan siffror.').waitFor();
    await form.getByLabel('Rumänska').check();
    await form.getByLabel('Kondomer').fill('10');
    await form.getByLabel('Vi erbjöd att hänvisa vidare').check();
    await form.getByLabel('Testning för hiv och könssjukdomar').check();
    await form.getByLabel('Kort anteckning (valfritt)').fill('Hon tog kortet till stödlinjen');
    await form.getByRole('button', { name: 'Spara mötet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' }).waitFor();
    await expectNoAxeViolations(page, 'outreach form with errors');

    // The server refuses a date in the future; everything typed stays.
    await form.getByLabel('Område (valfritt)').fill('Centrum');
    await form.getByLabel('Datum', { exact: true }).fill(stockholmDay(5));
    await form.getByRole('button', { name: 'Spara mötet' }).click();
    await page.getByText('Datumet ska vara i dag eller tidigare, högst ett år bakåt. Det du skrev finns kvar i formuläret.').waitFor();
    expect(await form.getByLabel('Kort anteckning (valfritt)').inputValue()).toBe('Hon tog kortet till stödlinjen');
    expect(await form.getByLabel('Kondomer').inputValue()).toBe('10');
    expect(await form.getByLabel('Hotell', { exact: true }).isChecked()).toBe(true);

    await form.getByLabel('Datum', { exact: true }).fill(stockholmDay());
    await form.getByRole('button', { name: 'Spara mötet' }).click();
    const recent = page.getByRole('region', { name: 'Senaste möten' });
    await recent.getByText('Hotell, Örebro, Centrum').waitFor();
    await recent.getByText('Material: Kondomer 10').waitFor();
    await recent.getByText('Hänvisning: Testning för hiv och könssjukdomar').waitFor();
    // Ready for the next encounter, in the same arena and place; the rest is cleared.
    expect(await form.getByLabel('Hotell', { exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel('Kort anteckning (valfritt)').inputValue()).toBe('');
    const statistics = page.getByRole('region', { name: 'Statistik' });
    await statistics.getByRole('cell', { name: 'Hotell' }).waitFor();
    await statistics.getByLabel('Som andra ser den (små tal dolda)').check();
    await statistics.getByRole('cell', { name: 'Dolt' }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoAxeViolations(page, 'outreach log after saving');
    await context.close();
  });
});

describe('screening by asking, with the keyboard only', () => {
  it('refers an adult into a new anonymous case, and makes a child\'s answers a report of concern', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await logIn(page, socialWorker);
    await page.goto('/app/screening');
    await heading(page, 'Fråga om utsatthet');
    await page.getByText('Inga frågetillfällen är sparade ännu.').waitFor();
    await expectNoAxeViolations(page, 'screening page');
    const keyboard = page.keyboard;
    const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id ?? '');

    // The heading has focus; Tab reaches each group of choices, arrows choose, Space picks the first.
    await keyboard.press('Tab');
    expect(await focused()).toBe('screening-setting-healthcare');
    for (let step = 0; step < 3; step += 1) await keyboard.press('ArrowDown');
    expect(await page.getByLabel('Socialtjänsten', { exact: true }).isChecked()).toBe(true);
    await keyboard.press('Tab');
    await keyboard.press('ArrowDown');
    expect(await page.getByLabel('Nej, en vuxen').isChecked()).toBe(true);
    const answer = async (yes: boolean) => { await keyboard.press('Tab'); await keyboard.press(yes ? 'Space' : 'ArrowDown'); };
    await answer(false); // given something for sex
    await answer(true); // pressured or threatened
    await answer(false);
    await answer(false);
    await answer(false);
    await answer(true); // wants help
    const outcome = page.getByRole('region', { name: 'Vad svaren visar' });
    await outcome.getByText('Tydliga tecken på utnyttjande.').waitFor();
    await outcome.getByText('Erbjud en remiss till exitprogrammet. Personen bestämmer själv.').waitFor();
    await keyboard.press('Tab');
    expect(await focused()).toBe('screening-choice-refer');
    await keyboard.press('Space');
    await keyboard.press('Tab');
    expect(await focused()).toBe('screening-person-agrees');
    await keyboard.press('Space');
    await keyboard.press('Tab');
    expect(await focused()).toBe('screening-municipality');
    await keyboard.press('Tab');
    await keyboard.press('Enter');
    const saved = page.getByRole('status').filter({ hasText: 'Svaren är sparade och ett anonymt ärende är öppnat.' });
    await saved.waitFor();
    await expectNoAxeViolations(page, 'screening saved with a referral');

    // A child: one uncertain answer is enough to require a report of concern.
    await page.getByRole('heading', { level: 1 }).focus();
    await keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Öppna ärendet');
    await keyboard.press('Tab');
    expect(await focused()).toBe('screening-setting-social_services');
    await keyboard.press('Tab');
    await keyboard.press('Space');
    expect(await page.getByLabel('Ja, ett barn').isChecked()).toBe(true);
    await answer(false);
    await answer(false);
    await answer(false);
    await answer(false);
    await keyboard.press('Tab');
    for (let step = 0; step < 2; step += 1) await keyboard.press('ArrowDown'); // owes someone: unsure
    await answer(false);
    await outcome.getByText('Du ska göra en orosanmälan till socialtjänsten. Barnet har rätt till skydd direkt.').waitFor();
    await keyboard.press('Tab');
    expect(await focused()).toBe('screening-municipality');
    await keyboard.press('Tab');
    await keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' });
    await summary.getByRole('link', { name: 'Välj kommun.' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await expectNoAxeViolations(page, 'screening with a missing municipality');
    await keyboard.press('Tab');
    await keyboard.press('Enter');
    expect(await focused()).toBe('screening-municipality');
    await keyboard.type('Stockholm');
    expect(await page.getByLabel('Kommunens socialtjänst').inputValue()).toBe('0180');
    await keyboard.press('Tab');
    await keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Svaren är sparade och orosanmälan är skickad till Stockholms kommun.' }).waitFor();
    await page.getByRole('region', { name: 'Tidigare frågetillfällen' }).getByText('Orosanmälan till Stockholms kommun').waitFor();
    await page.getByRole('region', { name: 'Identifierade genom att fråga' }).getByRole('cell', { name: 'Socialtjänsten' }).waitFor();

    await page.goto('/app/');
    await heading(page, 'Mina ärenden');
    await page.getByRole('link', { name: /^Anonym \d{6}-/ }).first().focus();
    await keyboard.press('Enter');
    await page.getByText('Socialtjänsten', { exact: true }).first().waitFor();
    await context.close();
  });
});
