import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation, createOrganisation, createRegionOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations, launchBrowser, logInNewPage as logIn, newApiToken, newUser, startTestServer, stop } from './browser-harness';

/** SIP meetings in the staff app: schedule a meeting with the team, record minutes and outcomes, make a calendar feed. */

const coordinator = { email: 'samordnare@meetings.test.utvag.se', name: 'Testa Samordnare', totpSecret: newTotpSecret() };
const nurseName = 'Prova Sjuksköterska';
const supporter = { email: 'stod@meetings.test.utvag.se', name: 'Stina Stödperson', totpSecret: newTotpSecret() };
const agendaText = 'Gå igenom boendet och vården.';
const minutesText = 'Deltagaren vill flytta i maj.';

let runtime: Runtime;
let page: Page;
let caseId: string;

async function expectAccessible(where: string): Promise<void> {
  await expectNoAxeViolations(page, where);
}

async function heading(name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

async function api(token: string, url: string, payload: unknown): Promise<Record<string, unknown>> {
  const response = await runtime.app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const meetings = () => page.getByRole('region', { name: 'SIP-möten', exact: true });

beforeAll(async () => {
  runtime = await startTestServer('meetings');
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const region = await createRegionOrganisation(db, '18');
  const coordinatorId = await newUser({
    organisationId: orebro, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], totpSecret: coordinator.totpSecret,
  });
  const nurseId = await newUser({
    organisationId: region, email: 'ssk@meetings.test.utvag.se', name: nurseName, title: 'Sjuksköterska', roles: ['team_member'], totpSecret: newTotpSecret(),
  });
  const association = await createOrganisation(db, { type: 'civil_society', name: 'Föreningen Stöd' });
  const supporterId = await newUser({
    organisationId: association, email: supporter.email, name: supporter.name, title: 'Stödperson', roles: ['team_member'], totpSecret: supporter.totpSecret,
  });
  const token = await newApiToken(coordinatorId, 'meetings test');
  const created = await api(token, '/api/v1/cases', { program: 'exit_program', participant: { alias: 'Sälg' } });
  caseId = String(created.id);
  // Members without consent in force (as after a withdrawal) cannot be invited, so they are put on the team directly.
  for (const [userId, organisationId, teamRole] of [[nurseId, region, 'team_member'], [supporterId, association, 'support_person']] as const) {
    await db.insertInto('caseTeamMembers').values({ caseId, userId, organisationId, teamRole, addedBy: coordinatorId }).execute();
  }

  await launchBrowser();
  page = await logIn(coordinator);
});

afterAll(stop);

describe('SIP meetings in the staff app', () => {
  it('schedules a meeting with a team member, after refusing one that ends before it starts', async () => {
    await page.goto(`/app/cases/${caseId}`);
    await heading('Ärende: Sälg');
    await meetings().getByText('Inga SIP-möten är inbokade ännu.').waitFor();
    await expectAccessible('case page without meetings');

    await meetings().getByRole('button', { name: 'Boka ett SIP-möte' }).click();
    const nextYear = new Date().getFullYear() + 1;
    await page.getByLabel('Datum', { exact: true }).fill(`${nextYear}-05-12`);
    await page.getByLabel('Starttid', { exact: true }).fill('10:00');
    await page.getByLabel('Sluttid', { exact: true }).fill('09:00');
    await page.getByLabel('Dagordning', { exact: true }).fill(agendaText);
    await page.getByLabel(new RegExp(nurseName)).check();
    await page.getByRole('button', { name: 'Boka mötet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' }).getByRole('link', { name: 'Mötet måste sluta efter att det börjar.' }).waitFor();
    await expectAccessible('meeting form with errors');
    const none = await page.request.get(`/api/v1/cases/${caseId}/meetings`);
    expect((await none.json()).meetings).toEqual([]);

    await page.getByLabel('Sluttid', { exact: true }).fill('11:30');
    await page.getByLabel('Plats (valfritt)').fill('Socialkontoret, rum 4');
    await page.getByRole('button', { name: 'Boka mötet' }).focus();
    await page.keyboard.press('Enter');
    const card = meetings().getByRole('listitem').filter({ hasText: agendaText });
    await card.getByText(`Från gruppen: ${nurseName}`).waitFor();
    await card.getByText('Inbokat').waitFor();
    expect(await card.getByRole('link', { name: 'Ladda ner kalenderfil (.ics)' }).getAttribute('href')).toMatch(/\/calendar\.ics$/);
    const stored = (await (await page.request.get(`/api/v1/cases/${caseId}/meetings`)).json()).meetings;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ agenda: agendaText, place: 'Socialkontoret, rum 4', participantAttends: true });
    expect(new Date(stored[0].startsAt).toISOString()).toBe(new Date(`${nextYear}-05-12T08:00:00Z`).toISOString());
    await expectAccessible('case page with a scheduled meeting');
  });

  it('records minutes with an outcome that changes the plan', async () => {
    const card = meetings().getByRole('listitem').filter({ hasText: agendaText });
    await card.getByRole('button', { name: 'Skriv protokoll' }).click();
    await card.getByLabel('Protokoll', { exact: true }).fill(minutesText);
    await card.getByRole('button', { name: 'Lägg till ett utfall' }).click();
    await card.getByLabel('Utfall 1', { exact: true }).fill('Ny insats: söka lägenhet');
    await card.getByLabel('Utfall 1 ändrar planen').check();
    await expectAccessible('minutes form');
    await card.getByRole('button', { name: 'Spara protokollet' }).click();
    const held = meetings().getByRole('listitem').filter({ hasText: minutesText });
    await held.getByText('Genomfört').waitFor();
    await held.getByText('(Ändring i planen)').waitFor();
    const stored = (await (await page.request.get(`/api/v1/cases/${caseId}/meetings`)).json()).meetings;
    expect(stored[0]).toMatchObject({ status: 'held', minutes: { text: minutesText, outcomes: [{ text: 'Ny insats: söka lägenhet', planChange: true }] } });
    await expectAccessible('case page with a held meeting');
  });

  it('creates a personal calendar feed address that serves the meeting by alias only', async () => {
    await page.getByRole('button', { name: 'Skapa kalenderadress' }).click();
    const field = page.getByLabel('Din kalenderadress (visas bara nu)');
    await field.waitFor();
    const address = await field.inputValue();
    expect(address).toMatch(/\/calendar\/cal_[A-Za-z0-9_-]+\.ics$/);
    await expectAccessible('calendar feed address');
    const feed = await page.request.get(address);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).not.toContain(agendaText);
  });

  it('turns the calendar feed off after a confirmation, with the keyboard, and the address stops working', async () => {
    const address = await page.getByLabel('Din kalenderadress (visas bara nu)').inputValue();
    await page.getByRole('button', { name: 'Stäng av kalenderadressen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Adressen slutar fungera direkt', { exact: false }).waitFor();
    await expectAccessible('turning the calendar feed off');
    await page.getByRole('button', { name: 'Ja, stäng av adressen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Du har ingen kalenderadress.').waitFor();
    expect(await page.getByLabel('Din kalenderadress (visas bara nu)').count()).toBe(0);
    expect((await page.request.get(address)).status()).toBe(404);
    await page.getByRole('button', { name: 'Skapa kalenderadress' }).waitFor();
    await expectAccessible('calendar feed turned off');
  });

  it('shows a support person without consent the meeting\'s time and attendees, but not the agenda or minutes', async () => {
    page = await logIn(supporter);
    await page.goto(`/app/cases/${caseId}`);
    await heading('SIP-möten i ärendet');
    const card = meetings().getByRole('listitem').filter({ hasText: nurseName });
    await card.getByText('Plats: Socialkontoret, rum 4').waitFor();
    await meetings().getByText('Du ser tid, plats och deltagare.', { exact: false }).waitFor();
    expect(await meetings().textContent()).not.toContain(agendaText);
    expect(await meetings().textContent()).not.toContain(minutesText);
    expect(await meetings().getByRole('button', { name: 'Boka ett SIP-möte' }).count()).toBe(0);
    await expectAccessible('meetings page of a support person');
  });
});
