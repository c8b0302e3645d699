import type { ApiError, ValidationIssue } from '../api/client';
import type { MessageKey, Translate } from '../i18n/translate';

/** One problem to show: next to its field (when it has one) and in the summary at the top of the form. */
export interface FormError {
  fieldId?: string;
  message: string;
}

const knownMessages = {
  identity_number_checksum: 'validation.identityNumberChecksum',
  identity_number_date: 'validation.identityNumberDate',
  identity_number_format: 'validation.identityNumberFormat',
  dates_out_of_order: 'validation.datesOutOfOrder',
  category_both_given_and_excluded: 'validation.categoryBothGivenAndExcluded',
  phone: 'validation.phone',
  language_code: 'validation.languageCode',
  six_digits: 'validation.sixDigits',
} as const satisfies Record<string, MessageKey>;

const knownCodes = {
  too_small: 'validation.tooSmall',
  too_big: 'validation.tooBig',
  invalid_format: 'validation.invalidFormat',
} as const satisfies Record<string, MessageKey>;

function issueMessage(issue: ValidationIssue, t: Translate): string {
  if (issue.message in knownMessages) return t(knownMessages[issue.message as keyof typeof knownMessages]);
  if (issue.code in knownCodes) return t(knownCodes[issue.code as keyof typeof knownCodes]);
  return t('validation.invalid');
}

/** "body.participant.languages.0" → "participant.languages". */
function fieldPath(path: string): string {
  return path.split('.').filter((segment, index) => !(index === 0 && segment === 'body') && !/^\d+$/.test(segment)).join('.');
}

/** The plain-language message for an API failure that is not about one field. */
export function failureMessage(error: ApiError, t: Translate): string {
  if (error.status === 0) return t('error.network');
  if (error.status === 429) return t('error.tooManyRequests');
  if (error.code === 'csrf_failed') return t('error.csrf');
  if (error.code === 'account_changed') return t('error.accountChanged');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 404) return t('error.notFound');
  if (error.status >= 500) return t('error.server');
  return t('error.unexpected');
}

/** Turns a 400 validation answer into field errors; anything else becomes one error for the whole form. */
export function formErrorsFrom(error: ApiError, t: Translate, fieldIds: Readonly<Record<string, string>>): FormError[] {
  if (error.code !== 'validation_failed' || error.issues.length === 0) return [{ message: failureMessage(error, t) }];
  return error.issues.map((issue) => {
    const fieldId = fieldIds[fieldPath(issue.path)];
    return fieldId ? { fieldId, message: issueMessage(issue, t) } : { message: issueMessage(issue, t) };
  });
}

export function errorFor(errors: readonly FormError[], fieldId: string): string | undefined {
  return errors.find((error) => error.fieldId === fieldId)?.message;
}
