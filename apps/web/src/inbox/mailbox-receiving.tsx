import type { MailboxReceiving } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { failureMessage, type FormError } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { RadioGroup } from '../ui/radio-group';

type Choice = 'on' | 'off';

/** The administrator turns taking new anonymous mailbox messages on or off for their own organisation. */
export function MailboxReceivingSection() {
  const { t } = useI18n();
  const [state, reload] = useApiGet<MailboxReceiving>('/mailbox/receiving');
  return (
    <section aria-labelledby="mailbox-receiving-heading">
      <h2 id="mailbox-receiving-heading">{t('inbox.receivingTitle')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && <ReceivingForm current={state.data} onSaved={reload} />}
    </section>
  );
}

function ReceivingForm({ current, onSaved }: { current: MailboxReceiving; onSaved: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [choice, setChoice] = useState<Choice>(current.receives ? 'on' : 'off');
  const [errors, setErrors] = useState<FormError[]>([]);

  if (current.isDefault) return <p>{t('inbox.receivingDefault')}</p>;
  if (!current.mayReceive) return <p>{t('inbox.receivingNotPossible')}</p>;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    try {
      await api.put('/mailbox/receiving', { receives: choice === 'on' });
      announce(choice === 'on' ? t('inbox.receivingSavedOn') : t('inbox.receivingSavedOff'));
      onSaved();
    } catch (failure) {
      setErrors([{ message: failureMessage(asApiError(failure), t) }]);
    }
  };

  return (
    <form onSubmit={save} noValidate>
      <ErrorSummary errors={errors} />
      <p>{current.receives ? t('inbox.receivingNowOn') : t('inbox.receivingNowOff')}</p>
      <RadioGroup id="mailbox-receiving" legend={t('inbox.receivingLegend')} value={choice} onChange={setChoice}
        hint={t('inbox.receivingHint')}
        options={[{ value: 'on', label: t('inbox.receivingOn') }, { value: 'off', label: t('inbox.receivingOff') }]} />
      <button type="submit" className="button">{t('inbox.receivingSave')}</button>
    </form>
  );
}
