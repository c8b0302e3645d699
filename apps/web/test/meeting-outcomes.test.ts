import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import { expectNoAxeViolations, heading, launchBrowser, logInNewPage as logIn, newApiToken, newUser, startTestServer, stockholmDay, stop } from './browser-harness';

/**
 * Meeting outcomes become plan changes: minutes with two plan-change outcomes, a new plan draft started
 * from the meeting's card with both carried in, one set aside with a reason, the other written in the
 * participant's words, agreed, and its provenance shown on the plan and on the meeting card.
 */

const coordinator = { email: 'samordnare@outcomes.test.utvag.se', name: 'Testa Samordnare', totpSecret: newTotpSecret() };
const minutesText = 'Vi gick igenom boendet och ekonomin.';
const housing = 'Söka eget förstahandskontrakt';
const debt = 'Kontakta budget- och skuldrådgivningen';
const reason = 'Skuldrådgivningen är redan ordnad';
const ownWords = 'Jag vill ha en egen lägenhet';

let runtime: Runtime;
let page: Page;
let caseId: string;
let token: string;

async function inject(method: 'POST' | 'PUT', url: string, payload: unknown, status: number): Promise<Record<string, unknown>> {
  const response = await runtime.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

const meetings = () => page.getByRole('region', { name: 'SIP-möten', exact: true });
const heldCard = () => meetings().getByRole('listitem').filter({ hasText: minutesText });

beforeAll(async () => {
  runtime = await startTestServer('meeting-outcomes');
  const { db } = runtime.database;
  const municipality = await createMunicipalityOrganisation(db, '1880');
  const coordinatorId = await newUser({
    organisationId: municipality, email: coordinator.email, name: coordinator.name, title: 'Samordnare', roles: ['coordinator'], totpSecret: coordinator.totpSecret,
  });
  token = await newApiToken(coordinatorId, 'outcomes test');
  caseId = String((await inject('POST', '/api/v1/cases', { program: 'exit_program', participant: { alias: 'Hassel' } }, 201)).id);
  // An agreed version 1 with one goal, and a meeting held last week that still needs its minutes.
  await inject('POST', `/api/v1/cases/${caseId}/plan/versions`, {}, 201);
  const goal = { id: crypto.randomUUID(), lifeArea: 'health', participantWords: 'Jag vill sova bättre', professionalWords: '', actions: [] };
  await inject('PUT', `/api/v1/cases/${caseId}/plan/versions/1`, { version: 1, content: { followUpOn: stockholmDay(60), goals: [goal] } }, 200);
  await inject('POST', `/api/v1/cases/${caseId}/plan/versions/1/agree`, { version: 2, agreedOn: stockholmDay(), agreementForm: 'in_meeting' }, 200);
  const start = new Date(Date.now() - 7 * 86_400_000);
  await inject('POST', `/api/v1/cases/${caseId}/meetings`, {
    startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), participantAttends: true, attendeeUserIds: [], agenda: 'Boende och ekonomi',
  }, 201);

  await launchBrowser();
  page = await logIn(coordinator);
});

afterAll(stop);

