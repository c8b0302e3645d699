import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { CANCEL_REASON_CONTEXT } from './store';

/**
 * Seals cancellation reasons written in clear before they were encrypted (migration 0018) and empties
 * the clear column. Runs at start, as the owning role; with nothing left in clear it costs one query.
 */
export async function sealClearCancelReasons(db: Db, keyring: Keyring): Promise<number> {
  const rows = await db.selectFrom('actionCosts').select(['id', 'cancelReason']).where('cancelReason', 'is not', null).execute();
  for (const row of rows) {
    await db.updateTable('actionCosts')
      .set({ cancelReasonSealed: keyring.encrypt(row.cancelReason!, CANCEL_REASON_CONTEXT), cancelReason: null })
      .where('id', '=', row.id)
      .where('cancelReason', 'is not', null)
      .execute();
  }
  return rows.length;
}
