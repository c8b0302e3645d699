import { sql } from 'kysely';
import { oneBlockOf, type Db } from '../db/database';
import { withNext } from '../db/preparing-pool';
import { auditInsertAtCommit, auditRows, type AuditActor, type AuditEvent, type AuditRow } from './audit';

/** One request's events, waiting for the batch that makes them durable. */
interface Waiting {
  rows: AuditRow[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

// The least-privilege role, as every request's work runs; the audit table is INSERT and SELECT only for it.
const AS_APP_ROLE = withNext(`select set_config('role', 'utvag_app', true)`);

/**
 * Writes the audit events of reads, many requests' at a time. A read's work runs in a transaction that
 * writes nothing; its events are then handed here, and the request answers only when `write` resolves,
 * that is, when the events are committed (durable before the answer, as every event is). The events handed
 * in during one turn of the event loop go as one batch, one insert and one commit, so under load the
 * database flushes its log once for the events of many requests. A batch does not wait for the one before
 * it: each is a one-block transaction (see `Database.oneBlock`), and on PostgreSQL they follow one another
 * on the shared connections without waiting for each other's answers. Should a batch fail, each of its
 * requests' events is tried on its own, so that one request's fault never fails another's; a request whose
 * events cannot be written gets the error, and its data is not sent.
 *
 * The events of a write stay in the write's own transaction (see `CaseScope.recordAudit`): a change and
 * its event are durable together or not at all.
 */
export class AuditWriter {
  private waiting: Waiting[] = [];
  private readonly db: Db;

  constructor(db: Db) {
    this.db = oneBlockOf(db);
  }

  write(actor: AuditActor, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => void this.flush());
      this.waiting.push({ rows: auditRows(actor, events), resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      await this.insert(batch.flatMap((entry) => entry.rows));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else await Promise.all(batch.map((entry) => this.insert(entry.rows).then(entry.resolve, entry.reject)));
    }
  }

  private async insert(rows: AuditRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql.raw(AS_APP_ROLE).execute(trx);
      await trx.executeQuery(auditInsertAtCommit(rows));
    });
  }
}

const writers = new WeakMap<Db, AuditWriter>();

/** The writer of the events of reads on `db`, one per database handle. */
export function auditWriterOf(db: Db): AuditWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
