import { DecisionOutcome, type DecisionView } from '@utvag/domain';
import { useState } from 'react';
import { api, asApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorSummary } from '../ui/error-summary';
import { type FormError } from '../ui/form-errors';
import { RadioGroup } from '../ui/radio-group';
import { TextAreaField } from '../ui/text-area-field';
import { decisionFailure } from './decision-errors';

/** Takes an initiated decision; shown only when `canDecide` (packages/domain) allows the reader, as the server reports it. */
export function DecideForm({ caseId, decision, onDecided }: { caseId: string; decision: DecisionView; onDecided: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [outcome, setOutcome] = useState<DecisionOutcome>('granted');
  const [reasons, setReasons] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const prefix = `decide-${decision.id}`;

  const decide = async () => {
    try {
      await api.post<DecisionView>(`/cases/${caseId}/decisions/${decision.id}/decide`, { version: decision.version, outcome, reasons: reasons.trim() || null });
      announce(t('decision.decided'));
      onDecided();
    } catch (error) {
      setErrors([{ message: decisionFailure(asApiError(error), t) }]);
    }
  };

  return (
    <div className="panel">
      <h4>{t('decision.decideTitle')}</h4>
      <ErrorSummary errors={errors} />
      <div className="form">
        <RadioGroup
          id={`${prefix}-outcome`}
          legend={t('decision.outcome')}
          options={DecisionOutcome.options.map((value) => ({ value, label: t(`decision.outcome.${value}`) }))}
          value={outcome}
          onChange={setOutcome}
        />
        <TextAreaField id={`${prefix}-reasons`} label={t('decision.decideReasons')} hint={t('decision.decideReasonsHint')} value={reasons} onChange={setReasons} />
        <div className="actions">
          <ConfirmAction label={t('decision.decide')} question={t('decision.decideQuestion')} confirmLabel={t('decision.decideConfirm')} onConfirm={decide} />
        </div>
      </div>
    </div>
  );
}
