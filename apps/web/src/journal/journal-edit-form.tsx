import type { InformationCategory, JournalEntryView } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { capitalised, categoryPhrase } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, formErrorsFrom, type FormError } from '../ui/form-errors';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { bodyProblem } from './journal-entry-form';
import { journalFailure, needsReload } from './journal-errors';

interface JournalEditFormProps {
  caseId: string;
  entry: JournalEntryView;
  categories: readonly InformationCategory[];
  onSaved: () => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Changes a draft at the version the author read; a stale or signed entry is said plainly, with a way to reload. */
export function JournalEditForm({ caseId, entry, categories, onSaved, onCancel, onReload }: JournalEditFormProps) {
  const { t } = useI18n();
  const fieldIds = { category: `journal-edit-category-${entry.id}`, body: `journal-edit-body-${entry.id}` };
  const [category, setCategory] = useState<InformationCategory | ''>(entry.category);
  const [body, setBody] = useState(entry.body);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [reload, setReload] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const bodyError = bodyProblem(body, t);
    const found = bodyError ? [{ fieldId: fieldIds.body, message: bodyError }] : [];
    setErrors(found);
    setReload(false);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api.patch<JournalEntryView>(`/cases/${caseId}/journal/${entry.id}`, {
        version: entry.version, body, ...(category && category !== entry.category ? { category } : {}),
      });
      onSaved();
    } catch (error) {
      const failure = asApiError(error);
      setErrors(failure.code === 'validation_failed' ? formErrorsFrom(failure, t, fieldIds) : [{ message: journalFailure(failure, t) }]);
      setReload(needsReload(failure));
      setBusy(false);
    }
  };

  // The entry's own category stays choosable even if consent has since narrowed what the author reads.
  const choices = categories.includes(entry.category) ? categories : [entry.category, ...categories];
  return (
    <div className="panel">
      <h4>{t('journal.editTitle')}</h4>
      <ErrorSummary errors={errors} />
      {reload && <p><button type="button" className="button button--secondary" onClick={onReload}>{t('journal.reload')}</button></p>}
      <form onSubmit={submit} noValidate className="form">
        <SelectField
          id={fieldIds.category}
          label={t('journal.category')}
          hint={t('journal.categoryHint')}
          options={choices.map((value) => ({ value, label: capitalised(categoryPhrase(t, value)) }))}
          value={category}
          onChange={setCategory}
          error={errorFor(errors, fieldIds.category)}
        />
        <TextAreaField id={fieldIds.body} label={t('journal.body')} value={body} onChange={setBody} error={errorFor(errors, fieldIds.body)} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('journal.save')}</button>
          <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
