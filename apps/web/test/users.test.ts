import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { PASSWORD, expectNoAxeViolations, heading, launchBrowser, logInNewPage, newApiToken, newPage, newUser, startTestServer, stop } from './browser-harness';

/**
 * Staff administration end to end, with the keyboard: the organisation's system administrator adds a
 * coordinator and gets a link to hand over (no e-mail here); the new person chooses a password through it,
 * logs in and enrols a second factor; the administrator disables the account after a confirmation that
 * names the open case to hand over, and the person's session and API key stop working at once. Then the
 * administrator changes their own password, which ends their other session. axe on every page.
 */

const admin = { email: 'admin@users.test.utvag.se', name: 'Ada Förvaltare', totpSecret: newTotpSecret() };
const newcomer = { email: 'ny.samordnare@users.test.utvag.se', name: 'Nova Nykomling', title: 'Socialsekreterare' };
const newcomerPassword = 'fyra ord som ingen gissar';
const changedPassword = 'ett helt annat långt lösenord';

let runtime: Runtime;
let origin: string;
let staff: Page;
let person: Page;
let passwordLink: string;
let newcomerId: string;

/** Moves focus with Tab until the element is focused; fails rather than loops forever. */
async function tabTo(page: Page, name: string, role: 'link' | 'button' | 'checkbox'): Promise<void> {
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

async function press(page: Page, name: string, role: 'link' | 'button' = 'button'): Promise<void> {
  await tabTo(page, name, role);
  await page.keyboard.press('Enter');
}

/** The text of the element that has focus. */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

const row = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: name }) });

beforeAll(async () => {
  runtime = await startTestServer('users');
  const orebro = await createMunicipalityOrganisation(runtime.database.db, '1880');
  await newUser({ organisationId: orebro, email: admin.email, name: admin.name, title: 'Systemförvaltare', roles: ['org_admin'], totpSecret: admin.totpSecret });
  await launchBrowser();
  const address = runtime.app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no port.');
  origin = `http://localhost:${address.port}`;
  staff = await logInNewPage(admin);
});

afterAll(stop);

