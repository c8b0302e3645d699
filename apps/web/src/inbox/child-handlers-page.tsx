import type { ChildHandlerList } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import type { Me, StaffMember } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { SelectField } from '../ui/select-field';
import { MailboxReceivingSection } from './mailbox-receiving';

/** The organisation's administrator chooses who in intake handles children's mailbox conversations. */
export function ChildHandlersPage() {
  const { t } = useI18n();
  const [me] = useApiGet<Me>('/auth/me');
  return (
    <>
      <PageHeading title={t('inbox.childHandlersTitle')}>{t('inbox.childHandlersTitle')}</PageHeading>
      <p>{t('inbox.childHandlersIntro')}</p>
      {me.status === 'loading' && <Loading />}
      {me.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(me.error, t)}</p>}
      {me.status === 'ready' && <ChildHandlers organisationId={me.data.organisation.id} />}
      <MailboxReceivingSection />
    </>
  );
}

function ChildHandlers({ organisationId }: { organisationId: string }) {
  const { t, date } = useI18n();
  const announce = useAnnounce();
  const [state, reload] = useApiGet<ChildHandlerList>('/mailbox/child-handlers');
  const [staff] = useApiGet<{ staff: StaffMember[] }>(`/organisations/${organisationId}/staff`);
  const [chosen, setChosen] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const handlers = state.status === 'ready' ? state.data.handlers : [];
  const candidates = staff.status === 'ready'
    ? staff.data.staff.filter((member) => (member.roles.includes('intake') || member.roles.includes('manager')) && !handlers.some((handler) => handler.userId === member.id))
    : [];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const person = candidates.find((member) => member.id === chosen);
    if (!person) {
      setErrors([{ fieldId: 'child-handler', message: t('inbox.childHandlerMissing') }]);
      return;
    }
    setErrors([]);
    try {
      await api.post('/mailbox/child-handlers', { userId: person.id });
      setChosen('');
      announce(t('inbox.childHandlerAdded', { name: person.name }));
      reload();
    } catch (failure) {
      setErrors([{ message: failureMessage(asApiError(failure), t) }]);
    }
  };

  const remove = async (userId: string, name: string) => {
    try {
      await api.delete(`/mailbox/child-handlers/${userId}`);
      announce(t('inbox.childHandlerRemoved', { name }));
      reload();
    } catch (failure) {
      setErrors([{ message: failureMessage(asApiError(failure), t) }]);
    }
  };

  return (
    <>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (handlers.length === 0 ? <p className="empty">{t('inbox.childHandlersEmpty')}</p> : (
        <ul>
          {handlers.map((handler) => (
            <li key={handler.userId}>
              {handler.name} ({t('inbox.childHandlerSince', { date: date(handler.grantedAt) })}){' '}
              <ConfirmAction label={t('inbox.childHandlerRemove', { name: handler.name })} question={t('inbox.childHandlerRemoveQuestion', { name: handler.name })}
                confirmLabel={t('inbox.childHandlerRemoveConfirm')} onConfirm={() => remove(handler.userId, handler.name)} />
            </li>
          ))}
        </ul>
      ))}
      <form onSubmit={add} noValidate>
        <ErrorSummary errors={errors} />
        <SelectField id="child-handler" label={t('inbox.childHandlerPerson')} value={chosen} onChange={setChosen} placeholder={t('inbox.childHandlerChoose')}
          options={candidates.map((member) => ({ value: member.id, label: member.name }))} error={errorFor(errors, 'child-handler')} />
        <button type="submit" className="button">{t('inbox.childHandlerAdd')}</button>
      </form>
    </>
  );
}
