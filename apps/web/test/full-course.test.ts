/**
 * One whole course through the exit program in the staff app, walked by the people in it, each in their
 * own browser: an anonymous contact becomes a case; consent decides what a region and a civil-society
 * organisation may see; the team is composed; plan version 1 is agreed, a SIP meeting held and version 2
 * agreed; protected housing is decided under delegation; the case is paused and resumed, moved to another
 * municipality and closed with its goals reached. At each step the test checks both sides: what a team
 * member may see, and that what consent does not share with them stays out of their pages. axe runs on
 * every page state visited.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret } from '../../server/src/auth/totp';
import { createMunicipalityOrganisation, createOrganisation, createRegionOrganisation } from '../../server/src/organisations/store';
import type { Runtime } from '../../server/src/server';
import {
  PASSWORD, chooseOption, expectNoAxeViolations as expectAccessible, heading, launchBrowser, newContext, newUser, startTestServer, stockholmDay, stop,
  type TestUser,
} from './browser-harness';

interface Person extends TestUser { name: string }
const person = (email: string, name: string): Person => ({ email, name, totpSecret: newTotpSecret() });

// Örebro kommun holds the case; Karlstads kommun takes it over. All people are made up.
const coordinator = person('samordnare@orebro.kurs.test.utvag.se', 'Testa Samordnare');
const manager = person('chef@orebro.kurs.test.utvag.se', 'Chefa Enhet');
const delegate = person('socialsekreterare@orebro.kurs.test.utvag.se', 'Dela Gat');
const regionMember = person('kurator@region.kurs.test.utvag.se', 'Prova Kurator');
const supporter = person('stod@forening.kurs.test.utvag.se', 'Stina Stödperson');
const receiver = person('samordnare@karlstad.kurs.test.utvag.se', 'Mottaga Samordnare');
const association = 'Föreningen Exempelstöd';

const alias = 'Vallmo';
const identifying = { firstName: 'Exempla', lastName: 'Provdotter', identityNumber: '19121212-1212', phone: '070-123 45 67', address: 'Exempelgatan 1, Örebro' };
const newAddress = 'Nyvägen 7, Karlstad';
const housingWords = 'Jag vill bo någonstans där ingen hittar mig';
const healthWords = 'Jag vill orka med dagarna igen';
const incomeWords = 'Jag vill ha egna pengar varje månad';
const agendaText = 'Gå igenom planen, boendet och vården.';
const minutesText = 'Deltagaren vill söka ekonomiskt stöd. Boendet fungerar för stunden.';
const housingEntry = 'Hotet från den tidigare kontakten kvarstår. Behöver ett skyddat boende.';
const healthEntry = 'Remiss till traumamottagningen är skickad.';
const decisionReasons = 'Hot från tidigare kontakt. Behöver skyddat boende omedelbart.';
const pauseReason = 'Deltagaren vill vila från insatserna en tid.';
const transferReason = 'Flyttar av säkerhetsskäl.';
const regionConsent = 'Region Örebro län får ta del av uppgifter om hälsa för vårdplanering, tills vidare.';
const associationConsent = `${association} får ta del av uppgifter om kontaktsätt för stöd, tills vidare.`;

let runtime: Runtime;
let caseId: string;
const pages = new Map<string, Page>();

const main = (page: Page) => page.getByRole('main');
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const course = (page: Page) => region(page, 'Förlopp');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });

/**
 * Logs the person in, in their own browser, with password and one-time code from the keyboard. Everyone
 * logs in once, at the start, and keeps their browser for the whole course: after that the test moves
 * only by links and buttons inside the app, as people do (and a one-time code cannot be used twice).
 */
