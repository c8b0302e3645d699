import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '../auth/passwords';
import { newTotpSecret } from '../auth/totp';
import { sealContact, sealIdentity } from '../cases/store';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { counties, municipalities, type Municipality } from '../db/reference-data';
import { createMunicipalityOrganisation, createOrganisation, createRegionOrganisation } from '../organisations/store';
import { Columns } from './columns';
import { loadAuditHistory, loadJournal, loadPlans, type LoadedCaseRecord } from './history';
import { postgresCpuMs } from './processes';
import { ALIASES, CATEGORY_SETS, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, Random, languages, swedishPhone, syntheticPerson } from './synthetic';

/** Synthetic data for the benchmark: organisations, a few hundred staff, and many cases with teams and consents. */

export interface LoadOptions {
  cases: number;
  /** How many of the cases the bench coordinator holds (the ids the load test reads). */
  coordinatorCases: number;
  seed?: number;
  /** Cases per multi-row INSERT. */
  batchSize?: number;
  /** Cases per transaction. */
  transactionSize?: number;
  progress?: (message: string) => void;
  /** Journal entries spread over the cases (default 0). */
  journalEntries?: number;
  /** Sealed audit events over the last twelve months (default 0). */
  auditEvents?: number;
}


export interface BenchCoordinator {
  userId: string;
  email: string;
  password: string;
  totpSecret: string;
}

export interface LoadResult {
  coordinator: BenchCoordinator;
  coordinatorCaseIds: string[];
  counts: {
    organisations: number; users: number; cases: number; participants: number; identified: number; teamMembers: number; consents: number;
    planVersions: number; journalEntries: number; auditEvents: number;
  };
  milliseconds: number;
  /** How long each phase took, in ms. */
  phases: { cases: number; plans: number; journal: number; audit: number; vacuum: number };
  /**
   * CPU time of the load, in ms: this process and the loading PostgreSQL backend (null when /proc is
   * not readable). On a shared machine this says more about the load's cost than the wall-clock time.
   */
  cpu: { loaderMs: number; postgresMs: number | null };
}

interface Org { id: string; type: 'municipality' | 'region' | 'civil_society'; countyCode: string | null; municipality: Municipality | null }
interface Staff { id: string; organisationId: string; roles: string[] }

