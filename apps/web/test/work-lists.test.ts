import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations as expectAccessible, launchBrowser, logInNewPage as logIn, newApiToken, newUser, startTestServer, stop } from './browser-harness';

/** Work lists in the staff app: the coordinator's "Att göra" grouped with empty states, and the manager's overview. */

const coordinator = { email: 'samordnare@worklists.test.utvag.se', name: 'Tova Samordnare', totpSecret: newTotpSecret() };
const manager = { email: 'chef@worklists.test.utvag.se', name: 'Maja Chef', totpSecret: newTotpSecret() };

let runtime: Runtime;
let managerPage: Page;

beforeAll(async () => {
  runtime = await startTestServer('work-lists');
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const coordinatorId = await newUser({
    organisationId: orebro, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], totpSecret: coordinator.totpSecret,
  });
  await newUser({
    organisationId: orebro, email: manager.email, name: manager.name, title: 'Enhetschef', roles: ['manager'], totpSecret: manager.totpSecret,
  });
  const token = await newApiToken(coordinatorId, 'work lists test');
  const created = await runtime.app.inject({ method: 'POST', url: '/api/v1/cases', payload: { program: 'exit_program', participant: { alias: 'Sälg' } }, headers: { authorization: `Bearer ${token}` } });
  expect(created.statusCode, created.body).toBe(201);
  const plan = await runtime.app.inject({ method: 'POST', url: `/api/v1/cases/${created.json().id}/plan/versions`, payload: {}, headers: { authorization: `Bearer ${token}` } });
  expect(plan.statusCode, plan.body).toBe(201);
  await launchBrowser();
});

afterAll(stop);

describe('work lists in the staff app', () => {
  it('shows the coordinator what to do, grouped, with empty states', async () => {
    const page = await logIn(coordinator);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Att göra' }).click();
    await page.getByRole('heading', { level: 1, name: 'Att göra', exact: true }).waitFor();
    const awaiting = page.getByRole('region', { name: 'Planer som väntar på att deltagaren godkänner dem' });
    await awaiting.getByRole('link', { name: 'Öppna ärendet Sälg' }).waitFor();
    await page.getByText('Inga SIP-möten den här veckan.').waitFor();
    await page.getByText('Inga uppföljningar väntar.').waitFor();
    await expectAccessible(page, 'work list');
    // No overview link for a coordinator.
    expect(await page.getByRole('link', { name: 'Översikt' }).count()).toBe(0);
  });

  it('shows the manager the overview of the organisation', async () => {
    const page = await logIn(manager);
    managerPage = page;
    await page.getByRole('link', { name: 'Översikt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt för chefer', exact: true }).waitFor();
    await page.getByRole('cell', { name: coordinator.name }).waitFor();
    await page.getByText('Ingen har tagit nödåtkomst de senaste 30 dagarna.').waitFor();
    await expectAccessible(page, 'manager overview');
  });

  it('flags the cases of a coordinator whose account is disabled, for the manager to hand over', async () => {
    await runtime.database.db.updateTable('users').set({ disabledAt: new Date() }).where('email', '=', coordinator.email).execute();
    // The manager's open overview, read again (a second login within the same 30 seconds would reuse a one-time code).
    const page = managerPage;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Översikt för chefer', exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: coordinator.name });
    await row.getByText('Kontot är avstängt – lämna över ärendena till en ny samordnare').waitFor();
    await expectAccessible(page, 'manager overview with a disabled coordinator');
  });
});
