/**
 * The team at work in the staff app: members are invited only from organisations within consent,
 * a withdrawn consent shows on the member, the coordinator role is handed over with the keyboard
 * alone, and a scheduled meeting is changed, also after someone else changed it first. axe runs on
 * each state of the page. All people and organisations are made up.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation, createOrganisation, createRegionOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { chooseOption, expectNoAxeViolations, heading, launchBrowser, logInNewPage as logIn, newApiToken, newUser, startTestServer, stop } from './browser-harness';

const coordinator = { email: 'samordnare@team.test.utvag.se', name: 'Testa Samordnare', totpSecret: newTotpSecret() };
const successor = { email: 'ny.samordnare@team.test.utvag.se', name: 'Prova Efterträdare' };
const nurse = { email: 'ssk@team.test.utvag.se', name: 'Prova Sjuksköterska' };
const supporter = { email: 'stod@team.test.utvag.se', name: 'Stina Stödperson' };
const associationName = 'Föreningen Exempelstöd';

let runtime: Runtime;
let page: Page;
let token: string;
let caseId: string;
let emptyCaseId: string;
let meetingId: string;

async function api(method: 'POST' | 'PATCH', url: string, payload: object): Promise<Record<string, unknown>> {
  const response = await runtime.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

const team = () => page.getByRole('region', { name: 'Tvärprofessionell grupp', exact: true });
const meetings = () => page.getByRole('region', { name: 'SIP-möten', exact: true });
const optionTexts = async (label: string) => (await team().getByLabel(label, { exact: true }).locator('option').allInnerTexts()).sort();

beforeAll(async () => {
  runtime = await startTestServer('team');
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const region = await createRegionOrganisation(db, '18');
  const association = await createOrganisation(db, { type: 'civil_society', name: associationName });
  const coordinatorId = await newUser({
    organisationId: orebro, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], totpSecret: coordinator.totpSecret,
  });
  await newUser({ organisationId: orebro, email: successor.email, name: successor.name, title: 'Samordnare', roles: ['coordinator'], totpSecret: newTotpSecret() });
  await newUser({ organisationId: region, email: nurse.email, name: nurse.name, title: 'Sjuksköterska', roles: ['team_member'], totpSecret: newTotpSecret() });
  await newUser({ organisationId: association, email: supporter.email, name: supporter.name, title: 'Stödperson', roles: ['support_person'], totpSecret: newTotpSecret() });
  token = await newApiToken(coordinatorId, 'team test');

  caseId = String((await api('POST', '/api/v1/cases', { program: 'exit_program', participant: { alias: 'Hassel' } })).id);
  emptyCaseId = String((await api('POST', '/api/v1/cases', { program: 'exit_program', participant: { alias: 'Vide' } })).id);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  await api('POST', `/api/v1/cases/${caseId}/consents`, { recipientOrganisationId: region, categories: ['health'], purposes: ['care_planning'], form: 'written', givenOn: today });
  // Consent for the association, withdrawn after the page has loaded: the server then refuses what the page still offers.
  const startsAt = new Date(Date.now() + 14 * 86_400_000);
  startsAt.setUTCHours(8, 0, 0, 0);
  const meeting = await api('POST', `/api/v1/cases/${caseId}/meetings`, {
    startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), place: 'Socialkontoret, rum 4',
    participantAttends: true, attendeeUserIds: [], agenda: 'Första SIP-mötet',
  });
  meetingId = String(meeting.id);

  await launchBrowser();
  page = await logIn(coordinator);
});

afterAll(stop);

describe('the team at work', () => {
  it('offers only the own organisation when the person has consented to no other, and says why', async () => {
    await page.goto(`/app/cases/${emptyCaseId}`);
    await heading(page, 'Ärende: Vide');
    await team().getByText(/Deltagaren har inte gett samtycke till någon annan organisation ännu/).waitFor();
    // The form reloads the consents on its own: wait until the region has left its offer.
    await team().getByLabel('Organisation', { exact: true }).locator('option', { hasText: 'Region Örebro län' }).waitFor({ state: 'detached' });
    expect(await optionTexts('Organisation')).toEqual(['Välj organisation', 'Örebro kommun'].sort());
    await expectNoAxeViolations(page, 'team without any consent');
  });

  it('adds a member from an organisation with consent, and does not offer one without', async () => {
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Hassel');
    await team().getByText('Här visas er egen organisation och de organisationer som deltagaren har gett samtycke till.').waitFor();
    await chooseOption(team(), 'Organisation', 'Region Örebro län');
    expect(await optionTexts('Organisation')).toEqual(['Region Örebro län', 'Välj organisation', 'Örebro kommun'].sort());
    expect((await optionTexts('Organisation')).join()).not.toContain(associationName);
    await chooseOption(team(), 'Person', nurse.name);
    await team().getByRole('button', { name: 'Lägg till i gruppen' }).click();
    await team().getByRole('listitem').filter({ hasText: nurse.name }).getByText('Region Örebro län · Medlem i gruppen').waitFor();
    await expectNoAxeViolations(page, 'team with a consented member');
  });

  it('offers an organisation as soon as consent is recorded on the page, and shows the server\'s refusal in Swedish once it is withdrawn', async () => {
    const consents = page.getByRole('region', { name: 'Samtycken', exact: true });
    await consents.getByRole('button', { name: 'Registrera ett nytt samtycke' }).click();
    await chooseOption(page, 'Organisation som får ta del av uppgifterna', associationName);
    await page.getByRole('group', { name: 'Uppgifter som får delas', exact: true }).getByLabel('Relationer', { exact: true }).check();
    await page.getByRole('group', { name: 'Ändamål', exact: true }).getByLabel('Stöd', { exact: true }).check();
    await page.getByRole('group', { name: 'Hur lämnades samtycket?' }).getByLabel('Muntligt').check();
    await page.getByRole('button', { name: 'Spara samtycket' }).click();
    await chooseOption(team(), 'Organisation', associationName);
    await chooseOption(team(), 'Person', supporter.name);

    // Withdrawn behind the page's back: the page still offers the association, the server refuses.
    const listed = await runtime.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/consents`, headers: { authorization: `Bearer ${token}` } });
    const given = (listed.json().consents as { id: string; version: number; recipientOrganisation: { name: string } }[])
      .find((consent) => consent.recipientOrganisation.name === associationName)!;
    await api('POST', `/api/v1/cases/${caseId}/consents/${given.id}/withdraw`, { version: given.version });
    await team().getByRole('button', { name: 'Lägg till i gruppen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Det finns fel att rätta' })
      .getByRole('link', { name: 'Deltagaren har inget samtycke som gäller för den här organisationen. Registrera ett samtycke först, under Samtycken.' }).waitFor();
    expect(await team().getByRole('listitem').filter({ hasText: supporter.name }).count()).toBe(0);
    await expectNoAxeViolations(page, 'team form refused for want of consent');
  });

  it('marks a member whose consent is withdrawn, so the coordinator can act', async () => {
    const consents = page.getByRole('region', { name: 'Samtycken', exact: true });
    await consents.getByRole('button', { name: 'Återkalla samtycket för Region Örebro län' }).click();
    await consents.getByRole('button', { name: 'Ja, återkalla' }).click();
    const member = team().getByRole('listitem').filter({ hasText: nurse.name });
    await member.getByRole('note').getByText('Inget gällande samtycke för Region Örebro län. Personen ser inget i ärendet just nu.', { exact: false }).waitFor();
    // The form reloads the consents on its own: wait until the region has left its offer.
    await team().getByLabel('Organisation', { exact: true }).locator('option', { hasText: 'Region Örebro län' }).waitFor({ state: 'detached' });
    expect(await optionTexts('Organisation')).toEqual(['Välj organisation', 'Örebro kommun'].sort());
    await expectNoAxeViolations(page, 'team with a member without consent');
  });

  it('hands the coordinator role over with the keyboard alone, after a question', async () => {
    const select = team().getByLabel('Ny samordnare', { exact: true });
    await select.locator('option', { hasText: successor.name }).waitFor({ state: 'attached' });
    await select.focus();
    await page.keyboard.press('ArrowDown');
    expect(await select.inputValue()).not.toBe('');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Lämna över');
    await page.keyboard.press('Enter');
    const question = team().getByText(`Lämna över samordnaransvaret till ${successor.name}?`);
    await question.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`Lämna över samordnaransvaret till ${successor.name}?`);
    await expectNoAxeViolations(page, 'hand-over question');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, lämna över');
    await page.keyboard.press('Enter');

    await team().getByRole('listitem').filter({ hasText: successor.name }).getByText('Örebro kommun · Samordnare').waitFor();
    await team().getByRole('listitem').filter({ hasText: coordinator.name }).getByText('Örebro kommun · Medlem i gruppen').waitFor();
    // The former coordinator no longer composes the team.
    await team().getByRole('heading', { name: 'Lämna över samordnaransvaret' }).waitFor({ state: 'detached' });
    expect(await team().getByRole('button', { name: 'Lägg till i gruppen' }).count()).toBe(0);
    const current = await runtime.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: { authorization: `Bearer ${token}` } });
    expect(current.json().coordinator.name).toBe(successor.name);
    await expectNoAxeViolations(page, 'team after the hand-over');
  });

  it('changes a scheduled meeting, and after someone else changed it shows theirs before saving again', async () => {
    const card = meetings().getByRole('listitem').filter({ hasText: 'Första SIP-mötet' });
    await card.getByRole('button', { name: 'Ändra mötet' }).click();
    await card.getByLabel('Plats (valfritt)').fill('Socialkontoret, rum 7');
    await expectNoAxeViolations(page, 'meeting edit form');
    await card.getByRole('button', { name: 'Spara mötet' }).click();
    await card.getByText('Plats: Socialkontoret, rum 7').waitFor();

    await card.getByRole('button', { name: 'Ändra mötet' }).click();
    await card.getByLabel('Dagordning', { exact: true }).fill('Första SIP-mötet, med boendet');
    // Someone else changes the meeting meanwhile.
    const listed = await runtime.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/meetings`, headers: { authorization: `Bearer ${token}` } });
    const stored = (listed.json().meetings as { id: string; version: number; startsAt: string; endsAt: string }[]).find((each) => each.id === meetingId)!;
    await api('PATCH', `/api/v1/cases/${caseId}/meetings/${meetingId}`, {
      version: stored.version, startsAt: stored.startsAt, endsAt: stored.endsAt, place: 'Stadshuset, rum 2', participantAttends: true, attendeeUserIds: [], agenda: 'Första SIP-mötet',
    });
    await card.getByRole('button', { name: 'Spara mötet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat mötet medan du skrev.' }).waitFor();
    await card.getByText('Plats: Stadshuset, rum 2').waitFor();
    await expect.poll(() => card.getByLabel('Plats (valfritt)').inputValue()).toBe('Stadshuset, rum 2');
    expect(await card.getByLabel('Dagordning', { exact: true }).inputValue()).toBe('Första SIP-mötet');
    await expectNoAxeViolations(page, 'meeting edit form after a stale save');

    await card.getByLabel('Dagordning', { exact: true }).fill('Första SIP-mötet, med boendet');
    await card.getByRole('button', { name: 'Spara mötet' }).click();
    const changed = meetings().getByRole('listitem').filter({ hasText: 'Första SIP-mötet, med boendet' });
    await changed.getByText('Plats: Stadshuset, rum 2').waitFor();
    await changed.getByRole('button', { name: 'Spara mötet' }).waitFor({ state: 'detached' });
    await expectNoAxeViolations(page, 'case page with the changed meeting');
  });
});
