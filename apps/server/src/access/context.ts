import { caseAccess, type Actor, type CaseAccess, type CaseFacts, type ConsentFacts, type InformationCategory, type TeamRole } from '@utvag/domain';
import { CompiledQuery, sql, type KyselyPlugin, type RawBuilder } from 'kysely';
import { SESSION_CHECK_CALL, SESSION_CHECK_FAILED } from '../auth/session-cache';
import { auditInsertAtCommit, auditRows, type AuditActor, type AuditEvent, type AuditRow } from '../audit/audit';
import { auditWriterOf } from '../audit/writer';
import { compiledOnce } from '../db/compiled-once';
import { oneBlockOf, type Db, type Tx } from '../db/database';
import { withNext } from '../db/preparing-pool';
import { NotOneBlockError } from '../db/shared-connections';
import { ForbiddenError, NotFoundError } from '../http/errors';

/** The staff member behind a request. */
export interface StaffActor extends Actor {
  name: string;
  email: string;
}

/** Who the access facts are read for: the actor's user and organisation. */
export type ActorIds = Pick<Actor, 'userId' | 'organisationId'>;

/** A rule over one case, as in packages/domain (canEditCase, canManageTeam, …). */
export type CaseRule = (actor: Actor, facts: CaseFacts, now: Date) => boolean;

export interface LoadedCase {
  caseId: string;
  participantId: string;
  facts: CaseFacts;
  access: Exclude<CaseAccess, { level: 'none' }>;
}

/**
 * The check of a session the server remembers instead of looking it up before the request (see
 * `SessionCache`): `SESSION_CHECK_CALL` with these values raises unless the session is still valid and its
 * account unchanged.
 */
export interface SessionCheck {
  values: readonly unknown[];
  /** A statement of the transaction came back, so the check in front of it passed. */
  passed(): void;
  /** The check raised: the error to answer with. */
  failed(): Promise<Error>;
}

/**
 * The one way to reach case data. Built once per request; `run` opens a transaction as the
 * least-privilege role with the request's organisation set, so row-level security applies to
 * every statement, and hands a scope that loads cases only through the rules in packages/domain.
 */
export class AccessContext {
  constructor(
    private readonly db: Db,
    readonly actor: StaffActor,
    readonly requestId: string,
    private readonly sessionCheck?: SessionCheck,
  ) {}

  get auditActor(): AuditActor {
    return { userId: this.actor.userId, organisationId: this.actor.organisationId, role: this.actor.roles.join(','), requestId: this.requestId };
  }

  async run<T>(work: (scope: CaseScope) => Promise<T>): Promise<T> {
    return this.transaction(this.db, false, work);
  }

  /**
   * `run` for work that only reads: its transaction may not write (PostgreSQL refuses it), and its audit
   * events are written once the work has succeeded, by the process's `AuditWriter`, together with other
   * requests' events; this answers only when they are committed. So a read makes one round trip fewer
   * (its transaction's end goes out with the connection's next statement) and the database flushes its
   * log once for the events of many reads.
   */
  async read<T>(work: (scope: CaseScope) => Promise<T>): Promise<T> {
    return this.readOn(this.db, work);
  }

  /**
   * `read` for work that mostly runs one statement, such as a case, a plan or a team read with its access
   * facts: the session check, the settings and the statement go to PostgreSQL as one block, which is the whole
   * transaction, on a connection that many requests share (see `SharedConnections`). So the request waits for
   * no connection of its own, and the database's backends wait less for the server. Should `work` need a
   * second statement, it runs again from the start as `read`: it only reads, and its audit events are taken
   * only once it has succeeded, so the first try leaves nothing behind. `work` must therefore let the errors of
   * its statements through. On PGlite this is `read`.
   */
  async readInOneStatement<T>(work: (scope: CaseScope) => Promise<T>): Promise<T> {
    const oneBlock = oneBlockOf(this.db);
    if (oneBlock === this.db) return this.read(work);
    try {
      return await this.readOn(oneBlock, work, true);
    } catch (error) {
      if (error instanceof NotOneBlockError) return this.read(work);
      throw error;
    }
  }

  private async readOn<T>(db: Db, work: (scope: CaseScope) => Promise<T>, oneBlock = false): Promise<T> {
    let events: AuditEvent[] = [];
    const result = await this.transaction(db, true, async (scope) => {
      const value = await work(scope);
      events = scope.takeAudit();
      return value;
    }, oneBlock);
    await auditWriterOf(this.db).write(this.auditActor, events);
    return result;
  }

