import { useEffect, useRef, type MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { FormError } from './form-errors';

/** Lists a form's problems at its top and takes focus, so nobody misses them; each links to its field. */
export function ErrorSummary({ errors, title }: { errors: readonly FormError[]; title?: string }) {
  const { t } = useI18n();
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) summary.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  };

  return (
    <div className="error-summary" ref={summary} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? t('errorSummary.title')}</h2>
      <ul>
        {errors.map((error, index) => (
          <li key={`${error.fieldId ?? 'form'}-${index}`}>
            {error.fieldId
              ? <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId!)}>{error.message}</a>
              : error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
