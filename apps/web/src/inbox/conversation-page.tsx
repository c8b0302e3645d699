import {
  InformationCategory, Program, type ConversationView, type EscalationResult, type ReplyTemplateList,
} from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api/client';
import type { Me, StaffMember } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';

/** Conflicts and refusals of the inbox in plain words; anything else as the app says it elsewhere. */
function inboxFailure(error: ApiError, t: Translate): string {
  if (error.code === 'stale_version') return t('inbox.stale');
  if (error.code === 'invalid_assignee') return t('inbox.invalidAssignee');
  if (error.code === 'already_escalated') return t('inbox.alreadyEscalated');
  if (error.code === 'conversation_deleted') return t('inbox.conversationDeleted');
  return failureMessage(error, t);
}

/** One conversation from the anonymous mailbox: read (logged), assign, answer, ask to share, open a case. */
export function InboxConversationPage({ conversationId }: { conversationId: string }) {
  const { t, dateTime } = useI18n();
  const [state, reload] = useApiGet<ConversationView>(`/mailbox/conversations/${conversationId}`);
  return (
    <>
      <PageHeading title={t('inbox.conversationTitle')}>{t('inbox.conversationTitle')}</PageHeading>
      <p><Link to={paths.inbox}>{t('inbox.backToInbox')}</Link></p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          <dl>
            <dt>{t('inbox.about')}</dt>
            <dd>{state.data.audience === 'child' ? t('inbox.child') : t(`inbox.age.${state.data.ageGroup}`)}, {t('inbox.language')}: {state.data.language}</dd>
            <dt>{t('inbox.place')}</dt><dd>{state.data.municipalityName ?? t('inbox.noPlace')}</dd>
            <dt>{t('inbox.status')}</dt><dd>{t(`inbox.conversationStatus.${state.data.status}`)}</dd>
          </dl>
          {state.data.audience === 'child' && <p className="notice notice--warning" role="note">{t('inbox.childNotice')}</p>}
          {state.data.status === 'deleted' && <p className="notice notice--warning" role="note">{t('inbox.deletedNotice')}</p>}
          {state.data.caseId && <p><Link to={paths.case(state.data.caseId)}>{t('inbox.caseLink')}</Link></p>}
          <section aria-labelledby="inbox-messages">
            <h2 id="inbox-messages" className="visually-hidden">{t('inbox.conversationTitle')}</h2>
            {state.data.messages.length === 0 ? <p className="empty">{t('inbox.noMessages')}</p> : (
              <ol className="messages">
                {state.data.messages.map((message) => (
                  <li key={message.id} className={message.author === 'visitor' ? 'message message--visitor' : 'message message--staff'}>
                    <p className="message__meta">
                      <strong>{message.staff ? t('inbox.fromStaff', { name: message.staff.name }) : t('inbox.fromVisitor')}</strong>, {dateTime(message.createdAt)}
                      {message.shared && <> ({t('inbox.sharedMark')})</>}
                    </p>
                    <p className="message__body">{message.body}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
          {state.data.canReply && (
            <>
              <AssignSection view={state.data} onChanged={reload} />
              <ReplySection view={state.data} onChanged={reload} />
              <ShareSection view={state.data} onChanged={reload} />
              {state.data.canEscalate && <EscalateSection view={state.data} onChanged={reload} />}
              <CloseSection view={state.data} onChanged={reload} />
            </>
          )}
        </>
      )}
    </>
  );
}

interface SectionProps { view: ConversationView; onChanged: () => void }

function AssignSection(props: SectionProps) {
  const [me] = useApiGet<Me>('/auth/me');
  return me.status === 'ready' ? <AssignForm {...props} me={me.data} /> : null;
}

function AssignForm({ view, onChanged, me }: SectionProps & { me: Me }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [staff] = useApiGet<{ staff: StaffMember[] }>(`/organisations/${me.organisation.id}/staff`);
  const [chosen, setChosen] = useState(view.assignedTo?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const colleagues = staff.status === 'ready'
    ? staff.data.staff.filter((member) => member.roles.includes('intake') || member.roles.includes('manager')) : [];

  const assign = async (userId: string | null) => {
    setError(null);
    try {
      await api.post(`/mailbox/conversations/${view.id}/assign`, { version: view.version, userId });
      announce(t('inbox.assigned.done'));
      onChanged();
    } catch (failure) {
      setError(inboxFailure(asApiError(failure), t));
    }
  };

  return (
    <section aria-labelledby="inbox-assign">
      <h2 id="inbox-assign">{t('inbox.assignHeading')}</h2>
      <p>{view.assignedTo?.name ?? t('inbox.nobody')}</p>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <form onSubmit={(event) => { event.preventDefault(); void assign(chosen === '' ? null : chosen); }}>
        <SelectField id="inbox-assignee" label={t('inbox.assignTo')} value={chosen} onChange={setChosen} placeholder={t('inbox.unassign')}
          options={colleagues.map((member) => ({ value: member.id, label: member.name }))} />
        <div className="actions">
          <button type="submit" className="button button--secondary">{t('inbox.assign')}</button>
          {view.assignedTo?.id !== me.user.id && (
            <button type="button" className="button" onClick={() => void assign(me.user.id)}>{t('inbox.assignToMe')}</button>
          )}
        </div>
      </form>
    </section>
  );
}

function ReplySection({ view, onChanged }: SectionProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [templates] = useApiGet<ReplyTemplateList>('/mailbox/templates');
  const [templateId, setTemplateId] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const list = templates.status === 'ready' ? templates.data.templates : [];

  const insertTemplate = () => {
    const template = list.find((candidate) => candidate.id === templateId);
    if (template) setBody((current) => (current.trim() === '' ? template.body : `${current}\n\n${template.body}`));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') {
      setErrors([{ fieldId: 'inbox-reply', message: t('inbox.replyMissing') }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await api.post(`/mailbox/conversations/${view.id}/replies`, { body }, idempotency.key());
      idempotency.reset();
      setBody('');
      announce(t('inbox.sent'));
      onChanged();
    } catch (failure) {
      setErrors([{ message: inboxFailure(asApiError(failure), t) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="inbox-reply-heading">
      <h2 id="inbox-reply-heading">{t('inbox.replyHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        {list.length > 0 && (
          <div className="inline-fields">
            <SelectField id="inbox-template" label={t('inbox.template')} value={templateId} onChange={setTemplateId} placeholder={t('inbox.templateNone')}
              options={list.map((template) => ({ value: template.id, label: `${template.title} (${template.language})` }))} />
            <button type="button" className="button button--secondary" onClick={insertTemplate} disabled={templateId === ''}>{t('inbox.insertTemplate')}</button>
          </div>
        )}
        <TextAreaField id="inbox-reply" label={t('inbox.reply')} hint={t('inbox.replyHint')} value={body}
          onChange={(value) => { setBody(value); idempotency.reset(); }} error={errorFor(errors, 'inbox-reply')} />
        <button type="submit" className="button" disabled={busy}>{t('inbox.send')}</button>
      </form>
    </section>
  );
}

function ShareSection({ view, onChanged }: SectionProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const sharedCount = view.messages.filter((message) => message.shared).length;
  const ask = async () => {
    setError(null);
    try {
      await api.post(`/mailbox/conversations/${view.id}/share-request`, { version: view.version });
      announce(t('inbox.shareAsked'));
      onChanged();
    } catch (failure) {
      setError(inboxFailure(asApiError(failure), t));
    }
  };
  return (
    <section aria-labelledby="inbox-share">
      <h2 id="inbox-share">{t('inbox.shareHeading')}</h2>
      <p>{t('inbox.shareIntro')}</p>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {view.shareRequested
        ? <p>{t('inbox.shareWaiting', { count: sharedCount })}</p>
        : <button type="button" className="button button--secondary" onClick={() => void ask()}>{t('inbox.askShare')}</button>}
    </section>
  );
}

function EscalateSection({ view, onChanged }: SectionProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [alias, setAlias] = useState('');
  const [program, setProgram] = useState<Program | ''>(view.audience === 'child' ? 'child_program' : 'exit_program');
  const [category, setCategory] = useState<InformationCategory | ''>('relationships');
  const [errors, setErrors] = useState<FormError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (alias.trim() === '') {
      setErrors([{ fieldId: 'inbox-alias', message: t('inbox.aliasMissing') }]);
      return;
    }
    setErrors([]);
    try {
      await api.post<EscalationResult>(`/mailbox/conversations/${view.id}/escalate`,
        { version: view.version, alias, program: program || 'exit_program', journalCategory: category || 'relationships' }, idempotency.key());
      idempotency.reset();
      announce(t('inbox.escalated'));
      onChanged();
    } catch (failure) {
      setErrors([{ message: inboxFailure(asApiError(failure), t) }]);
    }
  };

  return (
    <section aria-labelledby="inbox-escalate">
      <h2 id="inbox-escalate">{t('inbox.escalateHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        <TextField id="inbox-alias" label={t('inbox.alias')} hint={t('inbox.aliasHint')} value={alias} onChange={(value) => { setAlias(value); idempotency.reset(); }}
          error={errorFor(errors, 'inbox-alias')} />
        <SelectField id="inbox-program" label={t('inbox.program')} value={program} onChange={setProgram}
          options={Program.options.map((value) => ({ value, label: t(`program.${value}`) }))} />
        <SelectField id="inbox-category" label={t('inbox.journalCategory')} hint={t('inbox.journalCategoryHint')} value={category} onChange={setCategory}
          options={InformationCategory.options.map((value) => ({ value, label: t(`category.${value}`) }))} />
        <button type="submit" className="button">{t('inbox.escalate')}</button>
      </form>
    </section>
  );
}

function CloseSection({ view, onChanged }: SectionProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  if (view.status !== 'open') return null;
  const close = async () => {
    setError(null);
    try {
      await api.post(`/mailbox/conversations/${view.id}/close`, { version: view.version });
      announce(t('inbox.closed'));
      onChanged();
    } catch (failure) {
      setError(inboxFailure(asApiError(failure), t));
    }
  };
  return (
    <section aria-labelledby="inbox-close">
      <h2 id="inbox-close" className="visually-hidden">{t('inbox.close')}</h2>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <button type="button" className="button button--secondary" onClick={() => void close()}>{t('inbox.close')}</button>
    </section>
  );
}
