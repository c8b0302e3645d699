import { DecisionType, decisionLimits, defaultLegalBasis, type DecisionView } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, formErrorsFrom, type FormError } from '../ui/form-errors';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { decisionFailure } from './decision-errors';

const fieldIds = {
  type: 'decision-type', legalBasis: 'decision-legal-basis', reasons: 'decision-reasons', amount: 'decision-amount', extent: 'decision-extent',
  periodFrom: 'decision-period-from', periodTo: 'decision-period-to',
};
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** Initiates a decision: the legal basis is suggested by the type and stays editable. */
export function DecisionForm({ caseId, onCreated }: { caseId: string; onCreated: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [type, setType] = useState<DecisionType | ''>('');
  const [legalBasis, setLegalBasis] = useState('');
  const [reasons, setReasons] = useState('');
  const [amount, setAmount] = useState('');
  const [extent, setExtent] = useState('');
  // Today in Sweden: the UTC date is still yesterday for the first hours after midnight.
  const [periodFrom, setPeriodFrom] = useState(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date()));
  const [periodTo, setPeriodTo] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const edit = <T,>(set: (value: T) => void) => (value: T) => { idempotency.reset(); set(value); };

  const chooseType = (value: DecisionType | '') => {
    idempotency.reset();
    // The suggestion follows the type until the user has written a legal basis of their own.
    if (value && (legalBasis === '' || DecisionType.options.some((known) => defaultLegalBasis[known] === legalBasis))) setLegalBasis(defaultLegalBasis[value]);
    setType(value);
  };

  const problems = (): FormError[] => {
    const found: FormError[] = [];
    if (!type) found.push({ fieldId: fieldIds.type, message: t('decision.typeMissing') });
    if (!legalBasis.trim()) found.push({ fieldId: fieldIds.legalBasis, message: t('decision.legalBasisMissing') });
    if (!reasons.trim()) found.push({ fieldId: fieldIds.reasons, message: t('decision.reasonsMissing') });
    if (amount.trim() && !/^\d{1,9}$/.test(amount.trim())) found.push({ fieldId: fieldIds.amount, message: t('decision.amountInvalid') });
    if (!amount.trim() && !extent.trim()) found.push({ fieldId: fieldIds.amount, message: t('decision.amountOrExtent') });
    if (!isDay(periodFrom)) found.push({ fieldId: fieldIds.periodFrom, message: t('decision.dateMissing') });
    if (periodTo && !isDay(periodTo)) found.push({ fieldId: fieldIds.periodTo, message: t('decision.dateMissing') });
    else if (periodTo && isDay(periodFrom) && periodTo < periodFrom) found.push({ fieldId: fieldIds.periodTo, message: t('decision.datesOutOfOrder') });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = problems();
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api.post<DecisionView>(`/cases/${caseId}/decisions`, {
        type, legalBasis: legalBasis.trim(), reasons: reasons.trim(), amount: amount.trim() ? Number(amount.trim()) : null,
        extent: extent.trim() || null, periodFrom, periodTo: periodTo || null,
      }, idempotency.key());
      idempotency.reset();
      announce(t('decision.initiated'));
      onCreated();
    } catch (error) {
      const failure = asApiError(error);
      setErrors(failure.code === 'validation_failed' ? formErrorsFrom(failure, t, fieldIds) : [{ message: decisionFailure(failure, t) }]);
      setBusy(false);
    }
  };

  return (
    <div className="panel" id="decision-form">
      <h3>{t('decision.formTitle')}</h3>
      <ErrorSummary errors={errors} />
      <form onSubmit={(event) => void submit(event)} noValidate className="form">
        <SelectField
          id={fieldIds.type}
          label={t('decision.type')}
          placeholder={t('decision.chooseType')}
          options={DecisionType.options.map((value) => ({ value, label: t(`decision.type.${value}`) }))}
          value={type}
          onChange={chooseType}
          error={errorFor(errors, fieldIds.type)}
        />
        <TextField id={fieldIds.legalBasis} label={t('decision.legalBasis')} hint={t('decision.legalBasisHint')} value={legalBasis}
          onChange={edit(setLegalBasis)} error={errorFor(errors, fieldIds.legalBasis)} />
        <TextAreaField id={fieldIds.reasons} label={t('decision.reasons')} value={reasons} onChange={edit(setReasons)} error={errorFor(errors, fieldIds.reasons)} />
        <TextField id={fieldIds.amount} label={t('decision.amount')} hint={t('decision.amountHint')} inputMode="numeric" value={amount}
          onChange={edit(setAmount)} error={errorFor(errors, fieldIds.amount)} />
        <TextField id={fieldIds.extent} label={t('decision.extent')} hint={t('decision.extentHint')} value={extent}
          onChange={edit((value: string) => setExtent(value.slice(0, decisionLimits.extent)))} error={errorFor(errors, fieldIds.extent)} />
        <TextField id={fieldIds.periodFrom} label={t('decision.periodFrom')} hint={t('decision.dateHint')} type="date" value={periodFrom}
          onChange={edit(setPeriodFrom)} error={errorFor(errors, fieldIds.periodFrom)} />
        <TextField id={fieldIds.periodTo} label={t('decision.periodTo')} hint={t('decision.periodToHint')} type="date" value={periodTo}
          onChange={edit(setPeriodTo)} error={errorFor(errors, fieldIds.periodTo)} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('decision.initiate')}</button>
        </div>
      </form>
    </div>
  );
}
