import type { EntryChannel } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import type { CaseView, Program } from '../api/types';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { navigate } from '../app/router';
import { paths } from '../app/routes';
import { EntryChannelField } from '../case-course/entry-channel-field';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { formErrorsFrom, type FormError } from '../ui/form-errors';
import { PageHeading } from '../ui/page-heading';
import { RadioGroup } from '../ui/radio-group';
import { programOptions } from './labels';
import { emptyParticipantDraft, participantFieldIds, participantForCreate, type ParticipantDraft } from './participant-draft';
import { ParticipantFields } from './participant-fields';

type Identification = 'anonymous' | 'identified';

export function NewCasePage() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [program, setProgram] = useState<Program>('exit_program');
  const [identification, setIdentification] = useState<Identification>('anonymous');
  const [entryChannel, setEntryChannel] = useState<EntryChannel | ''>('');
  const [draft, setDraft] = useState<ParticipantDraft>(emptyParticipantDraft);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const changed = <Value,>(set: (value: Value) => void) => (value: Value) => {
    idempotency.reset();
    set(value);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!draft.alias.trim()) {
      setErrors([{ fieldId: 'participant-alias', message: t('participant.aliasMissing') }]);
      return;
    }
    setBusy(true);
    try {
      const participant = participantForCreate(draft, identification === 'identified');
      const created = await api.post<CaseView>('/cases', { program, participant, ...(entryChannel ? { entryChannel } : {}) }, idempotency.key());
      idempotency.reset();
      announce(t('newCase.created', { alias: created.participant.alias }));
      navigate(paths.case(created.id));
    } catch (error) {
      setErrors(formErrorsFrom(asApiError(error), t, participantFieldIds));
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('newCase.title')}>{t('newCase.title')}</PageHeading>
      <p>{t('newCase.intro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <RadioGroup id="program" legend={t('newCase.program')} options={programOptions(t)} value={program} onChange={changed(setProgram)} />
        <EntryChannelField value={entryChannel} onChange={changed(setEntryChannel)} />
        <RadioGroup
          id="identification"
          legend={t('newCase.identification')}
          options={[
            { value: 'anonymous', label: t('newCase.anonymous') },
            { value: 'identified', label: t('newCase.identified') },
          ]}
          value={identification}
          onChange={changed(setIdentification)}
        />
        <ParticipantFields draft={draft} onChange={changed(setDraft)} errors={errors} identified={identification === 'identified'} />
        <button type="submit" className="button" disabled={busy}>{t('newCase.submit')}</button>
      </form>
    </>
  );
}
