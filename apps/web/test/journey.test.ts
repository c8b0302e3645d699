import * as OTPAuth from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation, createRegionOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { PASSWORD, expectNoAxeViolations as expectAccessible, heading, launchBrowser, logInNewPage as logIn, newContext, newUser, startTestServer, stop } from './browser-harness';

const coordinator = { email: 'samordnare@orebro.test.utvag.se', name: 'Elin Samordnare' };
const regionMember = { email: 'kurator@region-orebro.test.utvag.se', name: 'Sofia Kurator', totpSecret: newTotpSecret() };
const intake = { email: 'mottagning@orebro.test.utvag.se', name: 'Omar Mottagning', totpSecret: newTotpSecret() };
const manager = { email: 'chef@orebro.test.utvag.se', name: 'Lena Chef', totpSecret: newTotpSecret() };
const consentSentence = 'Region Örebro län får ta del av uppgifter om hälsa för vårdplanering, till 2027-06-30.';

let runtime: Runtime;
let coordinatorContext: BrowserContext;
let memberContext: BrowserContext;
let coordinatorPage: Page;
let memberPage: Page;
let caseUrl: string;

/** Focus moves to the page's h1 when a page appears, so screen reader users start at the top of the new content. */
async function expectFocusOnHeading(page: Page, name: string): Promise<void> {
  await page.waitForFunction((text) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === text, name);
}

async function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

function codeFor(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
}

async function selectWhenLoaded(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  await select.locator('option', { hasText: option }).first().waitFor({ state: 'attached' });
  const value = await select.locator('option', { hasText: option }).first().getAttribute('value');
  await select.selectOption(value!);
}

