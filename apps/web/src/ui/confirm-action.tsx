import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';

interface ConfirmActionProps {
  /** The button that starts the act: "Ta bort Sofia ur gruppen". */
  label: string;
  /** "Är du säker? …" */
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
}

/** A destructive act asks "Är du säker?" in place before it runs; focus follows the question and returns on cancel. */
export function ConfirmAction({ label, question, confirmLabel, onConfirm }: ConfirmActionProps) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'asking' | 'working'>('idle');
  const questionRef = useRef<HTMLParagraphElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (state === 'asking') questionRef.current?.focus();
    if (state === 'idle' && returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [state]);

  if (state === 'idle') {
    return <button type="button" className="button button--secondary" ref={triggerRef} onClick={() => setState('asking')}>{label}</button>;
  }

  const confirm = async () => {
    setState('working');
    try {
      await onConfirm();
    } finally {
      setState((current) => (current === 'working' ? 'idle' : current));
    }
  };

  return (
    <div className="confirm" role="group" aria-label={label}>
      <p ref={questionRef} tabIndex={-1}>{question}</p>
      <div className="actions">
        <button type="button" className="button button--danger" onClick={confirm} disabled={state === 'working'}>{confirmLabel}</button>
        <button type="button" className="button button--secondary" onClick={() => { returnFocus.current = true; setState('idle'); }}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