describe('staff administration', () => {
  it('lets the administrator add a coordinator with the keyboard, after saying what is missing, and shows the link once', async () => {
    await press(staff, 'Användare', 'link');
    await heading(staff, 'Användare');
    const accounts = staff.getByRole('table', { name: 'Konton i Örebro kommun' });
    await row(staff, admin.name).getByText('Aktiv', { exact: true }).waitFor();
    await expectNoAxeViolations(staff, 'users page');

    await press(staff, 'Lägg till en användare');
    await staff.getByRole('heading', { level: 2, name: 'Ny användare' }).waitFor();
    expect(await focusedText(staff)).toBe('Ny användare');
    await typeInto(staff, 'E-postadress', 'inte-en-adress');
    await press(staff, 'Lägg till användaren');
    const summary = staff.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' });
    await summary.getByRole('link', { name: 'Skriv personens namn.' }).waitFor();
    await summary.getByRole('link', { name: 'Skriv en hel e-postadress, till exempel namn@kommun.se.' }).waitFor();
    await summary.getByRole('link', { name: 'Välj minst en roll.' }).waitFor();
    await expectNoAxeViolations(staff, 'new user form with errors');
    const before = await staff.request.get('/api/v1/users');
    expect((await before.json()).users).toHaveLength(1);

    await typeInto(staff, 'Namn', newcomer.name);
    await staff.getByLabel('E-postadress', { exact: true }).fill('');
    await typeInto(staff, 'E-postadress', newcomer.email);
    await typeInto(staff, 'Titel (valfritt)', newcomer.title);
    await tabTo(staff, 'samordnare', 'checkbox');
    await staff.keyboard.press('Space');
    await press(staff, 'Lägg till användaren');

    const createdHeading = `Kontot för ${newcomer.name} är skapat.`;
    await staff.getByRole('heading', { level: 2, name: createdHeading }).waitFor();
    expect(await focusedText(staff)).toBe(createdHeading);
    passwordLink = await staff.getByLabel('Länk för att välja lösenord', { exact: true }).inputValue();
    expect(passwordLink).toMatch(new RegExp(`^${origin}/app/set-password#.{20,}$`));
    await staff.getByText(`Ge länken till ${newcomer.name} personligen`, { exact: false }).waitFor();
    const newRow = row(staff, newcomer.name);
    await newRow.getByText('Inbjuden', { exact: true }).waitFor();
    await newRow.getByText('Har inte valt lösenord ännu').waitFor();
    await newRow.getByText('samordnare', { exact: true }).waitFor();
    await newRow.getByText('Aldrig', { exact: true }).waitFor();
    await expectNoAxeViolations(staff, 'users page with the new link');
    await accounts.waitFor();

    const listed = (await (await staff.request.get('/api/v1/users')).json()).users as { id: string; email: string; roles: string[]; title: string; status: string }[];
    const created = listed.find((user) => user.email === newcomer.email);
    expect(created).toMatchObject({ roles: ['coordinator'], title: newcomer.title, status: 'invited' });
    newcomerId = created!.id;
  });

  it('lets the new person choose a password through the link, log in and enrol a second factor', async () => {
    person = await newPage();
    await person.goto(passwordLink);
    await heading(person, 'Välj lösenord');
    await person.getByText('Minst 12 tecken.', { exact: false }).waitFor();
    await expectNoAxeViolations(person, 'set password page');

    await typeInto(person, 'Nytt lösenord', 'för kort');
    await typeInto(person, 'Upprepa det nya lösenordet', 'något annat');
    await press(person, 'Spara lösenordet');
    const summary = person.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' });
    await summary.getByRole('link', { name: 'Lösenordet måste ha minst 12 tecken.' }).waitFor();
    await summary.getByRole('link', { name: 'Lösenorden är inte lika. Skriv samma lösenord i båda fälten.' }).waitFor();
    await expectNoAxeViolations(person, 'set password page with errors');

    await person.getByLabel('Nytt lösenord', { exact: true }).fill('');
    await typeInto(person, 'Nytt lösenord', newcomerPassword);
    await person.getByLabel('Upprepa det nya lösenordet', { exact: true }).fill('');
    await typeInto(person, 'Upprepa det nya lösenordet', newcomerPassword);
    await press(person, 'Spara lösenordet');
    await heading(person, 'Lösenordet är valt');
    await person.getByText('Lösenordet är valt – logga in', { exact: false }).waitFor();
    expect(new URL(person.url()).hash).toBe('');
    expect(new URL(person.url()).pathname).toBe('/app/set-password');
    await expectNoAxeViolations(person, 'password chosen');

    // The link works once.
    const again = await newPage();
    await again.goto(passwordLink);
    await typeInto(again, 'Nytt lösenord', 'ännu ett långt lösenord');
    await typeInto(again, 'Upprepa det nya lösenordet', 'ännu ett långt lösenord');
    await press(again, 'Spara lösenordet');
    await again.getByRole('alert').getByText('Länken fungerar inte längre.', { exact: false }).waitFor();
    await again.context().close();

    await press(person, 'Logga in', 'link');
    await heading(person, 'Logga in');
    await typeInto(person, 'E-postadress', newcomer.email);
    await typeInto(person, 'Lösenord', newcomerPassword);
    await person.keyboard.press('Enter');
    await heading(person, 'Lägg till en andra inloggningsfaktor');
    await expectNoAxeViolations(person, 'second factor enrolment');
    const secret = await person.getByLabel('Nyckel för manuell inmatning', { exact: true }).inputValue();
    await typeInto(person, 'Engångskod', currentTotp(secret));
    await person.keyboard.press('Enter');
    await heading(person, 'Mina ärenden');
    expect(await person.getByRole('link', { name: 'Användare', exact: true }).count()).toBe(0);
    expect((await person.request.get('/api/v1/users')).status()).toBe(403);

    await staff.reload();
    await heading(staff, 'Användare');
    const activeRow = row(staff, newcomer.name);
    await activeRow.getByText('Aktiv', { exact: true }).waitFor();
    await expect.poll(() => activeRow.getByText('Aldrig', { exact: true }).count()).toBe(0);
  });

  it('disables the account after a confirmation that names the open case, and the person loses access at once', async () => {
    const token = await newApiToken(newcomerId, 'users test');
    const opened = await runtime.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` }, payload: { program: 'exit_program', participant: { alias: 'Rönn' } },
    });
    expect(opened.statusCode, opened.body).toBe(201);

    await staff.reload();
    await heading(staff, 'Användare');
    await press(staff, `Hantera ${newcomer.name}`);
    const panelHeading = `Konto: ${newcomer.name}`;
    await staff.getByRole('heading', { level: 2, name: panelHeading }).waitFor();
    expect(await focusedText(staff)).toBe(panelHeading);
    await staff.getByText('Samordnare för ett öppet ärende.').waitFor();
    await expectNoAxeViolations(staff, 'account panel');

    // Someone else changes the title meanwhile: saving the older version says so and shows their change.
    const { csrfToken } = await (await staff.request.get('/api/v1/auth/me')).json();
    const { users } = await (await staff.request.get('/api/v1/users')).json();
    const { version } = (users as { id: string; version: number }[]).find((user) => user.id === newcomerId)!;
    const elsewhere = await staff.request.put(`/api/v1/users/${newcomerId}`, {
      headers: { 'x-csrf-token': csrfToken }, data: { version, name: newcomer.name, title: 'Kurator', roles: ['coordinator'] },
    });
    expect(elsewhere.status(), await elsewhere.text()).toBe(200);
    const title = staff.getByLabel('Titel (valfritt)', { exact: true });
    await title.fill('');
    await typeInto(staff, 'Titel (valfritt)', 'Samordnare för unga vuxna');
    await press(staff, 'Spara ändringarna');
    await staff.getByRole('alert').getByText('Någon annan har ändrat kontot under tiden.', { exact: false }).waitFor();
    await expect.poll(() => title.inputValue()).toBe('Kurator');
    await expectNoAxeViolations(staff, 'account panel after a stale save');

    await title.fill('');
    await typeInto(staff, 'Titel (valfritt)', 'Samordnare för unga vuxna');
    await tabTo(staff, 'enhetschef', 'checkbox');
    await staff.keyboard.press('Space');
    await press(staff, 'Spara ändringarna');
    const changedRow = row(staff, newcomer.name);
    await changedRow.getByText('Samordnare för unga vuxna').waitFor();
    await changedRow.getByText('samordnare och enhetschef', { exact: true }).waitFor();

    await press(staff, 'Stäng av kontot');
    const question = staff.getByRole('group', { name: 'Stäng av kontot' });
    await question.getByText('Åtkomsten upphör direkt', { exact: false }).waitFor();
    await question.getByText(`${newcomer.name} är samordnare för ett öppet ärende, som bör lämnas över till en annan samordnare.`, { exact: false }).waitFor();
    await expectNoAxeViolations(staff, 'disable confirmation');
    await press(staff, 'Ja, stäng av kontot');
    await row(staff, newcomer.name).getByText('Avstängd', { exact: true }).waitFor();
    await staff.getByRole('button', { name: 'Aktivera kontot igen' }).waitFor();
    expect(await focusedText(staff)).toBe(panelHeading);
    await expectNoAxeViolations(staff, 'disabled account');

    expect((await person.request.get('/api/v1/auth/me')).status()).toBe(401);
    const withToken = await runtime.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` } });
    expect(withToken.statusCode).toBe(401);
    await press(person, 'Aviseringar', 'link');
    await heading(person, 'Logga in');
    await person.getByText('Du har loggats ut.', { exact: false }).waitFor();

    // The administrator's own account offers no way to lock themselves out.
    await press(staff, 'Stäng');
    await press(staff, `Hantera ${admin.name}`);
    await staff.getByRole('heading', { level: 2, name: `Konto: ${admin.name}` }).waitFor();
    await staff.getByText('Det här är ditt eget konto.', { exact: false }).waitFor();
    expect(await staff.getByRole('button', { name: 'Stäng av kontot' }).count()).toBe(0);
  });

  it('lets the administrator change their own password, which ends their other sessions', async () => {
    // The administrator's first login may have used this 30-second step's code, which works once; the next step's is accepted too.
    const otherSession = await newPage();
    await otherSession.goto('/app/');
    await typeInto(otherSession, 'E-postadress', admin.email);
    await typeInto(otherSession, 'Lösenord', PASSWORD);
    await otherSession.keyboard.press('Enter');
    await heading(otherSession, 'Ange engångskod');
    await typeInto(otherSession, 'Engångskod', currentTotp(admin.totpSecret, Date.now() + 30_000));
    await otherSession.keyboard.press('Enter');
    await heading(otherSession, 'Mina ärenden');
    await press(staff, 'Mitt konto', 'link');
    await heading(staff, 'Mitt konto');
    await staff.getByText('avslutar alla dina inloggningar', { exact: false }).waitFor();
    await expectNoAxeViolations(staff, 'account page');

    await typeInto(staff, 'Nuvarande lösenord', 'inte rätt lösenord alls');
    await typeInto(staff, 'Nytt lösenord', changedPassword);
    await typeInto(staff, 'Upprepa det nya lösenordet', changedPassword);
    await press(staff, 'Byt lösenord');
    await staff.getByRole('alert').getByRole('link', { name: 'Det nuvarande lösenordet stämmer inte.' }).waitFor();
    await expectNoAxeViolations(staff, 'change password with an error');

    await staff.getByLabel('Nuvarande lösenord', { exact: true }).fill('');
    await typeInto(staff, 'Nuvarande lösenord', PASSWORD);
    await press(staff, 'Byt lösenord');
    await staff.getByText('Lösenordet är bytt. Dina andra inloggningar har avslutats.').first().waitFor();
    expect(await staff.getByLabel('Nytt lösenord', { exact: true }).inputValue()).toBe('');

    expect((await staff.request.get('/api/v1/auth/me')).status()).toBe(200);
    expect((await otherSession.request.get('/api/v1/auth/me')).status()).toBe(401);
    const withNew = await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: admin.email, password: changedPassword } });
    expect(withNew.statusCode, withNew.body).toBe(200);
    await otherSession.context().close();
  });
});
