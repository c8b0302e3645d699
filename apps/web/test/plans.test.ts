/**
 * The individual plan in the staff app: a coordinator drafts a plan with two goals, agrees it with the
 * participant, starts version 2, changes an action, agrees again and compares the versions; a region
 * member with consent for health alone sees only the health goal. axe runs on every page state.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation, createRegionOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations as expectAccessible, heading, launchBrowser, logInNewPage as logIn, newApiToken, newUser, startTestServer, stop } from './browser-harness';

const coordinator = { email: 'samordnare@plan.test.utvag.se', name: 'Testa Samordnare', totpSecret: newTotpSecret() };
const regionMember = { email: 'kurator@plan.test.utvag.se', name: 'Testa Kurator', totpSecret: newTotpSecret() };
const housingWords = 'Jag vill ha ett eget kontrakt i en trygg stad';
const healthWords = 'Jag vill kunna sova utan mardrömmar';

let runtime: Runtime;
let caseId: string;
let coordinatorPage: Page;
let coordinatorToken: string;

async function chooseOption(scope: ReturnType<Page['getByRole']>, label: string, option: string): Promise<void> {
  const select = scope.getByLabel(label, { exact: true });
  await select.locator('option', { hasText: option }).first().waitFor({ state: 'attached' });
  const value = await select.locator('option', { hasText: option }).first().getAttribute('value');
  await select.selectOption(value!);
}

/** Fills one goal and its first action in the open editor. */
async function fillGoal(page: Page, number: number, goal: { area: string; own: string; professional: string; action: string; organisation: string }) {
  // Keyboard alone: the button is reached and pressed from the keyboard, and focus moves to the new goal's first field.
  await page.getByRole('button', { name: 'Lägg till ett mål' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^plan-goal-.+-lifeArea$/.test(document.activeElement?.id ?? ''));
  const group = page.getByRole('group', { name: `Mål ${number}`, exact: true });
  await chooseOption(group, 'Livsområde', goal.area);
  await group.getByLabel('Deltagarens egna ord').fill(goal.own);
  await group.getByLabel('Professionellas beskrivning').fill(goal.professional);
  await group.getByRole('button', { name: `Lägg till en insats under mål ${number}` }).click();
  await page.waitForFunction(() => /^plan-action-.+-description$/.test(document.activeElement?.id ?? ''));
  const action = page.getByRole('group', { name: `Insats 1 under mål ${number}`, exact: true });
  await action.getByLabel('Insats', { exact: true }).fill(goal.action);
  await chooseOption(action, 'Ansvarig organisation', goal.organisation);
  await action.getByLabel('Startdatum').fill('2026-01-15');
  await action.getByLabel('Slutdatum').fill('2026-06-30');
  await action.getByLabel('Uppföljning', { exact: true }).fill('2026-03-01');
}

async function agree(page: Page, number: number): Promise<void> {
  await heading(page, `Deltagarens godkännande av version ${number}`, 2);
  await page.getByLabel('Skriftligt').check();
  await page.getByRole('button', { name: 'Registrera deltagarens godkännande' }).click();
  await page.getByText(`Är du säker? Version ${number} blir den gällande planen`).waitFor();
  await expectAccessible(page, `agreement of version ${number}, confirming`);
  await page.getByRole('button', { name: 'Ja, registrera godkännandet' }).click();
  await page.locator('.tag', { hasText: 'Godkänd' }).waitFor();
}

beforeAll(async () => {
  runtime = await startTestServer('plans');
  const { db } = runtime.database;
  const municipality = await createMunicipalityOrganisation(db, '1880');
  const region = await createRegionOrganisation(db, '18');
  const coordinatorId = await newUser({
    organisationId: municipality, email: coordinator.email, name: coordinator.name, roles: ['coordinator'], totpSecret: coordinator.totpSecret,
  });
  const memberId = await newUser({
    organisationId: region, email: regionMember.email, name: regionMember.name, roles: ['team_member'], totpSecret: regionMember.totpSecret,
  });
  // The case, its team and the consent are set up through the API; the plan is made in the browser.
  const token = await newApiToken(coordinatorId, 'plan test');
  coordinatorToken = token;
  const call = async (url: string, payload: object) => {
    const response = await runtime.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string };
  };
  caseId = (await call('/api/v1/cases', { program: 'exit_program', participant: { alias: 'Lärkan', languages: ['sv'] } })).id;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  await call(`/api/v1/cases/${caseId}/consents`, { recipientOrganisationId: region, categories: ['health'], purposes: ['care_planning'], form: 'written', givenOn: today });
  await call(`/api/v1/cases/${caseId}/team`, { userId: memberId, teamRole: 'team_member' });

  await launchBrowser();
});

