import type { ApiError } from '../api/client';
import type { Translate } from '../i18n/translate';
import { failureMessage, type FormError } from '../ui/form-errors';

export function codeErrors(code: string, t: Translate): FormError[] {
  return /^\d{6}$/.test(code.replace(/\s/g, '')) ? [] : [{ fieldId: 'code', message: t('validation.sixDigits') }];
}

export function codeFailure(failure: ApiError, t: Translate): FormError[] {
  if (failure.code === 'invalid_code') return [{ fieldId: 'code', message: t('secondFactor.invalidCode') }];
  if (failure.code === 'validation_failed') return [{ fieldId: 'code', message: t('validation.sixDigits') }];
  return [{ message: failure.status === 401 ? t('secondFactor.startOver') : failureMessage(failure, t) }];
}
