import type { ApiError } from '../api/client';
import type { Translate } from '../i18n/translate';
import { failureMessage } from '../ui/form-errors';

/** The journal's own refusals in plain language: a stale edit, a locked entry, a category not shared. */
export function journalFailure(error: ApiError, t: Translate): string {
  if (error.code === 'stale_version') return t('journal.stale');
  if (error.code === 'entry_signed') return t('journal.locked');
  if (error.code === 'category_not_shared') return t('journal.notShared');
  return failureMessage(error, t);
}

/** Does the failure mean the page shows an old version of the entry, so that a reload helps? */
export const needsReload = (error: ApiError) => error.code === 'stale_version' || error.code === 'entry_signed';
