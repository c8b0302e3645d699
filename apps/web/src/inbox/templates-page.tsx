import type { ReplyTemplate, ReplyTemplateList } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, formErrorsFrom, type FormError } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';

/** The languages a template can be written in: those the public site's visitors write in. */
const templateLanguages = ['sv', 'sv-ll', 'en', 'ro', 'hu', 'pl', 'bg', 'ru', 'uk', 'th', 'es', 'pt', 'ar', 'fa', 'so'] as const;

/** The organisation's reply templates: create, change and remove (after a question). */
export function InboxTemplatesPage() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [state, reload] = useApiGet<ReplyTemplateList>('/mailbox/templates');
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (template: ReplyTemplate) => {
    setError(null);
    try {
      await api.delete(`/mailbox/templates/${template.id}`);
      announce(t('inbox.templateDeleted'));
      reload();
    } catch (failure) {
      setError(failureMessage(asApiError(failure), t));
    }
  };

  return (
    <>
      <PageHeading title={t('inbox.templatesTitle')}>{t('inbox.templatesTitle')}</PageHeading>
      <p><Link to={paths.inbox}>{t('inbox.backToInbox')}</Link></p>
      <p>{t('inbox.templatesIntro')}</p>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (state.data.templates.length === 0 ? <p className="empty">{t('inbox.templatesEmpty')}</p> : (
        <ul className="cards">
          {state.data.templates.map((template) => (
            <li key={template.id} className="card">
              {editing === template.id
                ? <TemplateForm template={template} onDone={() => { setEditing(null); reload(); }} />
                : (
                  <>
                    <h2>{template.title} <span lang={template.language}>({template.language})</span></h2>
                    <p className="message__body" lang={template.language}>{template.body}</p>
                    <div className="actions">
                      <button type="button" className="button button--secondary" onClick={() => setEditing(template.id)}>{t('inbox.templateEdit')}</button>
                      <ConfirmAction label={t('inbox.templateDelete', { title: template.title })} question={t('inbox.templateDeleteQuestion', { title: template.title })}
                        confirmLabel={t('inbox.templateDeleteConfirm')} onConfirm={() => remove(template)} />
                    </div>
                  </>
                )}
            </li>
          ))}
        </ul>
      ))}
      <section aria-labelledby="template-new">
        <h2 id="template-new">{t('inbox.templateNew')}</h2>
        <TemplateForm onDone={reload} />
      </section>
    </>
  );
}

function TemplateForm({ template, onDone }: { template?: ReplyTemplate; onDone: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const prefix = template ? `template-${template.id}` : 'template-new';
  const [title, setTitle] = useState(template?.title ?? '');
  const [language, setLanguage] = useState<string>(template?.language ?? 'sv');
  const [body, setBody] = useState(template?.body ?? '');
  const [errors, setErrors] = useState<FormError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FormError[] = [];
    if (title.trim() === '') missing.push({ fieldId: `${prefix}-title`, message: t('inbox.templateMissing') });
    if (body.trim() === '') missing.push({ fieldId: `${prefix}-body`, message: t('inbox.templateMissing') });
    setErrors(missing);
    if (missing.length > 0) return;
    try {
      if (template) await api.patch(`/mailbox/templates/${template.id}`, { version: template.version, title, language, body });
      else await api.post('/mailbox/templates', { title, language, body }, idempotency.key());
      idempotency.reset();
      announce(t('inbox.templateSaved'));
      if (!template) { setTitle(''); setBody(''); }
      onDone();
    } catch (failure) {
      const apiError = asApiError(failure);
      setErrors(apiError.code === 'stale_version' ? [{ message: t('inbox.stale') }]
        : formErrorsFrom(apiError, t, { title: `${prefix}-title`, body: `${prefix}-body`, language: `${prefix}-language` }));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <TextField id={`${prefix}-title`} label={t('inbox.templateTitle')} value={title} onChange={setTitle} error={errorFor(errors, `${prefix}-title`)} />
      <SelectField id={`${prefix}-language`} label={t('inbox.templateLanguage')} value={language} onChange={(value) => setLanguage(value || 'sv')}
        options={templateLanguages.map((code) => ({ value: code, label: code }))} />
      <TextAreaField id={`${prefix}-body`} label={t('inbox.templateBody')} value={body} onChange={setBody} error={errorFor(errors, `${prefix}-body`)} />
      <button type="submit" className="button">{template ? t('inbox.templateSave') : t('inbox.templateCreate')}</button>
    </form>
  );
}
