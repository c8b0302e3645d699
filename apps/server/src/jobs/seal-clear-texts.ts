import { sql } from 'kysely';
import { CANCEL_REASON_CONTEXT } from '../costs/store';
import type { Db } from '../db/database';
import { LEGAL_BASIS_CONTEXT } from '../decisions/store';
import type { Keyring } from '../crypto/keyring';

/**
 * Free texts that were stored in clear until a migration gave them an encrypted column. The clear column
 * remains only for rows written before that migration; triggers refuse the application role to write it.
 */
const CLEAR_TEXTS = [
  { migration: '0018', table: 'action_costs', clear: 'cancel_reason', sealed: 'cancel_reason_sealed', context: CANCEL_REASON_CONTEXT },
  { migration: '0022', table: 'decisions', clear: 'legal_basis', sealed: 'legal_basis_sealed', context: LEGAL_BASIS_CONTEXT },
] as const;

/**
 * Seals the texts still in clear from before their migration and empties the clear columns. Runs at start,
 * as the owning role (whose triggers allow exactly this one change); with nothing left in clear it costs
 * one query per table. Returns how many texts it sealed.
 */
export async function sealClearTexts(db: Db, keyring: Keyring): Promise<number> {
  let sealed = 0;
  for (const text of CLEAR_TEXTS) {
    const table = sql.table(text.table);
    const clear = sql.ref(text.clear);
    const rows = await sql<{ id: string; clear: string }>`select id, ${clear} as clear from ${table} where ${clear} is not null`.execute(db);
    for (const row of rows.rows) {
      await sql`update ${table} set ${sql.ref(text.sealed)} = ${keyring.encrypt(row.clear, text.context)}, ${clear} = null
        where id = ${row.id} and ${clear} is not null`.execute(db);
      sealed++;
    }
  }
  return sealed;
}
