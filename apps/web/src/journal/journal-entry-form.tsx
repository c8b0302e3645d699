import { journalBodyMaxLength, type InformationCategory, type JournalEntryView } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { capitalised, categoryPhrase } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, formErrorsFrom, type FormError } from '../ui/form-errors';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { journalFailure } from './journal-errors';

const fieldIds = { category: 'journal-category', body: 'journal-body' };

/** Problems with a journal text that the server would refuse, said before it is sent. */
export function bodyProblem(body: string, t: Translate): string | null {
  if (body.trim().length === 0) return t('journal.bodyMissing');
  if (body.trim().length > journalBodyMaxLength) return t('journal.bodyTooLong', { max: journalBodyMaxLength });
  return null;
}

interface JournalEntryFormProps {
  caseId: string;
  /** The categories the writer may read in this case: the only ones they may write in. */
  categories: readonly InformationCategory[];
  onCreated: () => void;
}

export function JournalEntryForm({ caseId, categories, onCreated }: JournalEntryFormProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  // Saving a draft and signing send different requests, so each has its own key.
  const draftKey = useIdempotencyKey();
  const signKey = useIdempotencyKey();
  const [category, setCategory] = useState<InformationCategory | ''>('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const changed = () => {
    draftKey.reset();
    signKey.reset();
  };

  const problems = (): FormError[] => {
    const bodyError = bodyProblem(body, t);
    return [
      ...(category ? [] : [{ fieldId: fieldIds.category, message: t('journal.categoryMissing') }]),
      ...(bodyError ? [{ fieldId: fieldIds.body, message: bodyError }] : []),
    ];
  };

  const save = async (sign: boolean) => {
    if (busy) return;
    const found = problems();
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    const key = sign ? signKey : draftKey;
    try {
      await api.post<JournalEntryView>(`/cases/${caseId}/journal`, { category, body, sign }, key.key());
      key.reset();
      announce(sign ? t('journal.createdSigned') : t('journal.created'));
      onCreated();
    } catch (error) {
      const failure = asApiError(error);
      setErrors(failure.code === 'validation_failed' ? formErrorsFrom(failure, t, fieldIds) : [{ message: journalFailure(failure, t) }]);
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <div className="panel" id="journal-form">
      <h3>{t('journal.formTitle')}</h3>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <SelectField
          id={fieldIds.category}
          label={t('journal.category')}
          hint={t('journal.categoryHint')}
          placeholder={t('journal.chooseCategory')}
          options={categories.map((value) => ({ value, label: capitalised(categoryPhrase(t, value)) }))}
          value={category}
          onChange={(value) => { changed(); setCategory(value); }}
          error={errorFor(errors, fieldIds.category)}
        />
        <TextAreaField
          id={fieldIds.body}
          label={t('journal.body')}
          value={body}
          onChange={(value) => { changed(); setBody(value); }}
          error={errorFor(errors, fieldIds.body)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('journal.saveDraft')}</button>
          <ConfirmAction label={t('journal.saveAndSign')} question={t('journal.signQuestion')} confirmLabel={t('journal.signConfirm')} onConfirm={() => save(true)} />
        </div>
      </form>
    </div>
  );
}