afterAll(stop);

describe('the individual plan in the staff app', () => {
  it('lets the coordinator draft a plan with two goals, from the keyboard, and refuses dates out of order', async () => {
    const page = coordinatorPage = await logIn(coordinator);
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Lärkan');
    await page.getByRole('link', { name: 'Öppna den individuella planen' }).click();
    await heading(page, 'Individuell plan');
    await page.getByText('Ärendet har ingen plan ännu.').waitFor();
    await expectAccessible(page, 'plan, empty');

    await page.getByRole('button', { name: 'Påbörja en plan' }).click();
    await heading(page, 'Version 1', 2);
    await page.getByRole('button', { name: 'Ändra utkastet' }).click();
    await heading(page, 'Ändra utkast till version 1', 2);
    await page.getByLabel('Uppföljning av planen').fill('2026-09-01');
    await fillGoal(page, 1, { area: 'Skydd och boende', own: housingWords, professional: 'Skyddat boende, sedan eget kontrakt', action: 'Ansöka om skyddat boende', organisation: 'Örebro' });
    await fillGoal(page, 2, { area: 'Fysisk och psykisk hälsa', own: healthWords, professional: 'Traumabehandling i regionen', action: 'Remiss till traumamottagning', organisation: 'Region' });
    await expectAccessible(page, 'plan editor with two goals');

    // An action that ends before it starts is refused, next to its field, and nothing is saved.
    const secondAction = page.getByRole('group', { name: 'Insats 1 under mål 2', exact: true });
    await secondAction.getByLabel('Slutdatum').fill('2026-01-01');
    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' });
    await summary.getByRole('link', { name: 'Slutdatum kan inte vara före startdatum.' }).waitFor();
    expect(await secondAction.getByLabel('Slutdatum').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'plan editor with an error');
    await summary.getByRole('link', { name: 'Slutdatum kan inte vara före startdatum.' }).click();
    await secondAction.getByLabel('Slutdatum').fill('2026-06-30');
    await page.getByRole('button', { name: 'Spara utkastet' }).click();

    await heading(page, 'Version 1', 2);
    await page.getByText(housingWords).waitFor();
    await page.getByText(healthWords).waitFor();
    await heading(page, 'Skydd och boende', 3);
    await heading(page, 'Fysisk och psykisk hälsa', 3);
    await expectAccessible(page, 'plan, draft 1');
  });

  it('records the agreement, starts version 2, changes an action and agrees again', async () => {
    const page = coordinatorPage;
    await agree(page, 1);
    await expectAccessible(page, 'plan, version 1 agreed');

    await page.getByRole('button', { name: 'Påbörja en ny version' }).click();
    await heading(page, 'Version 2', 2);
    await page.getByRole('button', { name: 'Ändra utkastet' }).click();
    const action = page.getByRole('group', { name: 'Insats 1 under mål 1', exact: true });
    await chooseOption(action, 'Status', 'Genomförd');
    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    await heading(page, 'Version 2', 2);
    await page.getByRole('cell', { name: 'Genomförd' }).waitFor();
    await agree(page, 2);
  });

  it('lists both versions and compares them side by side', async () => {
    const page = coordinatorPage;
    await page.getByRole('link', { name: 'Alla versioner och jämförelse' }).click();
    await heading(page, 'Versioner av planen');
    await page.getByRole('cell', { name: 'Ersatt' }).waitFor();
    await expectAccessible(page, 'plan versions');
    await page.getByRole('button', { name: 'Jämför' }).click();
    await heading(page, 'Version 1 jämförd med version 2');
    const table = page.getByRole('table', { name: 'Mål och insatser sida vid sida' });
    await table.getByRole('rowheader', { name: 'Ändrat', exact: true }).waitFor();
    await table.getByRole('rowheader', { name: 'Oförändrat' }).waitFor();
    expect(await table.getByText('Genomförd').count()).toBe(1);
    await expectAccessible(page, 'plan comparison');
  });

  it('shows a stale save the other person\'s change next to the user\'s own, and keeps both when merged', async () => {
    const page = coordinatorPage;
    await page.getByRole('link', { name: 'Versioner av planen' }).click();
    await page.getByRole('link', { name: 'Tillbaka till planen' }).click();
    await heading(page, 'Individuell plan');
    await page.getByRole('button', { name: 'Påbörja en ny version' }).click();
    await heading(page, 'Version 3', 2);
    await page.getByRole('button', { name: 'Ändra utkastet' }).click();
    await page.getByRole('group', { name: 'Mål 1', exact: true }).getByLabel('Deltagarens egna ord').fill('Jag vill flytta till en ny stad i vår');

    // Meanwhile a colleague saves a change to the other goal.
    const api = (method: 'GET' | 'PUT', url: string, payload?: object) =>
      runtime.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${coordinatorToken}` } });
    const draft = (await api('GET', `/api/v1/cases/${caseId}/plan`)).json().plan;
    draft.content.goals[1].professionalWords = 'Traumabehandling, ändrad av en kollega';
    expect((await api('PUT', `/api/v1/cases/${caseId}/plan/versions/3`, { version: draft.version, content: draft.content })).statusCode).toBe(200);

    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    await heading(page, 'Någon annan har ändrat utkastet', 2);
    await page.getByText('Traumabehandling, ändrad av en kollega').waitFor();
    expect(await page.getByRole('group', { name: 'Vilken ska gälla för mål 1?' }).getByLabel('Mina ändringar').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Vilken ska gälla för mål 2?' }).getByLabel('Den sparade versionen').isChecked()).toBe(true);
    await expectAccessible(page, 'plan conflict');
    await page.getByRole('button', { name: 'Använd mina val och fortsätt redigera' }).click();
    await heading(page, 'Ändra utkast till version 3', 2);
    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    await heading(page, 'Version 3', 2);
    await page.getByText('Jag vill flytta till en ny stad i vår').waitFor();
    await page.getByText('Traumabehandling, ändrad av en kollega').waitFor();
  });

  it('shows a region member with consent for health only the health goal, and no way to edit', async () => {
    const page = await logIn(regionMember);
    await page.goto(`/app/cases/${caseId}/plan`);
    await heading(page, 'Individuell plan');
    await page.getByText(healthWords).waitFor();
    await page.getByText('Du ser bara de livsområden som samtycket delar med din organisation.').waitFor();
    expect(await page.getByText(housingWords).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Skydd och boende' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ändra utkastet' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Påbörja en ny version' }).count()).toBe(0);
    await expectAccessible(page, 'plan seen by a region member');

    await page.goto(`/app/cases/${caseId}/plan/compare/1/2`);
    await heading(page, 'Version 1 jämförd med version 2');
    await page.getByText(healthWords).first().waitFor();
    expect(await page.getByText(housingWords).count()).toBe(0);
    await expectAccessible(page, 'plan comparison seen by a region member');
  });
});