  /**
   * Runs `work` in a transaction on `db`. With `oneBlock` (`db` is the database's one-block handle, see
   * `readInOneStatement`), the block that goes with the work's statement is the whole transaction, ended at its
   * `Sync`, and the pool answers `begin` and `commit` at once without sending them; so the work runs on the
   * connection without them, which spares the server their passes through the query builder.
   */
  private async transaction<T>(db: Db, readOnly: boolean, work: (scope: CaseScope) => Promise<T>, oneBlock = false): Promise<T> {
    const check = this.sessionCheck;
    const inTransaction = async (trx: Tx) => {
      // The session check and the settings travel with the work's first statement (see `withNext`). Should
      // the check raise, the transaction is aborted and PostgreSQL refuses every statement behind it.
      await trx.executeQuery(rowSecuritySettings(this.actor, readOnly, check?.values));
      const scope = new CaseScope(check ? trx.withPlugin(passedMarker(check)) : trx, this.actor, this.auditActor, new Date());
      const result = await work(scope);
      // Without a `commit`, a one-block transaction could not carry audit events inserted at it: a read hands
      // its events to the audit writer (see `readOn`), and any left would go through an ordinary transaction.
      if (oneBlock && scope.takeAudit().length > 0) throw new NotOneBlockError();
      await scope.recordAudit();
      return result;
    };
    try {
      // (A connection of the one-block pool is a `Transaction` in all but name: its block is one.)
      if (oneBlock) return await db.connection().execute((connection) => inTransaction(connection as Tx));
      const begin = db.transaction();
      return await (readOnly ? begin.setAccessMode('read only') : begin).execute(inTransaction);
    } catch (error) {
      if (check && (error as { code?: unknown }).code === SESSION_CHECK_FAILED) throw await check.failed();
      throw error;
    }
  }
}

/**
 * Tells the check it passed when a statement of the work comes back from the database: PostgreSQL would
 * have refused it had the check in front of it raised. A statement marked to go with the `commit` (an
 * audit event) comes back at once, unsent; should the check then raise, the `commit` fails and the
 * request answers with the check's error.
 */