async function logIn(user: Person, checkAccessibility: boolean): Promise<void> {
  const page = await (await newContext()).newPage();
  await page.goto('/app/');
  await heading(page, 'Logga in');
  if (checkAccessibility) await expectAccessible(page, 'login');
  await page.getByLabel('E-postadress').fill(user.email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await heading(page, 'Ange engångskod');
  if (checkAccessibility) await expectAccessible(page, 'one-time code');
  await page.getByLabel('Engångskod').fill(currentTotp(user.totpSecret));
  await page.keyboard.press('Enter');
  await heading(page, 'Mina ärenden');
  pages.set(user.email, page);
}

function browserOf(user: Person): Page {
  const page = pages.get(user.email);
  if (!page) throw new Error(`${user.name} has not logged in.`);
  return page;
}

/** Goes to "Mina ärenden" from the menu; the list and the unread count are fetched anew. */
async function myCases(user: Person): Promise<Page> {
  const page = browserOf(user);
  // A link to the page one is on changes nothing; from elsewhere the list is read again.
  if (/^\/app\/?$/.test(new URL(page.url()).pathname)) {
    await nav(page).getByRole('link', { name: /^Aviseringar/ }).click();
    await heading(page, 'Aviseringar');
  }
  await nav(page).getByRole('link', { name: 'Mina ärenden', exact: true }).click();
  await heading(page, 'Mina ärenden');
  return page;
}

/** Opens the case from "Mina ärenden", so that the case page is read anew. */
async function openCase(user: Person): Promise<Page> {
  const page = await myCases(user);
  await page.getByRole('table', { name: 'Ärenden som du har tillgång till' }).getByRole('link', { name: alias, exact: true }).click();
  await heading(page, `Ärende: ${alias}`);
  return page;
}

/** Opens the individual plan from the case page. */
async function openPlan(user: Person): Promise<Page> {
  const page = await openCase(user);
  await page.getByRole('link', { name: 'Öppna den individuella planen' }).click();
  await heading(page, 'Individuell plan');
  return page;
}

/** Presses a button from the keyboard, as a keyboard user would. */
async function pressButton(scope: Page | Locator, name: string): Promise<void> {
  const button = scope.getByRole('button', { name, exact: true });
  await button.focus();
  await button.press('Enter');
}

async function expectStatus(page: Page, status: string): Promise<void> {
  await course(page).getByRole('definition').filter({ has: page.locator('strong', { hasText: status }) }).waitFor();
}

async function advanceTo(page: Page, status: string): Promise<void> {
  await pressButton(course(page), `Gå vidare till ${status}`);
  await expectStatus(page, status);
}

/** The text of the main landmark, once everything the page loads has arrived. */
async function mainText(page: Page): Promise<string> {
  await page.waitForFunction(() => document.querySelector('main .loading') === null);
  return main(page).innerText();
}

/** Opens the case and waits for the answer about its decisions, so that what the page leaves out can be checked. */
async function openCaseSeeingDecisions(user: Person): Promise<number> {
  const page = browserOf(user);
  const decisions = page.waitForResponse((response) => response.url().endsWith(`/api/v1/cases/${caseId}/decisions`));
  await openCase(user);
  return (await decisions).status();
}

async function fillGoal(page: Page, number: number, goal: { area: string; own: string; professional: string; action: string; organisation: string }): Promise<void> {
  await pressButton(page, 'Lägg till ett mål');
  await page.waitForFunction(() => /^plan-goal-.+-lifeArea$/.test(document.activeElement?.id ?? ''));
  const group = page.getByRole('group', { name: `Mål ${number}`, exact: true });
  await chooseOption(group, 'Livsområde', goal.area);
  await group.getByLabel('Deltagarens egna ord').fill(goal.own);
  await group.getByLabel('Professionellas beskrivning').fill(goal.professional);
  await pressButton(group, `Lägg till en insats under mål ${number}`);
  await page.waitForFunction(() => /^plan-action-.+-description$/.test(document.activeElement?.id ?? ''));
  const action = page.getByRole('group', { name: `Insats 1 under mål ${number}`, exact: true });
  await action.getByLabel('Insats', { exact: true }).fill(goal.action);
  await chooseOption(action, 'Ansvarig organisation', goal.organisation);
  await action.getByLabel('Startdatum').fill('2027-01-15');
  await action.getByLabel('Slutdatum').fill('2027-06-30');
  await action.getByLabel('Uppföljning', { exact: true }).fill('2027-03-01');
}

async function agreePlan(page: Page, number: number, how: string, checkForm: boolean): Promise<void> {
  await heading(page, `Deltagarens godkännande av version ${number}`, 2);
  await page.getByRole('group', { name: 'Hur godkände deltagaren planen?' }).getByLabel(how, { exact: true }).check();
  await page.getByRole('button', { name: 'Registrera deltagarens godkännande' }).click();
  await page.getByText(`Är du säker? Version ${number} blir den gällande planen`).waitFor();
  if (checkForm) await expectAccessible(page, 'plan agreement, confirming');
  await page.getByRole('button', { name: 'Ja, registrera godkännandet' }).click();
  await page.locator('.tag', { hasText: 'Godkänd' }).waitFor();
}

/** Records a consent through the form on the case page. */
async function recordConsent(page: Page, consent: { organisation: string; category: string; excluded?: string; purpose: string; sentence: string }, checkForm: boolean): Promise<void> {
  await pressButton(region(page, 'Samtycken'), 'Registrera ett nytt samtycke');
  await chooseOption(page, 'Organisation som får ta del av uppgifterna', consent.organisation);
  await page.getByRole('group', { name: 'Uppgifter som får delas', exact: true }).getByLabel(consent.category, { exact: true }).check();
  if (consent.excluded) await page.getByRole('group', { name: 'Uppgifter som inte får delas', exact: true }).getByLabel(consent.excluded, { exact: true }).check();
  await page.getByRole('group', { name: 'Ändamål', exact: true }).getByLabel(consent.purpose, { exact: true }).check();
  await page.getByRole('group', { name: 'Hur lämnades samtycket?' }).getByLabel('Skriftligt').check();
  if (checkForm) await expectAccessible(page, 'consent form');
  await pressButton(page, 'Spara samtycket');
  await region(page, 'Samtycken').getByText(consent.sentence, { exact: true }).waitFor();
}

async function addToTeam(page: Page, organisation: string, member: Person, role: string, roleLabel: string): Promise<void> {
  const team = region(page, 'Tvärprofessionell grupp');
  await chooseOption(team, 'Organisation', organisation);
  await chooseOption(team, 'Person', member.name);
  await team.getByLabel('Roll i gruppen').selectOption(role);
  await pressButton(team, 'Lägg till i gruppen');
  await team.getByRole('listitem').filter({ hasText: member.name }).getByText(`${organisation} · ${roleLabel}`).waitFor();
}

/** Writes and signs a journal entry; the form is opened first unless it already is. */
async function writeSignedEntry(page: Page, category: string, text: string): Promise<void> {
  const journal = region(page, 'Journal');
  if (await page.locator('#journal-form').count() === 0) await pressButton(journal, 'Skriv en journalanteckning');
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: category });
  await page.getByLabel('Anteckning', { exact: true }).fill(text);
  await pressButton(page, 'Spara och signera');
  await page.getByText('Signerade anteckningar kan inte ändras.', { exact: false }).waitFor();
  await pressButton(page, 'Ja, signera');
  await journal.getByRole('listitem').filter({ hasText: text }).getByText('Signerad', { exact: true }).waitFor();
}

