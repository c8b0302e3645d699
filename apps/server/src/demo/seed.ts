import { swedishDate, type Role } from '@utvag/domain';
import QRCode from 'qrcode';
import { AccessContext, type StaffActor } from '../access/context';
import { currentTotp } from '../auth/totp';
import { createCase } from '../cases/service';
import { recordConsent } from '../consent/service';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { seedDirectoryDemo } from '../directory/demo';
import { seedFieldWorkDemo } from './field-work';
import { setMailboxReceiver } from '../mailbox/service';
import { createMunicipalityOrganisation, createOrganisation, createRegionOrganisation } from '../organisations/store';
import { addTeamMember } from '../team/service';
import { createUser } from '../users/store';

/** Every demo user shares this second-factor secret, so a tester can add it once to an authenticator app. */
export const DEMO_TOTP_SECRET = 'KVKFMQKHJ5JFKU2UIVJUCRKEIVGU6MJS';
export const DEMO_PASSWORD = 'demo-lösenord-2026';

interface DemoUser { email: string; name: string; title: string; roles: Role[]; organisation: string }

const demoUsers: DemoUser[] = [
  { email: 'samordnare@orebro.demo.utvag.se', name: 'Elin Exempel', title: 'Samordnare', roles: ['coordinator'], organisation: 'orebro' },
  { email: 'chef@orebro.demo.utvag.se', name: 'Lena Prov', title: 'Enhetschef', roles: ['manager'], organisation: 'orebro' },
  { email: 'mottagning@orebro.demo.utvag.se', name: 'Omar Demo', title: 'Socialsekreterare, mottagning', roles: ['intake'], organisation: 'orebro' },
  { email: 'admin@orebro.demo.utvag.se', name: 'Ali Testsson', title: 'Systemförvaltare', roles: ['org_admin'], organisation: 'orebro' },
  { email: 'kurator@region-orebro.demo.utvag.se', name: 'Sofia Test', title: 'Kurator, ungdomsmottagningen', roles: ['team_member'], organisation: 'region' },
  { email: 'stodperson@exempelhjalpen.demo.utvag.se', name: 'Maria Fiktiv', title: 'Stödperson med egen erfarenhet', roles: ['support_person'], organisation: 'civil' },
  { email: 'samordnare@boras.demo.utvag.se', name: 'Nils Påhitt', title: 'Samordnare', roles: ['coordinator'], organisation: 'boras' },
  { email: 'samordnare@umea.demo.utvag.se', name: 'Hanna Låtsas', title: 'Samordnare', roles: ['coordinator'], organisation: 'umea' },
  { email: 'analytiker@lansstyrelsen-orebro.demo.utvag.se', name: 'Per Exempelsson', title: 'Utvecklingsledare', roles: ['analyst'], organisation: 'county_board' },
];

/** True when the database holds no organisations yet: the only time demo data is created. */
export async function isEmpty(db: Db): Promise<boolean> {
  return !(await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst());
}

