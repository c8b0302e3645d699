import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations as expectAccessible, heading, launchBrowser, logInNewPage as logIn, newApiToken, newUser, startTestServer, stop } from './browser-harness';

/** Decisions in the staff app: a manager sets the delegation order, the coordinator initiates protected housing, a delegate decides it. */

const coordinator = { email: 'samordnare@beslut.test.utvag.se', name: 'Testa Samordnare', totpSecret: newTotpSecret() };
const delegate = { email: 'socialsekreterare@beslut.test.utvag.se', name: 'Dela Gat', totpSecret: newTotpSecret() };
const manager = { email: 'chef@beslut.test.utvag.se', name: 'Chefa Enhet', totpSecret: newTotpSecret() };
const reasons = 'Hot från tidigare kontakt. Behöver ett skyddat boende omedelbart.';

let runtime: Runtime;
let caseId: string;

async function api(token: string, url: string, payload: unknown): Promise<Record<string, unknown>> {
  const response = await runtime.app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const decisions = (page: Page) => page.getByRole('region', { name: 'Beslut', exact: true });

beforeAll(async () => {
  runtime = await startTestServer('decisions');
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const coordinatorId = await newUser({
    organisationId: orebro, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], totpSecret: coordinator.totpSecret,
  });
  const delegateId = await newUser({
    organisationId: orebro, email: delegate.email, name: delegate.name, title: 'Socialsekreterare', roles: ['team_member'], totpSecret: delegate.totpSecret,
  });
  await newUser({
    organisationId: orebro, email: manager.email, name: manager.name, title: 'Enhetschef', roles: ['manager'], totpSecret: manager.totpSecret,
  });
  const token = await newApiToken(coordinatorId, 'decision test');
  const created = await api(token, '/api/v1/cases', { program: 'exit_program', participant: { alias: 'Lind' } });
  caseId = String(created.id);
  await api(token, `/api/v1/cases/${caseId}/team`, { userId: delegateId, teamRole: 'team_member' });

  await launchBrowser();
});

afterAll(stop);

describe('decisions in the staff app', () => {
  it('lets a manager give team members delegation for protected housing', async () => {
    const page = await logIn(manager);
    await page.getByRole('link', { name: 'Delegationsordning' }).click();
    await heading(page, 'Delegationsordning');
    await page.getByText('Det finns inga regler. Då fattar bara chefer beslut.').waitFor();
    await expectAccessible(page, 'empty delegation order');
    await page.getByLabel('Roll', { exact: true }).selectOption('team_member');
    await page.getByLabel('Typ av beslut', { exact: true }).selectOption('protected_housing');
    await page.getByRole('button', { name: 'Lägg till regeln' }).click();
    await page.getByRole('cell', { name: 'Skyddat boende', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Spara delegationsordningen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Delegationsordningen är sparad.').waitFor({ state: 'attached' });
    await expectAccessible(page, 'delegation order with a rule');
    await page.context().close();
  });

  it('lets the coordinator initiate protected housing but not decide it', async () => {
    const page = await logIn(coordinator);
    expect(await page.getByRole('link', { name: 'Delegationsordning' }).count()).toBe(0);
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Lind');
    await decisions(page).getByText('Det finns inga beslut i ärendet ännu.').waitFor();
    await decisions(page).getByRole('button', { name: 'Initiera ett beslut' }).click();
    await page.getByRole('button', { name: 'Initiera beslutet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' }).getByRole('link', { name: 'Välj typ av beslut.' }).waitFor();
    await expectAccessible(page, 'decision form with errors');

    await page.getByLabel('Typ av beslut', { exact: true }).selectOption('protected_housing');
    expect(await page.getByLabel('Lagrum', { exact: true }).inputValue()).toContain('Socialtjänstlagen (2025:400)');
    await page.getByLabel('Skäl för beslutet', { exact: true }).fill(reasons);
    await page.getByLabel('Omfattning', { exact: true }).fill('Skyddat boende med stöd dygnet runt');
    await page.getByLabel('Gäller till', { exact: true }).fill('2099-12-31');
    await page.getByRole('button', { name: 'Initiera beslutet' }).focus();
    await page.keyboard.press('Enter');

    const item = decisions(page).getByRole('listitem').filter({ hasText: 'Skyddat boende' }).first();
    await item.getByText('Väntar på beslut').waitFor();
    await item.getByText('Du har inte delegation för den här typen av beslut.', { exact: false }).waitFor();
    expect(await item.getByRole('button', { name: 'Fatta beslutet' }).count()).toBe(0);
    await expectAccessible(page, 'case page with an initiated decision');
    await page.context().close();
  });

  it('lets the delegate decide it with the keyboard and open the decision letter', async () => {
    const page = await logIn(delegate);
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Lind');
    const item = decisions(page).getByRole('listitem').filter({ hasText: 'Skyddat boende' }).first();
    await item.getByText(reasons).waitFor();
    await item.getByRole('radio', { name: 'Bifall', exact: true }).check();
    await item.getByRole('button', { name: 'Fatta beslutet' }).focus();
    await page.keyboard.press('Enter');
    await item.getByText('Ett fattat beslut kan inte ändras.', { exact: false }).waitFor();
    await expectAccessible(page, 'confirming a decision');
    await item.getByRole('button', { name: 'Ja, fatta beslutet' }).click();

    const letter = item.getByRole('link', { name: 'Beslutsbrev om skyddat boende (PDF)' });
    await letter.waitFor();
    await item.getByText(`av ${delegate.name}.`, { exact: false }).waitFor();
    await expectAccessible(page, 'case page with a decided decision');
    const pdf = await page.request.get(String(await letter.getAttribute('href')));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.context().close();
  });
});
