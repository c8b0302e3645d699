import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { setMailboxReceiver } from '../../server/src/mailbox/service';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations, launchBrowser, logInNewPage, newUser, startTestServer, stop } from './browser-harness';

/**
 * The anonymous mailbox end to end: a visitor with JavaScript off writes, gets a code and passphrase
 * once, staff answer from the inbox with a reply template, the visitor comes back and reads the
 * answer, agrees to share, and staff open a case from the conversation. axe runs on every page.
 */

const intake = { email: 'mottagning@mailbox.test.utvag.se', name: 'Maja Mottagning', totpSecret: newTotpSecret() };
const admin = { email: 'admin@mailbox.test.utvag.se', name: 'Ada Administratör', totpSecret: newTotpSecret() };
const firstMessage = 'Jag behöver hjälp att komma bort. <b>Inte fet</b>';
const templateBody = 'Hej! Tack för att du skriver till oss. Vi finns här för dig.';

let runtime: Runtime;
let visitorContext: BrowserContext;
let visitor: Page;
let auditor: Page;
let staff: Page;
let code = '';
let passphrase = '';

/** axe on exactly what the visitor's JavaScript-free page shows: its document, loaded at the same origin in the auditor. */
async function expectVisitorPageAccessible(where: string): Promise<void> {
  const document = await visitor.content();
  await auditor.goto('/healthz');
  await auditor.setContent(document, { waitUntil: 'load' });
  await expectNoAxeViolations(auditor, where);
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

beforeAll(async () => {
  runtime = await startTestServer('mailbox');
  const orebro = await createMunicipalityOrganisation(runtime.database.db, '1880');
  await setMailboxReceiver(runtime.database.db, orebro, true);
  await newUser({ organisationId: orebro, email: admin.email, name: admin.name, title: 'Systemförvaltare', roles: ['org_admin'], totpSecret: admin.totpSecret });
  await newUser({ organisationId: orebro, email: intake.email, name: intake.name, title: 'Mottagning', roles: ['intake'], totpSecret: intake.totpSecret });
  const browser = await launchBrowser();
  const address = runtime.app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no port.');
  // The visitor's phone: no JavaScript at all.
  visitorContext = await browser.newContext({ baseURL: `http://localhost:${address.port}`, javaScriptEnabled: false, locale: 'sv-SE' });
  visitorContext.setDefaultTimeout(10_000);
  visitor = await visitorContext.newPage();
  // axe needs JavaScript to run, so the visitor's pages are checked as served, in a second page that has it.
  auditor = await (await browser.newContext({ baseURL: `http://localhost:${address.port}` })).newPage();
  staff = await logInNewPage(intake);
}, 120_000);

afterAll(stop);

describe('the anonymous mailbox and the inbox', () => {
  it('lets a visitor write with JavaScript off, without a cookie until the mailbox opens, and shows the code once', async () => {
    await visitor.goto('/mailbox');
    await heading(visitor, 'Brevlådan');
    expect(await visitorContext.cookies()).toEqual([]);
    await expectVisitorPageAccessible('mailbox start page');

    await visitor.getByLabel('Ditt meddelande').fill(firstMessage);
    await visitor.getByLabel('18 år eller äldre').check();
    await visitor.getByLabel('Var bor du eller befinner du dig? (frivilligt)').selectOption('1880');
    // A person takes a few seconds to write; the form refuses faster submissions.
    await visitor.waitForTimeout(3500);
    await visitor.getByRole('button', { name: 'Skicka meddelandet' }).click();
    await heading(visitor, 'Ditt meddelande är skickat');
    code = (await visitor.locator('#case-code').textContent()) ?? '';
    passphrase = (await visitor.locator('#passphrase').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(passphrase.split(' ')).toHaveLength(5);
    const cookies = await visitorContext.cookies();
    expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly, cookie.sameSite])).toEqual([['utvag_mailbox', true, 'Strict']]);
    await expectVisitorPageAccessible('credentials page');

    await visitor.reload();
    await visitor.getByText('Koden och lösenordet har redan visats en gång och kan inte visas igen.').waitFor();
    expect(await visitor.content()).not.toContain(passphrase);
  });

  it('lets intake staff keep a reply template and answer from the inbox', async () => {
    await staff.getByRole('link', { name: 'Inkorg', exact: true }).click();
    await heading(staff, 'Stödlinjens inkorg');
    await staff.getByRole('link', { name: /\d/ }).first().waitFor();
    await expectNoAxeViolations(staff, 'inbox');

    await staff.getByRole('link', { name: 'Svarsmallar' }).click();
    await heading(staff, 'Svarsmallar');
    await staff.getByText('Det finns inga svarsmallar ännu.').waitFor();
    await staff.getByLabel('Namn på mallen').fill('Första svar');
    await staff.getByLabel('Text', { exact: true }).fill(templateBody);
    await staff.getByRole('button', { name: 'Spara mallen' }).click();
    await staff.getByRole('heading', { level: 2, name: 'Första svar (sv)' }).waitFor();
    await expectNoAxeViolations(staff, 'reply templates');

    await staff.getByRole('link', { name: 'Tillbaka till inkorgen' }).click();
    await heading(staff, 'Stödlinjens inkorg');
    await staff.getByRole('table').getByRole('link').first().click();
    await heading(staff, 'Samtal från brevlådan');
    await staff.getByText(firstMessage).waitFor();
    await expectNoAxeViolations(staff, 'conversation');

    await staff.getByLabel('Svarsmall').selectOption({ label: 'Första svar (sv)' });
    await staff.getByRole('button', { name: 'Infoga mallen' }).click();
    expect(await staff.getByLabel('Ditt svar').inputValue()).toBe(templateBody);
    await staff.getByRole('button', { name: 'Skicka svaret' }).click();
    await staff.getByText(`Svar från ${intake.name}`, { exact: false }).waitFor();
    await staff.getByRole('button', { name: 'Fråga om vi får föra vidare' }).click();
    await staff.getByText(/Frågan är ställd/).waitFor();
  });

  it('lets the visitor close the mailbox, come back with code and passphrase, read the answer and share', async () => {
    await visitor.goto('/mailbox/conversation');
    await heading(visitor, 'Din brevlåda');
    await visitor.getByText(templateBody).waitFor();
    // Shown as text: the markup in the message is not rendered.
    await visitor.getByText(firstMessage).first().waitFor();
    await expectVisitorPageAccessible('conversation page');
    await visitor.getByRole('button', { name: 'Stäng brevlådan' }).click();
    await heading(visitor, 'Har du redan skrivit till oss?');
    expect(await visitorContext.cookies()).toEqual([]);

    await visitor.getByLabel('Kod', { exact: true }).fill(code.toLowerCase());
    await visitor.getByLabel('Lösenord (fem ord)').fill(passphrase);
    await visitor.getByRole('button', { name: 'Öppna brevlådan' }).click();
    await heading(visitor, 'Din brevlåda');
    await visitor.getByText(templateBody).waitFor();
    await visitor.getByRole('heading', { level: 2, name: 'Får vi föra vidare det du har skrivit?' }).waitFor();
    await expectVisitorPageAccessible('conversation page with the question');
    await visitor.getByRole('checkbox').first().check();
    await visitor.getByRole('button', { name: 'Spara mitt val' }).click();
    await visitor.getByText('Ditt val är sparat.').waitFor();

    await visitor.getByRole('link', { name: 'Radera samtalet' }).click();
    await heading(visitor, 'Radera samtalet?');
    await expectVisitorPageAccessible('delete confirmation');
    await visitor.getByRole('link', { name: 'Nej, gå tillbaka' }).click();
    await heading(visitor, 'Din brevlåda');
  });

  it('lets intake staff open a case from the conversation with what the visitor shared', async () => {
    await staff.reload();
    await heading(staff, 'Samtal från brevlådan');
    await staff.getByText('(Får föras vidare)').waitFor();
    await staff.getByLabel('Alias för ärendet').fill('Vide');
    await staff.getByRole('button', { name: 'Öppna ärendet' }).click();
    await staff.getByRole('link', { name: 'Ärendet som öppnades från samtalet' }).click();
    await heading(staff, 'Ärende: Vide');
    await expectNoAxeViolations(staff, 'case opened from the mailbox');
  });

  it('shows the inbox statistics as counts only', async () => {
    await staff.goto('/app/inbox/statistics');
    await heading(staff, 'Statistik för inkorgen');
    await staff.getByRole('cell', { name: 'Anonym brevlåda' }).waitFor();
    await expectNoAxeViolations(staff, 'inbox statistics');
  });

  it('lets the administrator choose who handles children\'s conversations', async () => {
    const page = await logInNewPage(admin);
    await page.getByRole('link', { name: 'Barns samtal i brevlådan' }).click();
    await heading(page, 'Vem tar hand om barns samtal?');
    await page.getByText('Ingen är vald ännu. Barns samtal syns då inte för någon.').waitFor();
    await expectNoAxeViolations(page, 'child handlers');
    await page.getByLabel('Person i mottagningen').selectOption({ label: intake.name });
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.getByRole('button', { name: `Ta bort ${intake.name}` }).waitFor();
    // Örebro is the operator's default receiver: that is said, not offered to change.
    await page.getByText('Er organisation är den nationella mottagaren', { exact: false }).waitFor();
    await page.close();
  });

  it('lets another municipality\'s administrator start taking messages, with the keyboard', async () => {
    const boras = await createMunicipalityOrganisation(runtime.database.db, '1490');
    const borasAdmin = { email: 'admin@boras.mailbox.test.utvag.se', name: 'Bo Administratör', totpSecret: newTotpSecret() };
    await newUser({ organisationId: boras, email: borasAdmin.email, name: borasAdmin.name, title: 'Systemförvaltare', roles: ['org_admin'], totpSecret: borasAdmin.totpSecret });
    const page = await logInNewPage(borasAdmin);
    await page.getByRole('link', { name: 'Barns samtal i brevlådan' }).click();
    await page.getByText('Just nu tar er organisation inte emot nya meddelanden.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'mailbox receiving, off');
    await page.getByLabel('Ta emot nya meddelanden').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Spara' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Just nu tar er organisation emot nya meddelanden', { exact: false }).waitFor();
    const rows = await runtime.database.db.selectFrom('mailboxReceivers').select('isDefault').where('organisationId', '=', boras).execute();
    expect(rows).toEqual([{ isDefault: false }]);
    await expectNoAxeViolations(page, 'mailbox receiving, on');
    await page.close();
  });
});