/** Fictional organisations' staff and a few cases in real municipalities. Refused in production by the config. */
export async function seedDemo(db: Db, keyring: Keyring): Promise<{ users: DemoUser[] }> {
  const organisations: Record<string, { id: string; type: StaffActor['organisationType'] }> = {
    orebro: { id: await createMunicipalityOrganisation(db, '1880'), type: 'municipality' },
    boras: { id: await createMunicipalityOrganisation(db, '1490'), type: 'municipality' },
    umea: { id: await createMunicipalityOrganisation(db, '2480'), type: 'municipality' },
    region: { id: await createRegionOrganisation(db, '18'), type: 'region' },
    civil: { id: await createOrganisation(db, { type: 'civil_society', name: 'Föreningen Exempelhjälpen (demo)' }), type: 'civil_society' },
    county_board: { id: await createOrganisation(db, { type: 'county_board', name: 'Länsstyrelsen i Örebro län', countyCode: '18' }), type: 'county_board' },
  };
  const ids: Record<string, string> = {};
  for (const user of demoUsers) {
    ids[user.email] = await createUser(db, keyring, {
      organisationId: organisations[user.organisation]!.id, email: user.email, name: user.name, title: user.title,
      roles: user.roles, password: DEMO_PASSWORD, totpSecret: DEMO_TOTP_SECRET,
    });
  }
  // The anonymous mailbox: Örebro takes its own messages and, in the demo, everyone else's too; its
  // intake worker is qualified by the administrator to handle children's conversations.
  await setMailboxReceiver(db, organisations.orebro!.id, true);
  await db.insertInto('mailboxChildHandlers').values({
    userId: ids['mottagning@orebro.demo.utvag.se']!, organisationId: organisations.orebro!.id, grantedBy: ids['admin@orebro.demo.utvag.se']!,
  }).execute();
  const coordinator = demoUsers[0]!;
  const access = new AccessContext(db, {
    userId: ids[coordinator.email]!, organisationId: organisations.orebro!.id, organisationType: 'municipality',
    roles: coordinator.roles, name: coordinator.name, email: coordinator.email,
  }, 'demo-seed');

  await createCase(access, keyring, {
    program: 'exit_program',
    participant: { alias: 'Lilja', languages: ['ro', 'en'], interpreterNeeded: true, interpreterLanguage: 'ro', protectedIdentity: 'none' },
  }, null);
  const identified = await createCase(access, keyring, {
    program: 'exit_program',
    participant: {
      alias: 'Björk', firstName: 'Testa', lastName: 'Exempeldotter',
      phone: '070-000 00 00', languages: ['sv'], interpreterNeeded: false, protectedIdentity: 'confidentiality_marking',
    },
  }, null);
  // Consent comes first: only organisations the participant has consented to can join the team.
  await recordConsent(access, identified.id, {
    recipientOrganisationId: organisations.region!.id, categories: ['health'], excludedCategories: ['legal_process'],
    purposes: ['care_planning'], form: 'written', givenOn: swedishDate(new Date()), validUntil: `${new Date().getFullYear() + 1}-06-30`,
  }, null);
  await recordConsent(access, identified.id, {
    recipientOrganisationId: organisations.civil!.id, categories: ['relationships'], excludedCategories: [],
    purposes: ['support'], form: 'oral', givenOn: swedishDate(new Date()), validUntil: `${new Date().getFullYear() + 1}-06-30`,
  }, null);
  await addTeamMember(access, identified.id, { userId: ids['kurator@region-orebro.demo.utvag.se']!, teamRole: 'team_member' }, null);
  await addTeamMember(access, identified.id, { userId: ids['stodperson@exempelhjalpen.demo.utvag.se']!, teamRole: 'support_person' }, null);
  await createCase(access, keyring, {
    program: 'child_program',
    participant: { alias: 'Sälg', languages: ['sv', 'ar'], interpreterNeeded: false, protectedIdentity: 'none' },
  }, null);
  const staff = (email: string): StaffActor => {
    const user = demoUsers.find((each) => each.email === email)!;
    const organisation = organisations[user.organisation]!;
    return { userId: ids[email]!, organisationId: organisation.id, organisationType: organisation.type, roles: user.roles, name: user.name, email };
  };
  await seedFieldWorkDemo(db, keyring, { outreach: staff('mottagning@orebro.demo.utvag.se'), screener: staff('kurator@region-orebro.demo.utvag.se') });
  await seedDirectoryDemo(db, organisations, {
    orebro: ids['admin@orebro.demo.utvag.se']!, region: ids['kurator@region-orebro.demo.utvag.se']!, civil: ids['stodperson@exempelhjalpen.demo.utvag.se']!,
  });
  return { users: demoUsers };
}

/** What the console shows after the demo is created. */
export async function demoInstructions(users: { email: string; name: string; title: string }[]): Promise<string> {
  const qr = await QRCode.toString(`otpauth://totp/Utv%C3%A4g:demo?secret=${DEMO_TOTP_SECRET}&issuer=Utv%C3%A4g`, { type: 'terminal', small: true });
  return [
    '',
    'Demo mode: fictional organisations, users and cases were created. Never use demo mode for real people.',
    `Password for every demo user: ${DEMO_PASSWORD}`,
    ...users.map((user) => `  ${user.email.padEnd(48)} ${user.name}, ${user.title}`),
    '',
    `Second factor: every demo user shares the TOTP secret ${DEMO_TOTP_SECRET}. Scan it into an authenticator app:`,
    qr,
    `or print the current code with: npx utvag demo code   (now: ${currentTotp(DEMO_TOTP_SECRET)})`,
    '',
  ].join('\n');
}
