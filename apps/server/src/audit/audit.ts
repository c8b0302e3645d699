import { CompiledQuery, sql, type QueryCreator } from 'kysely';
import type { Queryable } from '../db/database';
import { withCommit } from '../db/preparing-pool';
import type { DB } from '../db/schema';

/** Who did it, as the request knows them. Background work passes a system actor. */
export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  role: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  action: string;
  caseId?: string | null;
  participantId?: string | null;
  purpose?: string | null;
  emergency?: boolean;
  /** Ids and counts only: never names, numbers or free text about a person. */
  details?: Record<string, string | number | boolean | null>;
}

/** The audit_events rows of `events`, column by column. */
export function auditRows(actor: AuditActor, events: AuditEvent[]) {
  return events.map((event) => ({
    requestId: actor.requestId,
    actorUserId: actor.userId,
    organisationId: actor.organisationId,
    role: actor.role,
    action: event.action,
    caseId: event.caseId ?? null,
    participantId: event.participantId ?? null,
    purpose: event.purpose ?? null,
    emergency: event.emergency ?? false,
    details: JSON.stringify(event.details ?? {}),
  }));
}

export type AuditRow = ReturnType<typeof auditRows>[number];

/** The columns of an audit row that the app writes, with their PostgreSQL types. */
export const AUDIT_COLUMNS: readonly (readonly [keyof AuditRow & string, string])[] = [
  ['requestId', 'text'], ['actorUserId', 'uuid'], ['organisationId', 'uuid'], ['role', 'text'], ['action', 'text'],
  ['caseId', 'uuid'], ['participantId', 'uuid'], ['purpose', 'text'], ['emergency', 'boolean'], ['details', 'jsonb'],
];

/**
 * The insert of one audit row for a data-modifying `WITH` (see `journal/store.ts`): its values are the
 * given placeholders, one per column of `AUDIT_COLUMNS`, and it inserts the row once for each row of the
 * query named `from` (a `WITH` before it), so nothing when that query inserted nothing.
 */
export function auditInsertFrom(db: QueryCreator<DB>, values: Readonly<Record<keyof AuditRow, string>>, from: string) {
  const casts = AUDIT_COLUMNS.map(([column, type]) => sql`${values[column]}::${sql.raw(type)}`);
  return db.insertInto('auditEvents')
    .columns(AUDIT_COLUMNS.map(([column]) => column))
    .expression(sql`select ${sql.join(casts)} from ${sql.table(from)}`);
}

/** Records events inside the caller's transaction, so an event is durable exactly when the work is. */
export async function recordAudit(db: Queryable, actor: AuditActor, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insertInto('auditEvents').values(auditRows(actor, events)).execute();
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
// Any number of rows as one statement with one array parameter per column, so that each connection plans
// it once whatever the number of events.
const INSERT_AT_COMMIT = withCommit(`insert into audit_events (${AUDIT_COLUMNS.map(([name]) => snakeCase(name)).join(', ')})
  select * from unnest(${AUDIT_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})`);

/**
 * The same insert as `recordAudit`, with its values as parameters, marked to travel with the transaction's
 * `commit` in one round trip (see `withCommit` in db/preparing-pool.ts); as a prepared statement, each
 * connection plans it once. The access context inserts a change's events with it, and the audit writer
 * the events of many reads.
 */
export function auditInsertAtCommit(rows: readonly AuditRow[]): CompiledQuery {
  return CompiledQuery.raw(INSERT_AT_COMMIT, AUDIT_COLUMNS.map(([name]) => rows.map((row) => row[name])));
}