beforeAll(async () => {
  runtime = await startTestServer('full-course');
  const { db } = runtime.database;
  const orebro = await createMunicipalityOrganisation(db, '1880');
  const karlstad = await createMunicipalityOrganisation(db, '1780');
  const regionOrebro = await createRegionOrganisation(db, '18');
  const civilSociety = await createOrganisation(db, { type: 'civil_society', name: association });
  const add = (organisationId: string, user: Person, title: string, role: 'coordinator' | 'manager' | 'team_member') =>
    newUser({ organisationId, email: user.email, name: user.name, title, roles: [role], totpSecret: user.totpSecret });
  await add(orebro, coordinator, 'Samordnare', 'coordinator');
  await add(orebro, manager, 'Enhetschef', 'manager');
  await add(orebro, delegate, 'Socialsekreterare', 'team_member');
  await add(regionOrebro, regionMember, 'Kurator', 'team_member');
  await add(civilSociety, supporter, 'Stödperson', 'team_member');
  await add(karlstad, receiver, 'Samordnare', 'coordinator');
  await launchBrowser();
});

afterAll(stop);

describe('a whole course through the exit program', () => {
  it('lets everyone in the course log in, each in their own browser', async () => {
    await logIn(coordinator, true);
    for (const user of [manager, delegate, regionMember, supporter, receiver]) {
      await logIn(user, false);
      const page = browserOf(user);
      await nav(page).getByRole('link', { name: 'Aviseringar', exact: true }).click();
      await heading(page, 'Aviseringar');
      await page.getByText('Du har inga aviseringar.').waitFor();
      if (user === manager) await expectAccessible(page, 'notifications, empty');
    }
  });

  it('opens a case for an anonymous contact from the anonymous mailbox', async () => {
    const page = browserOf(coordinator);
    await page.getByText('Du har inga ärenden ännu.').waitFor();
    await expectAccessible(page, 'my cases, empty');
    await nav(page).getByRole('link', { name: 'Nytt ärende' }).click();
    await heading(page, 'Nytt ärende');
    await page.getByLabel('Kontaktväg').selectOption({ label: 'Anonym brevlåda' });
    expect(await page.getByLabel('Anonym – bara alias').isChecked()).toBe(true);
    await page.getByLabel('Alias', { exact: true }).fill(alias);
    await expectAccessible(page, 'new case for an anonymous contact');
    await pressButton(page, 'Skapa ärendet');

    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
    caseId = new URL(page.url()).pathname.split('/').pop()!;
    await heading(page, `Ärende: ${alias}`);
    await expectStatus(page, 'Kontakt');
    await course(page).getByText('Anonym brevlåda').waitFor();
    await region(page, 'Deltagare').getByText('Personen är anonym i ärendet.').waitFor();
    await region(page, 'Tvärprofessionell grupp').getByText(coordinator.name, { exact: true }).waitFor();
    await expectAccessible(page, 'case page at contact');
  });

  it('assesses, and records the name the person chooses to give', async () => {
    const page = browserOf(coordinator);
    await advanceTo(page, 'Bedömning');
    await pressButton(region(page, 'Deltagare'), 'Ändra deltagarens uppgifter');
    await page.getByLabel('Förnamn').fill(identifying.firstName);
    await page.getByLabel('Efternamn').fill(identifying.lastName);
    await page.getByRole('textbox', { name: 'Personnummer eller samordningsnummer' }).fill(identifying.identityNumber);
    await page.getByLabel('Telefon').fill(identifying.phone);
    await page.getByLabel('Adress', { exact: true }).fill(identifying.address);
    await expectAccessible(page, 'participant form');
    await pressButton(page, 'Spara ändringarna');
    const participant = region(page, 'Deltagare');
    await participant.getByText(identifying.identityNumber).waitFor();
    await participant.getByText(identifying.address).waitFor();
    await expectAccessible(page, 'case page with the participant identified');
  });

  it('records consent for the region (health, not housing) and for the association (contact details)', async () => {
    const page = browserOf(coordinator);
    await recordConsent(page, { organisation: 'Region Örebro län', category: 'Hälsa', excluded: 'Skydd och boende', purpose: 'Vårdplanering', sentence: regionConsent }, true);
    await region(page, 'Samtycken').getByText('Får inte ta del av: skydd och boende.').waitFor();
    await recordConsent(page, { organisation: association, category: 'Kontaktsätt', purpose: 'Stöd', sentence: associationConsent }, false);
    await expectAccessible(page, 'case page with two consents');
  });

  it('composes the team with the region, the association and a colleague with delegation', async () => {
    const page = browserOf(coordinator);
    await addToTeam(page, 'Region Örebro län', regionMember, 'team_member', 'Medlem i gruppen');
    await addToTeam(page, association, supporter, 'support_person', 'Stödperson');
    await addToTeam(page, 'Örebro kommun', delegate, 'team_member', 'Medlem i gruppen');
    await expectAccessible(page, 'case page with the team');
  });

  it('shows the region member the case by alias, without name, personnummer or contact details', async () => {
    const page = await myCases(regionMember);
    const cases = page.getByRole('table', { name: 'Ärenden som du har tillgång till' });
    await cases.getByRole('link', { name: alias }).waitFor();
    await expectAccessible(page, 'my cases of the region member');
    await cases.getByRole('link', { name: alias }).click();
    await heading(page, `Ärende: ${alias}`);
    await region(page, 'Deltagare').getByText(/namn och personnummer visas inte för dig/).waitFor();
    await region(page, 'Samtycken').getByText(regionConsent).waitFor();
    const text = await mainText(page);
    for (const hidden of Object.values(identifying)) expect(text).not.toContain(hidden);
    expect(await page.getByRole('button', { name: 'Lägg till i gruppen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Registrera ett nytt samtycke' }).count()).toBe(0);
    await expectAccessible(page, 'case page of the region member');
  });

  it('shows the support person the contact details the person shares with them, and no name', async () => {
    const page = await openCase(supporter);
    const participant = region(page, 'Deltagare');
    await participant.getByText(identifying.phone).waitFor();
    await participant.getByText(/namn och personnummer visas inte för dig/).waitFor();
    const text = await mainText(page);
    for (const hidden of [identifying.firstName, identifying.lastName, identifying.identityNumber]) expect(text).not.toContain(hidden);
    await expectAccessible(page, 'case page of the support person');
  });

  it('agrees plan version 1 with a housing goal and a health goal', async () => {
    const page = browserOf(coordinator);
    await advanceTo(page, 'Planering');
    await page.getByRole('link', { name: 'Öppna den individuella planen' }).click();
    await heading(page, 'Individuell plan');
    await page.getByText('Ärendet har ingen plan ännu.').waitFor();
    await expectAccessible(page, 'plan, empty');
    await pressButton(page, 'Påbörja en plan');
    await heading(page, 'Version 1', 2);
    await pressButton(page, 'Ändra utkastet');
    await heading(page, 'Ändra utkast till version 1', 2);
    await page.getByLabel('Uppföljning av planen').fill('2027-09-01');
    await fillGoal(page, 1, { area: 'Skydd och boende', own: housingWords, professional: 'Skyddat boende, sedan eget kontrakt', action: 'Ansöka om skyddat boende', organisation: 'Örebro kommun' });
    await fillGoal(page, 2, { area: 'Fysisk och psykisk hälsa', own: healthWords, professional: 'Traumabehandling i regionen', action: 'Remiss till traumamottagning', organisation: 'Region Örebro län' });
    await expectAccessible(page, 'plan editor with two goals');
    await pressButton(page, 'Spara utkastet');
    await heading(page, 'Version 1', 2);
    await page.getByText(housingWords).waitFor();
    await agreePlan(page, 1, 'Skriftligt', true);
    await expectAccessible(page, 'plan, version 1 agreed');

    await page.getByRole('link', { name: 'Tillbaka till ärendet' }).click();
    await heading(page, `Ärende: ${alias}`);
    await advanceTo(page, 'Pågående');
  });

  it('shows the region member only the health goal of version 1, and the support person no goal', async () => {
    const member = await openPlan(regionMember);
    await member.getByText(healthWords).waitFor();
    await member.getByText('Du ser bara de livsområden som samtycket delar med din organisation.').waitFor();
    expect(await member.getByText(housingWords).count()).toBe(0);
    expect(await member.getByRole('heading', { name: 'Skydd och boende' }).count()).toBe(0);
    expect(await member.getByRole('button', { name: 'Ändra utkastet' }).count()).toBe(0);
    await expectAccessible(member, 'plan version 1 seen by the region member');

    const support = await openPlan(supporter);
    await support.getByText('Du ser bara de livsområden som samtycket delar med din organisation.').waitFor();
    const text = await mainText(support);
    expect(text).not.toContain(healthWords);
    expect(text).not.toContain(housingWords);
    await expectAccessible(support, 'plan version 1 seen by the support person');
  });

  it('holds a SIP meeting with the region member and the support person', async () => {
    const page = await openCase(coordinator);
    const meetings = region(page, 'SIP-möten');
    await meetings.getByText('Inga SIP-möten är inbokade ännu.').waitFor();
    await pressButton(meetings, 'Boka ett SIP-möte');
    const nextYear = new Date().getFullYear() + 1;
    await page.getByLabel('Datum', { exact: true }).fill(`${nextYear}-05-12`);
    await page.getByLabel('Starttid', { exact: true }).fill('10:00');
    await page.getByLabel('Sluttid', { exact: true }).fill('11:30');
    await page.getByLabel('Plats (valfritt)').fill('Socialkontoret, rum 4');
    await page.getByLabel('Dagordning', { exact: true }).fill(agendaText);
    await page.getByLabel(new RegExp(regionMember.name)).check();
    await page.getByLabel(new RegExp(supporter.name)).check();
    await expectAccessible(page, 'meeting form');
    await pressButton(page, 'Boka mötet');
    const card = meetings.getByRole('listitem').filter({ hasText: agendaText });
    await card.getByText('Inbokat').waitFor();

    await pressButton(card, 'Skriv protokoll');
    await card.getByLabel('Protokoll', { exact: true }).fill(minutesText);
    await pressButton(card, 'Lägg till ett utfall');
    await card.getByLabel('Utfall 1', { exact: true }).fill('Nytt mål om inkomst i planen');
    await card.getByLabel('Utfall 1 ändrar planen').check();
    await expectAccessible(page, 'minutes form');
    await pressButton(card, 'Spara protokollet');
    await meetings.getByRole('listitem').filter({ hasText: minutesText }).getByText('Genomfört').waitFor();
    await expectAccessible(page, 'case page with a held meeting');
  });

  it('tells the support person of the meeting, and lets the region member read its minutes', async () => {
    // Back at the start page, the support person finds the invitation waiting.
    const support = await myCases(supporter);
    await nav(support).getByRole('link', { name: 'Aviseringar 1 olästa' }).click();
    await heading(support, 'Aviseringar');
    const notice = support.getByRole('listitem').filter({ hasText: 'Du har bjudits in till ett SIP-möte.' });
    await expectAccessible(support, 'notifications of the support person');
    await notice.getByRole('link', { name: 'Öppna ärendet' }).click();
    await heading(support, `Ärende: ${alias}`);
    await region(support, 'SIP-möten').getByText('Plats: Socialkontoret, rum 4').waitFor();
    expect(await region(support, 'SIP-möten').getByRole('button', { name: 'Boka ett SIP-möte' }).count()).toBe(0);
    await expectAccessible(support, 'case page of the support person with a meeting');

    const member = await openCase(regionMember);
    await region(member, 'SIP-möten').getByText(minutesText).waitFor();
    expect(await region(member, 'SIP-möten').getByRole('button', { name: 'Boka ett SIP-möte' }).count()).toBe(0);
    await expectAccessible(member, 'case page of the region member with a meeting');
  });

  it('agrees plan version 2 with the income goal from the meeting, agreed at the meeting', async () => {
    const page = browserOf(coordinator);
    await page.getByRole('link', { name: 'Öppna den individuella planen' }).click();
    await heading(page, 'Individuell plan');
    await pressButton(page, 'Påbörja en ny version');
    await heading(page, 'Version 2', 2);
    await pressButton(page, 'Ändra utkastet');
    await heading(page, 'Ändra utkast till version 2', 2);
    await fillGoal(page, 3, { area: 'Inkomst och ekonomiskt stöd', own: incomeWords, professional: 'Ekonomiskt bistånd under tiden', action: 'Ansöka om ekonomiskt bistånd', organisation: 'Örebro kommun' });
    await pressButton(page, 'Spara utkastet');
    await heading(page, 'Version 2', 2);
    await page.getByText(incomeWords).waitFor();
    await agreePlan(page, 2, 'Vid SIP-möte', false);

    await page.getByRole('link', { name: 'Alla versioner och jämförelse' }).click();
    await heading(page, 'Versioner av planen');
    await page.getByRole('cell', { name: 'Ersatt' }).waitFor();
    await expectAccessible(page, 'plan versions');
    await pressButton(page, 'Jämför');
    await heading(page, 'Version 1 jämförd med version 2');
    await page.getByRole('table', { name: 'Mål och insatser sida vid sida' }).getByText(incomeWords).waitFor();
    await expectAccessible(page, 'plan comparison');

    const member = await openPlan(regionMember);
    await member.getByRole('link', { name: 'Alla versioner och jämförelse' }).click();
    await heading(member, 'Versioner av planen');
    await expectAccessible(member, 'plan versions seen by the region member');
    await pressButton(member, 'Jämför');
    await heading(member, 'Version 1 jämförd med version 2');
    await member.getByText(healthWords).first().waitFor();
    const text = await mainText(member);
    expect(text).not.toContain(incomeWords);
    expect(text).not.toContain(housingWords);
    await expectAccessible(member, 'plan comparison seen by the region member');
  });

  it('keeps a housing journal entry from the region member, who writes in health only', async () => {
    const page = await openCase(coordinator);
    await writeSignedEntry(page, 'Skydd och boende', housingEntry);

    const member = await openCase(regionMember);
    const journal = region(member, 'Journal');
    await journal.getByText('Det finns inga journalanteckningar som du kan läsa ännu.').waitFor();
    await pressButton(journal, 'Skriv en journalanteckning');
    // The form offers only the categories consent shares with the region.
    const categories = await member.getByLabel('Kategori', { exact: true }).locator('option').allTextContents();
    expect(categories.filter((label) => label !== 'Välj kategori')).toEqual(['Hälsa']);
    await expectAccessible(member, 'journal form of the region member');
    await writeSignedEntry(member, 'Hälsa', healthEntry);
    expect(await mainText(member)).not.toContain(housingEntry);
    await expectAccessible(member, 'case page of the region member with a journal entry');

    await openCase(coordinator);
    await region(page, 'Journal').getByText(healthEntry).waitFor();
    await region(page, 'Journal').getByText(housingEntry).waitFor();

    const support = await openCase(supporter);
    await region(support, 'Journal').getByText('Det finns inga journalanteckningar som du kan läsa ännu.').waitFor();
    expect(await mainText(support)).not.toContain(healthEntry);
  });

  it('lets the manager give team members delegation for protected housing', async () => {
    const page = browserOf(manager);
    await nav(page).getByRole('link', { name: 'Delegationsordning' }).click();
    await heading(page, 'Delegationsordning');
    await page.getByText('Det finns inga regler. Då fattar bara chefer beslut.').waitFor();
    await expectAccessible(page, 'empty delegation order');
    await page.getByLabel('Roll', { exact: true }).selectOption('team_member');
    await page.getByLabel('Typ av beslut', { exact: true }).selectOption('protected_housing');
    await pressButton(page, 'Lägg till regeln');
    await page.getByRole('cell', { name: 'Skyddat boende', exact: true }).waitFor();
    await pressButton(page, 'Spara delegationsordningen');
    await page.getByText('Delegationsordningen är sparad.').waitFor({ state: 'attached' });
    await expectAccessible(page, 'delegation order with a rule');
    // The manager sees the organisation's case in their list (until it moves).
    await (await myCases(manager)).getByRole('table', { name: 'Ärenden som du har tillgång till' }).getByRole('link', { name: alias, exact: true }).waitFor();
  });

  it('has the coordinator initiate protected housing and the delegate decide it', async () => {
    const page = await openCase(coordinator);
    const decisions = region(page, 'Beslut');
    await decisions.getByText('Det finns inga beslut i ärendet ännu.').waitFor();
    await pressButton(decisions, 'Initiera ett beslut');
    await page.getByLabel('Typ av beslut', { exact: true }).selectOption('protected_housing');
    expect(await page.getByLabel('Gäller från', { exact: true }).inputValue()).toBe(stockholmDay());
    await page.getByLabel('Skäl för beslutet', { exact: true }).fill(decisionReasons);
    await page.getByLabel('Omfattning', { exact: true }).fill('Skyddat boende med stöd dygnet runt');
    await page.getByLabel('Gäller till', { exact: true }).fill(stockholmDay(180));
    await expectAccessible(page, 'decision form');
    await pressButton(page, 'Initiera beslutet');
    const initiated = decisions.getByRole('listitem').filter({ hasText: 'Skyddat boende' }).first();
    await initiated.getByText('Väntar på beslut').waitFor();
    await initiated.getByText('Du har inte delegation för den här typen av beslut.', { exact: false }).waitFor();
    expect(await initiated.getByRole('button', { name: 'Fatta beslutet' }).count()).toBe(0);
    await expectAccessible(page, 'case page with an initiated decision');

    const delegatePage = await myCases(delegate);
    await nav(delegatePage).getByRole('link', { name: 'Aviseringar 1 olästa' }).click();
    await heading(delegatePage, 'Aviseringar');
    const notice = delegatePage.getByRole('listitem').filter({ hasText: 'Ett beslut väntar på ditt beslut.' });
    await expectAccessible(delegatePage, 'notifications of the delegate');
    await notice.getByRole('link', { name: 'Öppna ärendet' }).click();
    await heading(delegatePage, `Ärende: ${alias}`);
    const item = region(delegatePage, 'Beslut').getByRole('listitem').filter({ hasText: 'Skyddat boende' }).first();
    await item.getByText(decisionReasons).waitFor();
    await item.getByRole('radio', { name: 'Bifall', exact: true }).check();
    await pressButton(item, 'Fatta beslutet');
    await item.getByText('Ett fattat beslut kan inte ändras.', { exact: false }).waitFor();
    await expectAccessible(delegatePage, 'confirming the decision');
    await pressButton(item, 'Ja, fatta beslutet');
    await item.getByRole('link', { name: 'Beslutsbrev om skyddat boende (PDF)' }).waitFor();
    await item.getByText(`av ${delegate.name}.`, { exact: false }).waitFor();
    await expectAccessible(delegatePage, 'case page with the decision taken');
  });

  it('does not show the decision to the region member or the support person', async () => {
    for (const user of [regionMember, supporter]) {
      expect(await openCaseSeeingDecisions(user)).toBe(403);
      const page = browserOf(user);
      await region(page, 'Beslut').waitFor({ state: 'detached' });
      const text = await mainText(page);
      expect(text).not.toContain(decisionReasons);
      expect(text).not.toContain('Skyddat boende');
      await expectAccessible(page, `case page of ${user.name} after the decision`);
    }
  });

  it('pauses the case, and shows the pause but not its reason to the region member', async () => {
    const page = await openCase(coordinator);
    await pressButton(course(page), 'Pausa ärendet');
    const form = page.locator('#course-pause-form');
    await form.getByLabel('Anledning till pausen').fill(pauseReason);
    await form.getByLabel('Planerad avstämning').fill(stockholmDay(14));
    await expectAccessible(page, 'pause form');
    await pressButton(form, 'Pausa ärendet');
    await expectStatus(page, 'Pausat');
    await course(page).getByText(`Anledning: ${pauseReason}`).waitFor();
    await expectAccessible(page, 'case page, paused');

    const member = await openCase(regionMember);
    await expectStatus(member, 'Pausat');
    const paused = course(member).getByRole('listitem').filter({ hasText: 'Från Pågående till Pausat' });
    await paused.getByText('Anledningen visas inte för dig.').waitFor();
    expect(await mainText(member)).not.toContain(pauseReason);
    await expectAccessible(member, 'case page of the region member, paused');
  });

  it('resumes where the case was, with its history', async () => {
    const page = browserOf(coordinator);
    await pressButton(course(page), 'Återuppta ärendet');
    const form = page.locator('#course-reentry-form');
    expect(await form.getByLabel('Steg').inputValue()).toBe('active');
    await expectAccessible(page, 're-entry form');
    await pressButton(form, 'Återuppta ärendet');
    await expectStatus(page, 'Pågående');
    await course(page).getByRole('listitem').filter({ hasText: 'Från Pausat till Pågående' }).waitFor();

    const member = await openCase(regionMember);
    await expectStatus(member, 'Pågående');
  });

  it('asks Karlstads kommun to take over the case, which sees only a summary until it accepts', async () => {
    const page = browserOf(coordinator);
    const transfer = region(page, 'Flytt till annan kommun');
    await chooseOption(transfer, 'Mottagande kommun', 'Karlstads kommun');
    await transfer.getByLabel('Skäl till flytten (frivilligt)').fill(transferReason);
    await pressButton(transfer, 'Begär överlämning');
    await transfer.getByText('Vill du begära att Karlstads kommun tar över ärendet?', { exact: false }).waitFor();
    await expectAccessible(page, 'transfer request, confirming');
    await pressButton(transfer, 'Ja, begär överlämning');
    await transfer.getByText('Väntar på svar från Karlstads kommun.').waitFor();
    await expectAccessible(page, 'case page with a pending transfer');

    const karlstad = browserOf(receiver);
    expect((await karlstad.request.get(`/api/v1/cases/${caseId}`)).status()).toBe(404);
    await nav(karlstad).getByRole('link', { name: 'Inkommande överlämningar' }).click();
    await heading(karlstad, 'Inkommande överlämningar');
    const card = karlstad.getByRole('listitem').filter({ hasText: 'Från Örebro kommun' });
    await card.getByText(`Ärende ${alias}, Exitprogram, status Pågående`).waitFor();
    await card.getByText(`Skäl: ${transferReason}`).waitFor();
    const summary = await mainText(karlstad);
    for (const hidden of [...Object.values(identifying), healthWords, housingEntry]) expect(summary).not.toContain(hidden);
    await expectAccessible(karlstad, 'incoming transfers');
  });

  it('lets Karlstads kommun accept; the plan and history follow, and the new address is recorded', async () => {
    const page = browserOf(receiver);
    const card = page.getByRole('listitem').filter({ hasText: 'Från Örebro kommun' });
    await chooseOption(card, 'Ny samordnare', receiver.name);
    await pressButton(card, `Ta emot ärendet ${alias}`);
    await expectAccessible(page, 'accepting a transfer, confirming');
    await pressButton(card, 'Ja, ta emot');
    await main(page).getByRole('status').filter({ hasText: 'Ärendet är mottaget.' }).waitFor();
    await page.getByRole('link', { name: 'Öppna ärendet' }).click();
    await heading(page, `Ärende: ${alias}`);
    await region(page, 'Översikt').getByText('Karlstads kommun').waitFor();
    await region(page, 'Deltagare').getByText(identifying.identityNumber).waitFor();
    await region(page, 'Journal').getByText(housingEntry).waitFor();
    await region(page, 'Journal').getByText(healthEntry).waitFor();
    await region(page, 'Beslut').getByText(decisionReasons).waitFor();
    await course(page).getByRole('listitem').filter({ hasText: 'Från Pausat till Pågående' }).waitFor();
    await expectAccessible(page, 'case page after the move');

    // The person moved for safety: the new address goes with protected registration.
    await pressButton(region(page, 'Deltagare'), 'Ändra deltagarens uppgifter');
    await page.getByLabel('Adress', { exact: true }).fill(newAddress);
    await page.getByLabel('Skyddad folkbokföring').check();
    await pressButton(page, 'Spara ändringarna');
    await region(page, 'Deltagare').getByText(newAddress).waitFor();

    await page.getByRole('link', { name: 'Öppna den individuella planen' }).click();
    await heading(page, 'Individuell plan');
    await heading(page, 'Version 2', 2);
    for (const words of [housingWords, healthWords, incomeWords]) await page.getByText(words).waitFor();
    await expectAccessible(page, 'plan after the move');
  });

  it('ends Örebro kommun\'s access, so it never sees the new address', async () => {
    // The case leaves the coordinator's list, and going back to its page finds nothing.
    const page = await myCases(coordinator);
    await page.getByText('Du har inga ärenden ännu.').waitFor();
    await page.goBack();
    await heading(page, 'Ärendet hittades inte');
    const text = await mainText(page);
    expect(text).not.toContain(alias);
    expect(text).not.toContain(newAddress);
    await expectAccessible(page, 'case not found after the move');
    // Emergency access is for the owning organisation; Örebro kommun no longer is.
    await page.getByLabel('Skäl till nödåtkomst').fill('Vill läsa ärendet efter flytten.');
    await pressButton(page, 'Begär nödåtkomst');
    await page.getByRole('alert').getByText('Ärendet finns inte, eller så kan du inte få nödåtkomst till det.').waitFor();
    await expectAccessible(page, 'refused emergency access after the move');
    const answer = await page.request.get(`/api/v1/cases/${caseId}`);
    expect(answer.status()).toBe(404);
    expect(await answer.text()).not.toContain('Nyvägen');

    const delegatePage = await myCases(delegate);
    await delegatePage.getByText('Du har inga ärenden ännu.').waitFor();
    await delegatePage.goBack();
    await heading(delegatePage, 'Ärendet hittades inte');
    expect(await mainText(delegatePage)).not.toContain(newAddress);

    const managerPage = await myCases(manager);
    await managerPage.getByText('Du har inga ärenden ännu.').waitFor();
  });

  it('keeps the region member and the support person in the team, neither seeing the protected address', async () => {
    const member = await openCase(regionMember);
    await region(member, 'Översikt').getByText('Karlstads kommun').waitFor();
    await region(member, 'Journal').getByText(healthEntry).waitFor();
    await region(member, 'SIP-möten').getByText(minutesText).waitFor();
    const memberText = await mainText(member);
    // With protected registration, neither the address nor where meetings are held is shown outside the owning organisation.
    for (const hidden of [newAddress, identifying.address, identifying.phone, identifying.identityNumber, housingEntry, 'Socialkontoret']) expect(memberText).not.toContain(hidden);
    await expectAccessible(member, 'case page of the region member after the move');

    const support = await openCase(supporter);
    await region(support, 'Deltagare').getByText(identifying.phone).waitFor();
    await region(support, 'SIP-möten').getByText(agendaText).waitFor();
    const supportText = await mainText(support);
    for (const hidden of [newAddress, identifying.address, identifying.identityNumber, 'Socialkontoret']) expect(supportText).not.toContain(hidden);
    await expectAccessible(support, 'case page of the support person after the move');
  });

  it('closes the case with goals reached, from the keyboard', async () => {
    const page = await openCase(receiver);
    await pressButton(course(page), 'Avsluta ärendet');
    const form = page.locator('#course-close-form');
    await form.getByLabel('Målen är nådda').check();
    await pressButton(form, 'Avsluta ärendet');
    await form.getByText('Är du säker på att du vill avsluta ärendet med anledningen ”Målen är nådda”?').waitFor();
    await expectAccessible(page, 'close confirmation');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, avsluta ärendet');
    await page.keyboard.press('Enter');
    await expectStatus(page, 'Avslutat');
    const closed = course(page).getByRole('listitem').filter({ hasText: 'Från Pågående till Avslutat' });
    await closed.getByText('Anledning till avslut: Målen är nådda').waitFor();
    // Every step of the course, from before and after the move, is in one history.
    expect(await course(page).getByRole('listitem').count()).toBe(6);
    await expectAccessible(page, 'case page, closed');

    const member = await openCase(regionMember);
    await expectStatus(member, 'Avslutat');
  });
});
