import { useI18n } from '../i18n/i18n-context';

/** The hint and the error under a label; their ids go into the control's aria-describedby. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">{t('errorSummary.prefix')} </span>{error}
        </p>
      )}
    </>
  );
}

export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