beforeAll(async () => {
  runtime = await startTestServer('journey');
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const region = await createRegionOrganisation(db, '18');
  await newUser({ organisationId: orebro, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'] });
  for (const [user, role] of [[intake, 'intake'], [manager, 'manager']] as const) {
    await newUser({ organisationId: orebro, email: user.email, name: user.name, roles: [role], totpSecret: user.totpSecret });
  }
  await newUser({
    organisationId: region, email: regionMember.email, name: regionMember.name, title: 'Kurator', roles: ['team_member'], totpSecret: regionMember.totpSecret,
  });
  await launchBrowser();
  coordinatorContext = await newContext();
  memberContext = await newContext();
  coordinatorPage = await coordinatorContext.newPage();
  memberPage = await memberContext.newPage();
});

afterAll(stop);

describe('the staff app, from first login to withdrawn consent', () => {
  it('lets the coordinator log in with the keyboard alone and enrol a second factor', async () => {
    const page = coordinatorPage;
    await page.goto('/app/');
    await heading(page, 'Logga in');
    await expectFocusOnHeading(page, 'Logga in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await expectAccessible(page, 'login');

    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('email');
    await page.keyboard.type(coordinator.email);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    await heading(page, 'Lägg till en andra inloggningsfaktor');
    await page.getByRole('img', { name: /QR-kod som kopplar autentiseringsappen/ }).waitFor();
    await expectAccessible(page, 'second-factor enrolment');
    const secret = await page.getByLabel('Nyckel för manuell inmatning').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Engångskod').fill(codeFor(secret));
    await page.getByRole('button', { name: 'Bekräfta och logga in' }).click();

    await heading(page, 'Mina ärenden');
    await page.getByText('Du har inga ärenden ännu.').waitFor();
    await expectAccessible(page, 'my cases, empty');
  });

  it('switches to English, remembers the choice across a reload, and back', async () => {
    const page = coordinatorPage;
    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, 'My cases');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await heading(page, 'My cases');
    await page.getByText('You have no cases yet.').waitFor();
    await expectAccessible(page, 'my cases in English');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await heading(page, 'Mina ärenden');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
  });

  it('refuses an invalid personnummer in Swedish and creates nothing, then creates the identified case', async () => {
    const page = coordinatorPage;
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Nytt ärende' }).click();
    await heading(page, 'Nytt ärende');
    await expectFocusOnHeading(page, 'Nytt ärende');
    await expectAccessible(page, 'new case');

    await page.getByLabel('Identifierad – med namn och personnummer eller samordningsnummer').check();
    await page.getByLabel('Alias', { exact: true }).fill('Björk');
    await page.getByLabel('Förnamn').fill('Testa');
    await page.getByLabel('Efternamn').fill('Exempeldotter');
    const identityNumber = page.getByRole('textbox', { name: 'Personnummer eller samordningsnummer' });
    await identityNumber.fill('19121212-1213');
    await page.getByLabel('Telefon').fill('070-123 45 67');
    await page.getByRole('button', { name: 'Skapa ärendet' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' });
    await summary.getByRole('link', { name: /kontrollsiffran är fel/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await identityNumber.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#participant-identity-number-error').textContent()).toContain('kontrollsiffran är fel');
    expect(await identityNumber.evaluate((input) => input.getAttribute('aria-describedby'))).toContain('participant-identity-number-error');
    await expectAccessible(page, 'new case with an error');
    const listed = await page.request.get('/api/v1/cases');
    expect((await listed.json()).cases).toEqual([]);

    await summary.getByRole('link', { name: /kontrollsiffran är fel/ }).click();
    expect(await focusedId(page)).toBe('participant-identity-number');
    await identityNumber.fill('19121212-1212');
    await page.getByRole('button', { name: 'Skapa ärendet' }).click();

    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
    caseUrl = new URL(page.url()).pathname;
    await heading(page, 'Ärende: Björk');
    await expectFocusOnHeading(page, 'Ärende: Björk');
    const participant = page.getByRole('region', { name: 'Deltagare' });
    await participant.getByText('19121212-1212').waitFor();
    await participant.getByText('Testa', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Tvärprofessionell grupp' }).getByText(coordinator.name).waitFor();
    await expectAccessible(page, 'case page');
    expect((await (await page.request.get('/api/v1/cases')).json()).cases).toHaveLength(1);
  });

  it('shows a stale edit plainly instead of overwriting', async () => {
    const page = coordinatorPage;
    await page.getByRole('button', { name: 'Ändra deltagarens uppgifter' }).click();
    await page.getByLabel('Telefon').fill('070-765 43 21');
    // Someone else saves first: the case's version moves on under the open form.
    const csrfToken = await page.evaluate(() => sessionStorage.getItem('utvag.csrf'));
    const caseId = caseUrl.split('/').pop();
    const other = await page.request.patch(`/api/v1/cases/${caseId}`, {
      headers: { 'x-csrf-token': csrfToken!, 'content-type': 'application/json' },
      data: { version: 1, participant: { address: 'Storgatan 1, Örebro' } },
    });
    expect(other.status()).toBe(200);
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByRole('alert').getByText(/Någon annan har ändrat ärendet/).waitFor();
    await expectAccessible(page, 'case page with a stale edit');
    await page.getByRole('button', { name: 'Ladda om ärendet' }).click();
    await page.getByRole('region', { name: 'Deltagare' }).getByText('Storgatan 1, Örebro').waitFor();
  });

  it('asks once more, unseen, when the server stopped a request because the account had changed', async () => {
    const page = coordinatorPage;
    // The server answers 409 account_changed before it reads anything, having looked the session up again.
    const asked: number[] = [];
    const caseList = (url: URL) => url.pathname === '/api/v1/cases';
    await page.route(caseList, async (route) => {
      asked.push(asked.length + 1);
      if (asked.length > 1) return route.continue();
      return route.fulfill({
        status: 409, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'account_changed', message: 'Your account was changed while you were working. Reload the page and try again.' } }),
      });
    });
    try {
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mina ärenden' }).click();
      await heading(page, 'Mina ärenden');
      await page.getByRole('link', { name: /Björk/ }).first().waitFor();
      expect(asked).toEqual([1, 2]);
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await page.unroute(caseList);
    }
    await page.goto(new URL(caseUrl, page.url()).toString());
    await heading(page, 'Ärende: Björk');
  });

  it('records consent for the region and states it as a Swedish sentence', async () => {
    const page = coordinatorPage;
    await page.getByRole('button', { name: 'Registrera ett nytt samtycke' }).click();
    await selectWhenLoaded(page, 'Organisation som får ta del av uppgifterna', 'Region Örebro län');
    await page.getByRole('group', { name: 'Uppgifter som får delas', exact: true }).getByLabel('Hälsa', { exact: true }).check();
    await page.getByRole('group', { name: 'Ändamål', exact: true }).getByLabel('Vårdplanering', { exact: true }).check();
    await page.getByRole('group', { name: 'Hur lämnades samtycket?' }).getByLabel('Skriftligt').check();
    await page.getByLabel('Gäller till och med (valfritt)').fill('2027-06-30');
    await expectAccessible(page, 'consent form');
    await page.getByRole('button', { name: 'Spara samtycket' }).click();

    const consents = page.getByRole('region', { name: 'Samtycken' });
    await consents.getByText(consentSentence, { exact: true }).waitFor();
    await consents.getByText('Gäller', { exact: true }).waitFor();
    await expectAccessible(page, 'case page with consent');
  });

  it('adds a team member from Region Örebro län', async () => {
    const page = coordinatorPage;
    const team = page.getByRole('region', { name: 'Tvärprofessionell grupp' });
    await selectWhenLoaded(page, 'Organisation', 'Region Örebro län');
    await selectWhenLoaded(page, 'Person', regionMember.name);
    expect(await page.getByLabel('Roll i gruppen').inputValue()).toBe('team_member');
    await page.getByRole('button', { name: 'Lägg till i gruppen' }).click();
    await team.getByRole('listitem').filter({ hasText: regionMember.name }).getByText('Region Örebro län · Medlem i gruppen').waitFor();
    await expectAccessible(page, 'case page with the team');
  });

  it('shows the access log extract with Swedish actions', async () => {
    const page = coordinatorPage;
    await page.getByRole('link', { name: 'Visa loggutdrag' }).click();
    await heading(page, 'Loggutdrag');
    const table = page.getByRole('table', { name: 'Vem har tagit del av uppgifterna i ärendet' });
    await table.getByRole('cell', { name: 'Registrerade samtycke' }).first().waitFor();
    await table.getByRole('cell', { name: 'Skapade ärendet' }).first().waitFor();
    await expectAccessible(page, 'access log');
    await page.getByRole('link', { name: 'Tillbaka till ärendet' }).click();
    await heading(page, 'Ärende: Björk');
  });

  it('lets the region member see the case as consent allows: the alias, not the names', async () => {
    const page = memberPage;
    await page.goto('/app/');
    await heading(page, 'Logga in');
    await page.getByLabel('E-postadress').fill(regionMember.email);
    await page.getByLabel('Lösenord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await heading(page, 'Ange engångskod');
    await expectAccessible(page, 'second-factor code');
    await page.getByLabel('Engångskod').fill(currentTotp(regionMember.totpSecret));
    await page.getByRole('button', { name: 'Logga in' }).click();

    await heading(page, 'Mina ärenden');
    await page.getByRole('table', { name: 'Ärenden som du har tillgång till' }).getByRole('link', { name: 'Björk' }).waitFor();
    await expectAccessible(page, 'my cases with a case');
    await page.getByRole('link', { name: 'Björk' }).click();
    await heading(page, 'Ärende: Björk');
    const participant = page.getByRole('region', { name: 'Deltagare' });
    await participant.getByText(/namn och personnummer visas inte för dig/).waitFor();
    await page.getByRole('region', { name: 'Samtycken' }).getByText(consentSentence).waitFor();
    const main = await page.getByRole('main').innerText();
    expect(main).toContain('Björk');
    expect(main).toContain('Genom deltagarens samtycke');
    for (const hidden of ['Testa', 'Exempeldotter', '19121212', '070-123', 'Storgatan']) expect(main).not.toContain(hidden);
    expect(await page.getByRole('button', { name: 'Lägg till i gruppen' }).count()).toBe(0);
    await expectAccessible(page, 'case page as a consented team member');
  });

  it('withdraws the consent after confirmation, and the member then finds nothing', async () => {
    const page = coordinatorPage;
    await page.getByRole('button', { name: 'Återkalla samtycket för Region Örebro län' }).click();
    const confirm = page.getByRole('group', { name: 'Återkalla samtycket för Region Örebro län' });
    await confirm.getByText(/^Är du säker\?/).waitFor();
    await expectAccessible(page, 'withdrawal confirmation');
    await confirm.getByRole('button', { name: 'Ja, återkalla' }).click();
    const consents = page.getByRole('region', { name: 'Samtycken' });
    await consents.getByText(/^Återkallat \d{4}-\d{2}-\d{2}$/).waitFor();
    expect(await page.getByRole('button', { name: 'Återkalla samtycket för Region Örebro län' }).count()).toBe(0);
    await expectAccessible(page, 'case page with withdrawn consent');

    await memberPage.reload();
    await heading(memberPage, 'Ärendet hittades inte');
    expect(await memberPage.getByRole('main').innerText()).not.toContain('Björk');
    await expectAccessible(memberPage, 'case not found');

    await memberPage.getByLabel('Skäl till nödåtkomst').fill('Akut behov av uppgifter för vårdplanering.');
    await memberPage.getByRole('button', { name: 'Begär nödåtkomst' }).click();
    // Another organisation's staff cannot take emergency access; the server answers as if the case did not exist.
    await memberPage.getByRole('alert').getByText('Ärendet finns inte, eller så kan du inte få nödåtkomst till det.').waitFor();
    await expectAccessible(memberPage, 'refused emergency access');
  });

  it('gives emergency access to intake staff of the owning organisation, and tells the manager', async () => {
    const intakePage = await logIn(intake);
    await intakePage.goto(caseUrl);
    await heading(intakePage, 'Ärendet hittades inte');
    await intakePage.getByRole('button', { name: 'Begär nödåtkomst' }).click();
    await intakePage.getByRole('alert').getByRole('link', { name: 'Skriv ett skäl med minst 10 tecken.' }).waitFor();
    await intakePage.getByLabel('Skäl till nödåtkomst').fill('Personen har ringt och behöver skydd i kväll.');
    await intakePage.getByRole('button', { name: 'Begär nödåtkomst' }).click();
    await heading(intakePage, 'Ärende: Björk');
    await intakePage.getByRole('note').getByText(/Du ser ärendet genom nödåtkomst/).waitFor();
    await intakePage.getByRole('region', { name: 'Deltagare' }).getByText('Testa', { exact: true }).waitFor();
    await expectAccessible(intakePage, 'case page under emergency access');

    const managerPage = await logIn(manager);
    const unread = managerPage.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Aviseringar 1 olästa' });
    await unread.click();
    await heading(managerPage, 'Aviseringar');
    const notification = managerPage.getByRole('listitem').filter({ hasText: 'Någon har tagit nödåtkomst till ett ärende i din organisation.' });
    await notification.getByText('Oläst', { exact: true }).waitFor();
    await expectAccessible(managerPage, 'notifications with one unread');
    await notification.getByRole('button', { name: 'Markera som läst' }).click();
    await notification.getByText('Läst', { exact: true }).waitFor();
    await managerPage.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Aviseringar', exact: true }).waitFor();
    await notification.getByRole('link', { name: 'Öppna ärendet' }).click();
    await heading(managerPage, 'Ärende: Björk');

    const page = coordinatorPage;
    await page.getByRole('link', { name: 'Visa loggutdrag' }).click();
    await heading(page, 'Loggutdrag');
    const emergencyRow = page.getByRole('row').filter({ hasText: 'Fick nödåtkomst' });
    await emergencyRow.getByText(intake.name).waitFor();
    await emergencyRow.getByText('Nödåtkomst', { exact: true }).waitFor();
    await expectAccessible(page, 'access log with emergency access');
    await intakePage.context().close();
    await managerPage.context().close();
  });

  it('shows notifications, then logs out', async () => {
    const page = coordinatorPage;
    await page.getByRole('link', { name: 'Aviseringar' }).click();
    await heading(page, 'Aviseringar');
    await page.getByText('Du har inga aviseringar.').waitFor();
    await expectAccessible(page, 'notifications');
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await heading(page, 'Logga in');
    expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
  });
});
