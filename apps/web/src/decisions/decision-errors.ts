import type { ApiError } from '../api/client';
import type { Translate } from '../i18n/translate';
import { failureMessage } from '../ui/form-errors';

/** The refusals of decisions in plain language, each naming the rule that stopped it. */
export function decisionFailure(error: ApiError, t: Translate): string {
  if (error.code === 'stale_version') return t('decision.stale');
  if (error.code === 'already_decided') return t('decision.alreadyDecided');
  if (error.code === 'no_delegation' || error.code === 'above_delegated_limit' || error.code === 'cannot_edit_case') return t(`decision.notAllowed.${error.code}`);
  if (error.code === 'duplicate_rule') return t('delegation.duplicate');
  return failureMessage(error, t);
}