describe('meeting outcomes that become plan changes', () => {
  it('records minutes with two plan-change outcomes, which then wait for the plan', async () => {
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Hassel');
    const card = meetings().getByRole('listitem').filter({ hasText: 'Boende och ekonomi' });
    await card.getByRole('button', { name: 'Skriv protokoll' }).click();
    await card.getByLabel('Protokoll', { exact: true }).fill(minutesText);
    for (const [number, text] of [[1, housing], [2, debt]] as const) {
      await card.getByRole('button', { name: 'Lägg till ett utfall' }).click();
      await card.getByLabel(`Utfall ${number}`, { exact: true }).fill(text);
      await card.getByLabel(`Utfall ${number} ändrar planen`).focus();
      await page.keyboard.press('Space');
    }
    await card.getByRole('button', { name: 'Spara protokollet' }).focus();
    await page.keyboard.press('Enter');
    await heldCard().getByText('Genomfört').waitFor();
    expect(await heldCard().getByText('Väntar på planen').count()).toBe(2);
    await heldCard().getByRole('button', { name: 'Starta ett nytt planutkast från mötets utfall' }).waitFor();
    await expectNoAxeViolations(page, 'case page with outcomes waiting for the plan');
  });

  it('starts a draft from the meeting with the outcomes carried in, and sets one aside with a reason', async () => {
    await heldCard().getByRole('button', { name: 'Starta ett nytt planutkast från mötets utfall' }).click();
    await heading(page, 'Ändra utkast till version 2', 2);
    const pending = page.getByRole('region', { name: 'Ändringar från SIP-möten att ta ställning till' });
    await pending.getByText('Infört i utkastet som mål 2, sparas med utkastet').waitFor();
    await pending.getByText('Infört i utkastet som mål 3, sparas med utkastet').waitFor();
    // The first carried goal's own words are focused, for the coordinator to write with the participant.
    await page.waitForFunction(() => /^plan-goal-.+-participantWords$/.test(document.activeElement?.id ?? ''));
    expect(await page.getByRole('group', { name: 'Mål 2', exact: true }).getByLabel('Deltagarens egna ord').inputValue()).toBe('');
    expect(await page.getByRole('group', { name: 'Mål 2', exact: true }).getByLabel('Professionellas beskrivning').inputValue()).toBe(housing);
    await expectNoAxeViolations(page, 'draft with outcomes carried in');

    const debtItem = pending.getByRole('listitem').filter({ hasText: debt });
    await debtItem.getByRole('button', { name: 'Ångra' }).click();
    await page.getByRole('group', { name: 'Mål 3', exact: true }).waitFor({ state: 'detached' });
    await debtItem.getByRole('button', { name: 'Lägg åt sidan' }).click();
    await debtItem.getByRole('button', { name: 'Lägg utfallet åt sidan' }).focus();
    await page.keyboard.press('Enter');
    await debtItem.getByText('Skriv en kort motivering.').waitFor();
    await expectNoAxeViolations(page, 'dismissal without a reason');
    await debtItem.getByLabel('Varför ändrar utfallet inte planen?').fill(reason);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await pending.getByRole('listitem').filter({ hasText: debt }).waitFor({ state: 'detached' });
    const stored = (await (await page.request.get(`/api/v1/cases/${caseId}/plan/pending-changes`)).json()).outcomes;
    expect(stored.map((outcome: { text: string }) => outcome.text)).toEqual([housing]);
    await expectNoAxeViolations(page, 'draft after setting an outcome aside');
  });

  it('saves the carried goal in the participant\'s words, agrees, and shows where it came from', async () => {
    const goal = page.getByRole('group', { name: 'Mål 2', exact: true });
    await goal.getByLabel('Deltagarens egna ord').fill(ownWords);
    await page.getByRole('button', { name: 'Spara utkastet' }).focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Version 2', 2);
    const origins = page.getByRole('region', { name: 'Från SIP-möten' });
    await origins.getByText(new RegExp(`Från möte .+: ${housing}`)).waitFor();
    await expectNoAxeViolations(page, 'saved draft with provenance');

    await page.getByLabel('Skriftligt').check();
    await page.getByRole('button', { name: 'Registrera deltagarens godkännande' }).click();
    await page.getByRole('button', { name: 'Ja, registrera godkännandet' }).click();
    await page.locator('.tag', { hasText: 'Godkänd' }).waitFor();
    await origins.getByText(new RegExp(`Från möte .+: ${housing}`)).waitFor();
    const plan = (await (await page.request.get(`/api/v1/cases/${caseId}/plan`)).json()).plan;
    expect(plan).toMatchObject({ number: 2, status: 'agreed', fromMeetings: [{ text: housing }] });
    expect(plan.content.goals.map((each: { participantWords: string }) => each.participantWords)).toContain(ownWords);
    await expectNoAxeViolations(page, 'agreed plan with provenance');
  });

  it('shows on the meeting card which plan version took the outcome up, and why the other was set aside', async () => {
    await page.goto(`/app/cases/${caseId}`);
    await heading(page, 'Ärende: Hassel');
    await heldCard().getByText('Infört i planens version 2').waitFor();
    await heldCard().getByText(`Lagt åt sidan: ${reason}`).waitFor();
    expect(await heldCard().getByRole('button', { name: 'Starta ett nytt planutkast från mötets utfall' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'case page with decided outcomes');
  });

  it('carries a pending outcome into a draft from the editor\'s list, with the keyboard', async () => {
    const start = new Date(Date.now() - 2 * 86_400_000);
    const meeting = await inject('POST', `/api/v1/cases/${caseId}/meetings`, {
      startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), participantAttends: true, attendeeUserIds: [], agenda: 'Arbete',
    }, 201);
    await inject('POST', `/api/v1/cases/${caseId}/meetings/${String(meeting.id)}/minutes`, {
      version: meeting.version, text: 'Om arbete.', outcomes: [{ text: 'Börja på en arbetsträning', planChange: true }],
    }, 200);
    await page.goto(`/app/cases/${caseId}/plan`);
    await heading(page, 'Individuell plan');
    await page.getByRole('button', { name: 'Påbörja en ny version' }).click();
    await page.getByRole('button', { name: 'Ändra utkastet' }).click();
    const pending = page.getByRole('region', { name: 'Ändringar från SIP-möten att ta ställning till' });
    const item = pending.getByRole('listitem').filter({ hasText: 'Börja på en arbetsträning' });
    await item.getByRole('button', { name: 'För in i utkastet som nytt mål' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^plan-goal-.+-participantWords$/.test(document.activeElement?.id ?? ''));
    await page.keyboard.type('Jag vill prova på ett jobb');
    await item.getByText('Infört i utkastet som mål 3, sparas med utkastet').waitFor();
    await expectNoAxeViolations(page, 'draft with an outcome carried in from the list');
    await page.getByRole('button', { name: 'Spara utkastet' }).focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Version 3', 2);
    await page.getByRole('region', { name: 'Från SIP-möten' }).getByText(/Från möte .+: Börja på en arbetsträning/).waitFor();
    const plan = (await (await page.request.get(`/api/v1/cases/${caseId}/plan`)).json()).plan;
    expect(plan.fromMeetings.map((origin: { text: string }) => origin.text)).toEqual([housing, 'Börja på en arbetsträning']);
    expect((await (await page.request.get(`/api/v1/cases/${caseId}/plan/pending-changes`)).json()).outcomes).toEqual([]);
    await expectNoAxeViolations(page, 'draft version 3 with provenance');
  });

  it('takes an outcome up as an action under a goal the plan already has, with the keyboard', async () => {
    const visit = 'Boka tid på vårdcentralen';
    const start = new Date(Date.now() - 86_400_000);
    const meeting = await inject('POST', `/api/v1/cases/${caseId}/meetings`, {
      startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), participantAttends: true, attendeeUserIds: [], agenda: 'Hälsa',
    }, 201);
    await inject('POST', `/api/v1/cases/${caseId}/meetings/${String(meeting.id)}/minutes`, {
      version: meeting.version, text: 'Om sömnen.', outcomes: [{ text: visit, planChange: true }],
    }, 200);
    await page.goto(`/app/cases/${caseId}/plan`);
    await heading(page, 'Individuell plan');
    await page.getByRole('button', { name: 'Ändra utkastet' }).click();
    const pending = page.getByRole('region', { name: 'Ändringar från SIP-möten att ta ställning till' });
    const item = pending.getByRole('listitem').filter({ hasText: visit });
    const choice = item.getByLabel('Eller som insats under');
    await choice.focus();
    await choice.selectOption({ label: 'Mål 1: Fysisk och psykisk hälsa' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await item.getByText('Infört i utkastet som insats 1 under mål 1, sparas med utkastet').waitFor();
    // The new action's responsible organisation is focused: the one thing the meeting could not decide here.
    await page.waitForFunction(() => /^plan-action-.+-responsibleOrganisationId$/.test(document.activeElement?.id ?? ''));
    const action = page.getByRole('group', { name: 'Insats 1 under mål 1' });
    expect(await action.getByLabel('Insats', { exact: true }).inputValue()).toBe(visit);
    await action.getByLabel('Ansvarig organisation').selectOption({ index: 1 });
    await expectNoAxeViolations(page, 'draft with an outcome carried in as an action');
    await page.getByRole('button', { name: 'Spara utkastet' }).focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Version 3', 2);
    await page.getByRole('region', { name: 'Från SIP-möten' }).getByText(new RegExp(`Insats från möte .+: ${visit}`)).waitFor();
    const plan = (await (await page.request.get(`/api/v1/cases/${caseId}/plan/versions/3`)).json());
    const origin = plan.fromMeetings.find((each: { text: string }) => each.text === visit);
    expect(origin.actionId).toBe(plan.content.goals[0].actions[0].id);
    expect((await (await page.request.get(`/api/v1/cases/${caseId}/plan/pending-changes`)).json()).outcomes).toEqual([]);
  });
});
