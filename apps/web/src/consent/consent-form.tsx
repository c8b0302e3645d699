import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import type { ConsentForm as ConsentFormKind, ConsentPurpose, ConsentView, InformationCategory, Organisation } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { capitalised, categoryPhrase, purposePhrase } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { CheckboxGroup } from '../ui/checkbox-group';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, formErrorsFrom, type FormError } from '../ui/form-errors';
import { RadioGroup } from '../ui/radio-group';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';

const categories = [
  'identity', 'contact_details', 'protection_housing', 'health', 'trauma_care', 'income', 'debt',
  'sexual_health', 'work_education', 'relationships', 'legal_process', 'residence', 'return',
] as const satisfies readonly InformationCategory[];
const purposes = ['coordination', 'care_planning', 'protection', 'support', 'legal_proceedings', 'residence_matters'] as const satisfies readonly ConsentPurpose[];
const forms = ['written', 'oral', 'digital'] as const satisfies readonly ConsentFormKind[];

const fieldIds = {
  recipientOrganisationId: 'consent-recipient',
  categories: 'consent-categories-identity',
  excludedCategories: 'consent-excluded-identity',
  purposes: 'consent-purposes-coordination',
  form: 'consent-kind-written',
  givenOn: 'consent-given-on',
  validUntil: 'consent-valid-until',
};

interface Draft {
  recipientOrganisationId: string;
  categories: InformationCategory[];
  excludedCategories: InformationCategory[];
  purposes: ConsentPurpose[];
  form: ConsentFormKind;
  givenOn: string;
  validUntil: string;
}

/** Today in the user's own time zone, as the date input wants it. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

interface ConsentFormProps {
  caseId: string;
  ownerOrganisationId: string;
  onRecorded: () => void;
}

export function ConsentForm({ caseId, ownerOrganisationId, onRecorded }: ConsentFormProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [organisations] = useApiGet<{ organisations: Organisation[] }>('/organisations');
  const [draft, setDraft] = useState<Draft>(() => ({
    recipientOrganisationId: '', categories: [], excludedCategories: [], purposes: [], form: 'written', givenOn: today(), validUntil: '',
  }));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const set = <Key extends keyof Draft>(key: Key) => (value: Draft[Key]) => {
    idempotency.reset();
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const missing = (): FormError[] => [
    ...(draft.recipientOrganisationId ? [] : [{ fieldId: fieldIds.recipientOrganisationId, message: t('consent.recipientMissing') }]),
    ...(draft.categories.length > 0 ? [] : [{ fieldId: fieldIds.categories, message: t('consent.categoriesMissing') }]),
    ...(draft.purposes.length > 0 ? [] : [{ fieldId: fieldIds.purposes, message: t('consent.purposesMissing') }]),
    ...(draft.givenOn ? [] : [{ fieldId: fieldIds.givenOn, message: t('consent.givenOnMissing') }]),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = missing();
    setErrors(problems);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      const { validUntil, ...rest } = draft;
      const consent = await api.post<ConsentView>(`/cases/${caseId}/consents`, { ...rest, ...(validUntil ? { validUntil } : {}) }, idempotency.key());
      idempotency.reset();
      announce(t('consent.recorded', { organisation: consent.recipientOrganisation.name }));
      onRecorded();
    } catch (error) {
      setErrors(formErrorsFrom(asApiError(error), t, fieldIds));
      setBusy(false);
    }
  };

  const recipients = organisations.status === 'ready'
    ? organisations.data.organisations.filter((organisation) => organisation.id !== ownerOrganisationId).map((organisation) => ({ value: organisation.id, label: organisation.name }))
    : [];
  const categoryOptions = categories.map((category) => ({ value: category, label: capitalised(categoryPhrase(t, category)) }));

  return (
    <div className="panel" id="consent-form">
      <h3>{t('consent.formTitle')}</h3>
      <p>{t('consent.formIntro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <SelectField
          id={fieldIds.recipientOrganisationId}
          label={t('consent.recipient')}
          placeholder={organisations.status === 'loading' ? t('common.loading') : t('team.chooseOrganisation')}
          options={recipients}
          value={draft.recipientOrganisationId}
          onChange={set('recipientOrganisationId')}
          error={errorFor(errors, fieldIds.recipientOrganisationId)}
        />
        <CheckboxGroup
          id="consent-categories"
          legend={t('consent.categories')}
          hint={t('consent.categoriesHint')}
          options={categoryOptions}
          values={draft.categories}
          onChange={set('categories')}
          error={errorFor(errors, fieldIds.categories)}
        />
        <CheckboxGroup
          id="consent-excluded"
          legend={t('consent.excludedCategories')}
          hint={t('consent.excludedHint')}
          options={categoryOptions}
          values={draft.excludedCategories}
          onChange={set('excludedCategories')}
          error={errorFor(errors, fieldIds.excludedCategories)}
        />
        <CheckboxGroup
          id="consent-purposes"
          legend={t('consent.purposes')}
          options={purposes.map((purpose) => ({ value: purpose, label: capitalised(purposePhrase(t, purpose)) }))}
          values={draft.purposes}
          onChange={set('purposes')}
          error={errorFor(errors, fieldIds.purposes)}
        />
        <RadioGroup
          id="consent-kind"
          legend={t('consent.form')}
          options={forms.map((form) => ({ value: form, label: capitalised(t(`consentForm.${form}`)) }))}
          value={draft.form}
          onChange={set('form')}
          error={errorFor(errors, fieldIds.form)}
        />
        <TextField id={fieldIds.givenOn} type="date" label={t('consent.givenOn')} value={draft.givenOn} onChange={set('givenOn')} error={errorFor(errors, fieldIds.givenOn)} />
        <TextField
          id={fieldIds.validUntil}
          type="date"
          label={t('consent.validUntil')}
          hint={t('consent.validUntilHint')}
          value={draft.validUntil}
          onChange={set('validUntil')}
          error={errorFor(errors, fieldIds.validUntil)}
        />
        <button type="submit" className="button" disabled={busy}>{t('consent.submit')}</button>
      </form>
    </div>
  );
}