const BENCH_PASSWORD = 'bench-lösenord-syntetiskt';
const CONSENT_PURPOSES = [['care_planning'], ['coordination'], ['support', 'coordination'], ['protection']];
const STATUSES = ['contact', 'assessment', 'planning', 'active', 'active', 'active', 'follow_up', 'paused', 'closed'];
const PROTECTED = ['none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'confidentiality_marking', 'protected_registration'];

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Organisations in real municipalities and regions, plus a few fictional civil-society organisations. */
async function createOrganisations(db: Db, random: Random, municipalityCount: number): Promise<Org[]> {
  const chosen = random.sample(municipalities(), municipalityCount);
  const countyCodes = [...new Set(chosen.map((m) => m.countyCode))];
  const countyByCode = new Map(counties().map((c) => [c.code, c]));
  const orgs: Org[] = [];
  for (const municipality of chosen) {
    orgs.push({ id: await createMunicipalityOrganisation(db, municipality.code), type: 'municipality', countyCode: municipality.countyCode, municipality });
  }
  for (const code of countyCodes) {
    if (countyByCode.has(code)) orgs.push({ id: await createRegionOrganisation(db, code), type: 'region', countyCode: code, municipality: null });
  }
  for (const name of ['Stödföreningen Exempel', 'Föreningen Fiktiva vägen', 'Nätverket Påhittat stöd', 'Mentorsföreningen Syntetisk']) {
    orgs.push({ id: await createOrganisation(db, { type: 'civil_society', name: `${name} (benchmark)` }), type: 'civil_society', countyCode: null, municipality: null });
  }
  return orgs;
}

/** Loads the synthetic data set. `pool` must connect as the migrating (owning) role; `keyring` is loaded. */
export async function loadSyntheticData(db: Db, pool: pg.Pool, keyring: Keyring, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const random = new Random(options.seed ?? 20_261_122);
  const progress = options.progress ?? (() => {});
  const batchSize = options.batchSize ?? 2_000;
  const transactionSize = options.transactionSize ?? 25_000;

  // About one municipality organisation per 2,500 cases, at least 6, at most 60.
  const orgs = await createOrganisations(db, random, Math.min(60, Math.max(6, Math.round(options.cases / 2_500))));
  const municipalOrgs = orgs.filter((org) => org.type === 'municipality');
  const regionByCounty = new Map(orgs.filter((org) => org.type === 'region').map((org) => [org.countyCode!, org]));
  const civilOrgs = orgs.filter((org) => org.type === 'civil_society');

  // Staff: every generated user shares one argon2 hash (hashing hundreds would take minutes and measure nothing).
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const users = new Columns('users', ['id', 'organisation_id', 'email', 'name', 'title', 'roles', 'password_hash', 'totp_secret'],
    ['uuid', 'uuid', 'text', 'text', 'text', 'text[]', 'text', 'bytea']);
  const staffByOrg = new Map<string, Staff[]>();
  let staffNumber = 0;
  const addStaff = (org: Org, roles: string[], title: string, totpSecret: string | null = null, email?: string): Staff => {
    staffNumber += 1;
    const female = random.chance(0.7);
    const name = `${random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    const staff = { id: randomUUID(), organisationId: org.id, roles };
    users.push(staff.id, org.id, email ?? `personal${staffNumber}@bench.utvag.test`, name, title, `{${roles.join(',')}}`, passwordHash,
      totpSecret ? keyring.encrypt(totpSecret, 'user.totp') : null);
    const list = staffByOrg.get(org.id) ?? [];
    list.push(staff);
    staffByOrg.set(org.id, list);
    return staff;
  };
  for (const org of municipalOrgs) {
    addStaff(org, ['manager'], 'Enhetschef');
    addStaff(org, ['intake'], 'Socialsekreterare, mottagning');
    addStaff(org, ['org_admin'], 'Systemförvaltare');
    for (let i = 0; i < 4; i++) addStaff(org, ['coordinator'], 'Samordnare');
    for (let i = 0; i < 2; i++) addStaff(org, ['team_member'], 'Socialsekreterare');
  }
  for (const org of regionByCounty.values()) for (let i = 0; i < 3; i++) addStaff(org, ['team_member'], random.pick(['Kurator', 'Sjuksköterska', 'Psykolog']));
  for (const org of civilOrgs) for (let i = 0; i < 4; i++) addStaff(org, ['support_person'], 'Stödperson');

  const benchOrg = municipalOrgs[0]!;
  const coordinator: BenchCoordinator = {
    userId: '', email: 'bench.samordnare@bench.utvag.test', password: BENCH_PASSWORD, totpSecret: newTotpSecret(),
  };
  coordinator.userId = addStaff(benchOrg, ['coordinator'], 'Samordnare (benchmark)', coordinator.totpSecret, coordinator.email).id;

  const counts = {
    organisations: orgs.length, users: 0, cases: 0, participants: 0, identified: 0, teamMembers: 0, consents: 0, planVersions: 0, journalEntries: 0, auditEvents: 0,
  };
  const phases = { cases: 0, plans: 0, journal: 0, audit: 0, vacuum: 0 };
  const coordinatorCaseIds: string[] = [];
  const records: LoadedCaseRecord[] = [];
  const orgTypeOf = new Map(orgs.map((org) => [org.id, org.type]));
  const client = await pool.connect();
  const cpuStarted = process.cpuUsage();
  const backendPid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  const backendCpuStarted = postgresCpuMs(backendPid);
  let backendCpu: number | null;
  try {
    await client.query('BEGIN');
    counts.users = await users.flush(client);
    await client.query('COMMIT');
    progress(`${orgs.length} organisations and ${counts.users} staff users created.`);

    const participants = new Columns('participants',
      ['id', 'owner_organisation_id', 'alias', 'identity_data', 'contact_data', 'identity_number_index', 'languages', 'interpreter_needed',
        'interpreter_language', 'protected_identity', 'created_at', 'updated_at'],
      ['uuid', 'uuid', 'text', 'bytea', 'bytea', 'text', 'text[]', 'bool', 'text', 'text', 'timestamptz', 'timestamptz']);
    const cases = new Columns('cases',
      ['id', 'program', 'status', 'owner_organisation_id', 'participant_id', 'coordinator_user_id', 'created_by', 'version', 'created_at', 'updated_at'],
      ['uuid', 'text', 'text', 'uuid', 'uuid', 'uuid', 'uuid', 'int4', 'timestamptz', 'timestamptz']);
    const team = new Columns('case_team_members', ['case_id', 'user_id', 'organisation_id', 'team_role', 'added_by', 'added_at'],
      ['uuid', 'uuid', 'uuid', 'text', 'uuid', 'timestamptz']);
    const consents = new Columns('consents',
      ['case_id', 'recipient_organisation_id', 'categories', 'excluded_categories', 'purposes', 'form', 'given_on', 'valid_from', 'valid_until',
        'withdrawn_at', 'withdrawn_by', 'recorded_by', 'created_at'],
      ['uuid', 'uuid', 'text[]', 'text[]', 'text[]', 'text', 'date', 'date', 'date', 'timestamptz', 'uuid', 'uuid', 'timestamptz']);

    // The bench coordinator's cases are spread evenly through the table.
    const coordinatorEvery = Math.max(1, Math.floor(options.cases / Math.max(1, options.coordinatorCases)));
    const now = Date.now();
    const thisYear = new Date().getUTCFullYear();
    let lastReport = Date.now();
    let sinceCommit = 0;

    await client.query('BEGIN');
    for (let i = 0; i < options.cases; i++) {
      const benchCase = i % coordinatorEvery === 0 && coordinatorCaseIds.length < options.coordinatorCases;
      const owner = benchCase ? benchOrg : random.pick(municipalOrgs);
      const ownerStaff = staffByOrg.get(owner.id)!;
      const caseCoordinator = benchCase ? coordinator.userId : random.pick(ownerStaff.filter((s) => s.roles.includes('coordinator') && s.id !== coordinator.userId)).id;
      const intake = ownerStaff.find((s) => s.roles.includes('intake'))!;
      const createdBy = random.chance(0.6) ? intake.id : caseCoordinator;
      const createdAt = new Date(now - random.int(1, 3 * 365) * 86_400_000 - random.int(0, 86_399) * 1000);
      const updatedAt = new Date(Math.min(now - 60_000, createdAt.getTime() + random.int(0, 400) * 86_400_000));
      const child = random.chance(0.15);

      // Participant: identified for about half; some anonymous ones left a (fictional) phone number only.
      const participantId = randomUUID();
      const identified = random.chance(0.5);
      let sealed: { identityData: Buffer | null; identityNumberIndex: string | null; contactData: Buffer | null };
      if (identified) {
        const person = syntheticPerson(random, owner.municipality!, child ? thisYear - 17 : thisYear - 60, child ? thisYear - 13 : thisYear - 19);
        sealed = {
          ...sealIdentity(keyring, { firstName: person.firstName, lastName: person.lastName, identityNumber: person.identityNumber }),
          ...sealContact(keyring, { phone: person.phone, email: person.email, address: person.address }),
        };
        counts.identified++;
      } else {
        sealed = { identityData: null, identityNumberIndex: null, ...sealContact(keyring, { phone: random.chance(0.3) ? swedishPhone(random) : null, email: null, address: null }) };
      }
      const langs = languages(random);
      const interpreter = !langs.includes('sv') && random.chance(0.7);
      participants.push(participantId, owner.id, random.pick(ALIASES), sealed.identityData, sealed.contactData, sealed.identityNumberIndex,
        `{${langs.join(',')}}`, interpreter, interpreter ? langs[0] : null, random.pick(PROTECTED), createdAt, updatedAt);

      const caseId = randomUUID();
      cases.push(caseId, child ? 'child_program' : 'exit_program', random.pick(STATUSES), owner.id, participantId, caseCoordinator, createdBy,
        random.int(1, 6), createdAt, updatedAt);
      if (benchCase) coordinatorCaseIds.push(caseId);

      // Team of 2–4: the coordinator, and 1–3 more from the owning organisation, the region and civil society.
      const members = new Map<string, { staff: Staff; role: string }>([[caseCoordinator, { staff: { id: caseCoordinator, organisationId: owner.id, roles: ['coordinator'] }, role: 'coordinator' }]]);
      const extra = random.int(1, 3);
      for (let attempt = 0; attempt < 10 && members.size < 1 + extra; attempt++) {
        const kind = random.next();
        if (kind < 0.35) {
          const staff = random.pick(ownerStaff.filter((s) => s.roles.includes('team_member') || s.roles.includes('intake')));
          members.set(staff.id, { staff, role: 'team_member' });
        } else if (kind < 0.75) {
          const region = regionByCounty.get(owner.countyCode!);
          if (region) {
            const staff = random.pick(staffByOrg.get(region.id)!);
            members.set(staff.id, { staff, role: 'team_member' });
          }
        } else {
          const org = random.pick(civilOrgs);
          const staff = random.pick(staffByOrg.get(org.id)!);
          members.set(staff.id, { staff, role: random.chance(0.7) ? 'support_person' : 'mentor' });
        }
      }
      records.push({
        id: caseId, participantId, ownerOrganisationId: owner.id, coordinatorUserId: caseCoordinator, createdAt: createdAt.getTime(),
        team: [...members.values()].map(({ staff }) => ({
          userId: staff.id, organisationId: staff.organisationId, roles: staff.roles.join(','), organisationType: orgTypeOf.get(staff.organisationId)!, owner: staff.organisationId === owner.id,
        })),
      });
      const consentedOrgs = new Set<string>();
      for (const { staff, role } of members.values()) {
        team.push(caseId, staff.id, staff.organisationId, role, caseCoordinator, new Date(createdAt.getTime() + random.int(0, 30) * 86_400_000));
        // Consent for some external members' organisations (one per organisation).
        if (staff.organisationId !== owner.id && !consentedOrgs.has(staff.organisationId) && random.chance(0.6)) {
          consentedOrgs.add(staff.organisationId);
          const org = orgs.find((o) => o.id === staff.organisationId)!;
          const givenOn = new Date(createdAt.getTime() + random.int(0, 60) * 86_400_000);
          const validUntil = random.chance(0.5) ? new Date(givenOn.getTime() + random.int(90, 900) * 86_400_000) : null;
          const withdrawn = random.chance(0.05) ? new Date(givenOn.getTime() + random.int(1, 60) * 86_400_000) : null;
          consents.push(caseId, staff.organisationId, `{${random.pick(CATEGORY_SETS[org.type]).join(',')}}`, random.chance(0.3) ? '{legal_process}' : '{}',
            `{${random.pick(CONSENT_PURPOSES).join(',')}}`, random.pick(['written', 'oral', 'digital']), day(givenOn), day(givenOn),
            validUntil ? day(validUntil) : null, withdrawn, withdrawn ? caseCoordinator : null, caseCoordinator, givenOn);
        }
      }

      if (participants.length >= batchSize || i === options.cases - 1) {
        counts.participants += await participants.flush(client);
        const flushed = await cases.flush(client);
        counts.cases += flushed;
        sinceCommit += flushed;
        counts.teamMembers += await team.flush(client);
        counts.consents += await consents.flush(client);
        if (sinceCommit >= transactionSize || i === options.cases - 1) {
          await client.query('COMMIT');
          sinceCommit = 0;
          if (i !== options.cases - 1) await client.query('BEGIN');
        }
        if (Date.now() - lastReport > 2_000 || i === options.cases - 1) {
          lastReport = Date.now();
          const seconds = (Date.now() - started) / 1000;
          progress(`  ${counts.cases.toLocaleString('en')} / ${options.cases.toLocaleString('en')} cases loaded (${seconds.toFixed(1)} s)`);
        }
      }
    }
    phases.cases = Date.now() - started;

    // The history a program in service has: plans, journal entries and a year of sealed audit events.
    let phaseStarted = Date.now();
    counts.planVersions = await loadPlans(client, keyring, random, records, progress);
    phases.plans = Date.now() - phaseStarted;
    phaseStarted = Date.now();
    counts.journalEntries = await loadJournal(client, keyring, random, records, options.journalEntries ?? 0, progress);
    phases.journal = Date.now() - phaseStarted;
    phaseStarted = Date.now();
    counts.auditEvents = await loadAuditHistory(client, keyring, random, records, options.auditEvents ?? 0, progress);
    phases.audit = Date.now() - phaseStarted;
    const backendCpuEnded = postgresCpuMs(backendPid);
    backendCpu = backendCpuStarted === null || backendCpuEnded === null ? null : backendCpuEnded - backendCpuStarted;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  // Fresh statistics and visibility map, as a database in service would have.
  const vacuumStarted = Date.now();
  progress('  VACUUM ANALYZE …');
  await pool.query('VACUUM ANALYZE');
  phases.vacuum = Date.now() - vacuumStarted;
  const used = process.cpuUsage(cpuStarted);
  return {
    coordinator, coordinatorCaseIds, counts, phases, milliseconds: Date.now() - started,
    cpu: { loaderMs: Math.round((used.user + used.system) / 1000), postgresMs: backendCpu },
  };
}