function passedMarker(check: SessionCheck): KyselyPlugin {
  return {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      check.passed();
      return args.result;
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const settings = (first: number) =>
  `set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', $${first}, true), set_config('utvag.user_id', $${first + 1}, true)`;
// A read's transaction may not write. `setAccessMode` says so to PostgreSQL's driver; the embedded
// database's driver ignores it, so the setting says it to both.
const READ_ONLY = `, set_config('transaction_read_only', 'on', true)`;
// PostgreSQL evaluates a select list from left to right: a session check goes first, so it runs as the
// connection's own role, before the role is set, and should it raise, nothing after it runs and the
// transaction is aborted.
const settingsTexts = (list: string) => ({ write: withNext(`select ${list}`), read: withNext(`select ${list}${READ_ONLY}`) });
const PLAIN_SETTINGS = settingsTexts(settings(1));
const CHECKED_SETTINGS = settingsTexts(`${SESSION_CHECK_CALL}, ${settings(6)}`);

/**
 * The settings row-level security reads, as one statement that travels with the transaction's `begin` and
 * first statement (see `withNext`), and with them the check of a remembered session (the values of
 * `SESSION_CHECK_CALL`) when there is one. The
 * request's uuids are its parameters, so each connection prepares the statement once for every request; they
 * are checked here all the same, since row-level security reads them as uuids.
 */
export function rowSecuritySettings(actor: ActorIds, readOnly = false, check?: readonly unknown[]): CompiledQuery {
  for (const id of [actor.organisationId, actor.userId]) {
    if (!UUID.test(id)) throw new Error('The access context needs uuids for its settings.');
  }
  const mode = readOnly ? 'read' : 'write';
  if (!check) return CompiledQuery.raw(PLAIN_SETTINGS[mode], [actor.organisationId, actor.userId]);
  if (check.length !== 5) throw new Error('A session check takes five values.');
  return CompiledQuery.raw(CHECKED_SETTINGS[mode], [...check, actor.organisationId, actor.userId]);
}

interface FactsRow {
  id: string;
  ownerOrganisationId: string;
  coordinatorUserId: string | null;
  participantId: string;
  team: { userId: string; organisationId: string; teamRole: TeamRole }[];
  consents: { recipientOrganisationId: string; categories: InformationCategory[]; excludedCategories: InformationCategory[]; validFrom: string; validUntil: string | null; withdrawnAt: string | null }[];
  emergencyUntil: Date | null;
}

/** The columns of a row that carry a case's access facts (see `caseFactsSubqueries`). */
export type CaseFactsColumns = Omit<FactsRow, 'id'>;

/**
 * The access facts of the case aliased `c` that need subqueries: its current team, the consents given
 * to the actor's organisation, and the actor's emergency access. `loadFacts` selects them; a store may
 * select them next to a case's own columns, so that the case and its facts come in one statement
 * (see `CaseScope.requireCaseRow`).
 */
export function caseFactsSubqueries(actor: ActorIds) {
  const team = sql<FactsRow['team']>`coalesce((select json_agg(json_build_object('userId', m.user_id, 'organisationId', m.organisation_id, 'teamRole', m.team_role))
                  from case_team_members m where m.case_id = c.id and m.removed_at is null), '[]')`;
  const consents = consentsOfCase<FactsRow['consents']>(sql`k.recipient_organisation_id = ${actor.organisationId}`);
  const emergencyUntil = emergencyAccessUntil(actor.userId);
  return {
    team, consents, emergencyUntil,
    /** The three as the columns `team`, `consents` and `emergencyUntil` of a store's select. */
    columns: [team.as('team'), consents.as('consents'), emergencyUntil.as('emergencyUntil')] as const,
  };
}

/** Until when the user `userId` has emergency access to the case aliased `c`: null when they have none now. */
export function emergencyAccessUntil(userId: string) {
  return sql<Date | null>`(select max(g.expires_at) from emergency_access_grants g
          where g.case_id = c.id and g.user_id = ${userId} and g.expires_at > now())`;
}

/**
 * The consents of the case aliased `c` whose recipient (`k.recipient_organisation_id`) meets `recipient`,
 * as JSON rows with the fields the consent rules read.
 */
export function consentsOfCase<T>(recipient: RawBuilder<unknown>) {
  return sql<T>`coalesce((select json_agg(json_build_object('recipientOrganisationId', k.recipient_organisation_id, 'categories', k.categories,
                    'excludedCategories', k.excluded_categories, 'validFrom', k.valid_from, 'validUntil', k.valid_until, 'withdrawnAt', k.withdrawn_at))
                  from consents k where k.case_id = c.id and ${recipient}), '[]')`;
}

function factsOf(row: CaseFactsColumns): CaseFacts {
  const consents: ConsentFacts[] = row.consents.map((consent) => ({
    ...consent,
    withdrawnAt: consent.withdrawnAt ? new Date(consent.withdrawnAt) : null,
  }));
  return {
    ownerOrganisationId: row.ownerOrganisationId,
    coordinatorUserId: row.coordinatorUserId,
    team: row.team,
    consents,
    emergencyAccessUntil: row.emergencyUntil ? new Date(row.emergencyUntil) : null,
  };
}

/** The access facts of the cases that meet `which` (on the alias `c`), with their owner, coordinator and participant. */
const factsSelect = (actor: ActorIds, which: RawBuilder<unknown>) => {
  const subqueries = caseFactsSubqueries(actor);
  return sql<FactsRow>`
      select c.id, c.owner_organisation_id, c.coordinator_user_id, c.participant_id,
        ${subqueries.team} as team, ${subqueries.consents} as consents, ${subqueries.emergencyUntil} as emergency_until
      from cases c where ${which}`;
};

/** One case's facts, the statement every write and many reads start with: compiled once. */
const oneCaseFacts = compiledOnce(['caseId', 'organisationId', 'userId'], (db, { caseId, ...actor }) => {
  const query = factsSelect(actor, sql`c.id = ${caseId}::uuid`);
  return { compile: () => query.compile(db) };
});

const caseEvent = (loaded: LoadedCase, action: string, extra: Omit<AuditEvent, 'action' | 'caseId'>): AuditEvent =>
  ({ participantId: loaded.participantId, emergency: loaded.access.via === 'emergency', ...extra, caseId: loaded.caseId, action });

export class CaseScope {
  constructor(
    /** For stores only: every statement on it runs under row-level security as the request's organisation. */
    readonly trx: Tx,
    readonly actor: StaffActor,
    private readonly auditActor: AuditActor,
    readonly now: Date,
  ) {}

  private readonly pendingAudit: AuditEvent[] = [];

  /** Loads the access facts of many cases in one query; ids the tenant cannot see are simply absent. */
  async loadFacts(caseIds: readonly string[]): Promise<Map<string, { participantId: string; facts: CaseFacts }>> {
    const found = new Map<string, { participantId: string; facts: CaseFacts }>();
    if (caseIds.length === 0) return found;
    const { organisationId, userId } = this.actor;
    const rows = caseIds.length === 1
      ? await oneCaseFacts(this.trx, { caseId: caseIds[0]!, organisationId, userId })
      : (await factsSelect(this.actor, sql`c.id = any(${caseIds as string[]}::uuid[])`).execute(this.trx)).rows;
    for (const row of rows) found.set(row.id, { participantId: row.participantId, facts: factsOf(row) });
    return found;
  }

  /** The readable cases among `caseIds`, in the given order. */
  async readableCases(caseIds: readonly string[]): Promise<LoadedCase[]> {
    const facts = await this.loadFacts(caseIds);
    const readable: LoadedCase[] = [];
    for (const caseId of caseIds) {
      const loaded = facts.get(caseId);
      if (!loaded) continue;
      const access = caseAccess(this.actor, loaded.facts, this.now);
      if (access.level !== 'none') readable.push({ caseId, participantId: loaded.participantId, facts: loaded.facts, access });
    }
    return readable;
  }

  /**
   * Loads one case the actor may read, or answers 404 (missing and forbidden look the same). When
   * `rule` is given and fails on a case the actor can read, the answer is 403.
   */
  async requireCase(caseId: string, rule?: CaseRule): Promise<LoadedCase> {
    const [loaded] = await this.readableCases([caseId]);
    return this.required(loaded, rule);
  }

  /**
   * `requireCase` and the case's own row in one statement: `select` runs a store's query for the case
   * that also selects `caseFactsSubqueries` for this scope's actor (and the case's owner, coordinator and
   * participant), under the same row-level security. The same rule decides, with the same answers (404,
   * or 403 for a failed `rule`); the row is returned only when the actor may read the case.
   */
  async requireCaseRow<R extends CaseFactsColumns>(
    caseId: string, select: () => Promise<R | undefined>, rule?: CaseRule,
  ): Promise<{ loaded: LoadedCase; row: R }> {
    const row = await select();
    let loaded: LoadedCase | undefined;
    if (row) {
      const facts = factsOf(row);
      const access = caseAccess(this.actor, facts, this.now);
      if (access.level !== 'none') loaded = { caseId, participantId: row.participantId, facts, access };
    }
    return { loaded: this.required(loaded, rule), row: row! };
  }

  private required(loaded: LoadedCase | undefined, rule?: CaseRule): LoadedCase {
    if (!loaded) throw new NotFoundError();
    if (rule && !rule(this.actor, loaded.facts, this.now)) throw new ForbiddenError();
    return loaded;
  }

  /** May the actor read `category` in this case? */
  sees(loaded: LoadedCase, category: InformationCategory): boolean {
    return loaded.access.categories.has(category);
  }

  /**
   * Records audit events in this transaction. They are inserted when the work is done, in the message that
   * commits the transaction (see `withCommit`), so an event is durable exactly when the work is and costs
   * no round trip of its own; if the work fails, nothing is recorded, as nothing happened.
   */
  async audit(events: AuditEvent[]): Promise<void> {
    this.pendingAudit.push(...events);
  }

  /** The recorded audit events, taken out of the scope: `AccessContext.read` hands them to the writer. */
  takeAudit(): AuditEvent[] {
    return this.pendingAudit.splice(0);
  }

  /** Inserts the recorded audit events; `AccessContext.run` calls it once the work has succeeded. */
  async recordAudit(): Promise<void> {
    if (this.pendingAudit.length === 0) return;
    const events = this.pendingAudit.splice(0);
    await this.trx.executeQuery(auditInsertAtCommit(auditRows(this.auditActor, events)));
  }

  /** An audit event about one case, flagged when the access came through emergency access. */
  async auditCase(loaded: LoadedCase, action: string, extra: Omit<AuditEvent, 'action' | 'caseId'> = {}): Promise<void> {
    await this.audit([caseEvent(loaded, action, extra)]);
  }

  /**
   * The row `auditCase` would record, for a store that inserts it in its own statement (see
   * `insertEntryEndingTransaction` in journal/store.ts).
   */
  caseEventRow(loaded: LoadedCase, action: string, extra: Omit<AuditEvent, 'action' | 'caseId'> = {}): AuditRow {
    return auditRows(this.auditActor, [caseEvent(loaded, action, extra)])[0]!;
  }
}
