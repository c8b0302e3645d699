import { CompiledQuery } from 'kysely';
import type { Queryable } from '../db/database';
import { withCommit } from '../db/preparing-pool';

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

/** Records events inside the caller's transaction, so an event is durable exactly when the work is. */
export async function recordAudit(db: Queryable, actor: AuditActor, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insertInto('auditEvents').values(auditRows(actor, events)).execute();
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
/** The insert's text for each number of events, made once: it runs on every audited request. */
const insertTexts = new Map<number, string>();

/**
 * The same insert as `recordAudit`, with its values as parameters, marked to travel with the transaction's
 * `commit` in one round trip (see `withCommit` in db/preparing-pool.ts); as a prepared statement, each
 * connection plans it once.
 */
export function auditInsertAtCommit(actor: AuditActor, events: AuditEvent[]): CompiledQuery {
  const rows = auditRows(actor, events);
  let text = insertTexts.get(rows.length);
  if (text === undefined) {
    const columns = Object.keys(rows[0]!).map(snakeCase);
    const tuples = rows.map((_row, row) => `(${columns.map((_column, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
    text = withCommit(`insert into audit_events (${columns.join(', ')}) values ${tuples.join(', ')}`);
    insertTexts.set(rows.length, text);
  }
  return CompiledQuery.raw(text, rows.flatMap((row) => Object.values(row)));
}
