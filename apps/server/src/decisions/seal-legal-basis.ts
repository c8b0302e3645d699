import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { LEGAL_BASIS_CONTEXT } from './store';

/**
 * Seals the legal basis of decisions made before it was encrypted (migration 0022) and empties the clear
 * column. Runs at start, as the owning role; with nothing left in clear it costs one query.
 */
export async function sealClearLegalBases(db: Db, keyring: Keyring): Promise<number> {
  const rows = await db.selectFrom('decisions').select(['id', 'legalBasis']).where('legalBasis', 'is not', null).execute();
  for (const row of rows) {
    await db.updateTable('decisions')
      .set({ legalBasisSealed: keyring.encrypt(row.legalBasis!, LEGAL_BASIS_CONTEXT), legalBasis: null })
      .where('id', '=', row.id)
      .where('legalBasis', 'is not', null)
      .execute();
  }
  return rows.length;
}
