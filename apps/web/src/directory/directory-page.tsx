import type { DirectoryEntryList, DirectoryEntryView } from '@utvag/domain';
import { useEffect, useRef, useState } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorSummary } from '../ui/error-summary';
import { failureMessage, type FormError } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { EntryForm } from './entry-form';
import { entryFailure, type Places } from './entry-draft';

/** The public site's "Find help near you" page, outside the staff app. */
const PUBLIC_FIND_HELP = '/find-help';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; entry: DirectoryEntryView };

/** The organisation's own entries in the public service directory: list, add, change, hide and delete. */
export function DirectoryPage() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [state, reload] = useApiGet<DirectoryEntryList>('/directory-entries');
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [errors, setErrors] = useState<FormError[]>([]);
  const newButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing.kind === 'none' && returnFocus.current) {
      returnFocus.current = false;
      newButton.current?.focus();
    }
  }, [editing]);

  const close = () => {
    returnFocus.current = true;
    setEditing({ kind: 'none' });
  };

  const saved = (created: boolean) => {
    announce(created ? t('directory.created') : t('directory.saved'));
    close();
    reload();
  };

  const setPublished = async (entry: DirectoryEntryView, published: boolean) => {
    setErrors([]);
    try {
      await api.post(`/directory-entries/${entry.id}/publication`, { version: entry.version, published });
      announce(published ? t('directory.publishedNow', { name: entry.name }) : t('directory.unpublishedNow', { name: entry.name }));
      reload();
    } catch (error) {
      setErrors(entryFailure(asApiError(error), t));
    }
  };

  const remove = async (entry: DirectoryEntryView) => {
    setErrors([]);
    try {
      await api.delete(`/directory-entries/${entry.id}`);
      announce(t('directory.deleted', { name: entry.name }));
      // The deleted entry's buttons are gone; focus goes where the next act most likely starts.
      newButton.current?.focus();
      reload();
    } catch (error) {
      setErrors(entryFailure(asApiError(error), t));
    }
  };

  const coverageText = (entry: DirectoryEntryView, places: Places) => {
    const coverage = entry.coverage;
    if (coverage.scope !== 'selected') return t(`directory.coverage.${coverage.scope}`);
    const countyNames = places.filter((county) => coverage.countyCodes.includes(county.code)).map((county) => county.name);
    const municipalityNames = places.flatMap((county) => county.municipalities).filter((municipality) => coverage.municipalityCodes.includes(municipality.code))
      .map((municipality) => municipality.name);
    return [...countyNames, ...municipalityNames].join(', ');
  };

  return (
    <>
      <PageHeading title={t('directory.title')}>{t('directory.title')}</PageHeading>
      <p>{t('directory.intro')}</p>
      <p><a href={PUBLIC_FIND_HELP}>{t('directory.viewPublic')}</a></p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      <ErrorSummary errors={errors} />
      {state.status === 'ready' && (() => {
        const { entries, canMaintain, coverageScopes, kinds, places } = state.data;
        return (
          <>
            {!canMaintain && <p>{t('directory.readOnly')}</p>}
            {entries.length === 0 && <p className="empty">{t('directory.empty')}</p>}
            {entries.length > 0 && (
              <ul className="cards">
                {entries.map((entry) => (
                  <li key={entry.id} className={entry.published ? 'card' : 'card card--withdrawn'}>
                    <h2 className="card__title">{entry.name}</h2>
                    <p className={entry.published ? 'tag tag--ok' : 'tag'}>{entry.published ? t('directory.statusPublished') : t('directory.statusHidden')}</p>
                    <p>{t(`directory.kind.${entry.kind}`)}. {t('directory.reaches', { coverage: coverageText(entry, places) })}</p>
                    {canMaintain && editing.kind === 'none' && (
                      <div className="actions">
                        <button type="button" className="button button--secondary" onClick={() => setEditing({ kind: 'edit', entry })}>
                          {t('directory.edit', { name: entry.name })}
                        </button>
                        <button type="button" className="button button--secondary" onClick={() => void setPublished(entry, !entry.published)}>
                          {entry.published ? t('directory.unpublish', { name: entry.name }) : t('directory.publish', { name: entry.name })}
                        </button>
                        <ConfirmAction label={t('directory.delete', { name: entry.name })} question={t('directory.deleteQuestion', { name: entry.name })}
                          confirmLabel={t('directory.deleteConfirm')} onConfirm={() => remove(entry)} />
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canMaintain && editing.kind === 'none' && (
              <div className="actions">
                <button type="button" className="button" ref={newButton} onClick={() => setEditing({ kind: 'new' })}>{t('directory.new')}</button>
              </div>
            )}
            {canMaintain && editing.kind !== 'none' && (
              <EntryForm key={editing.kind === 'edit' ? editing.entry.id : 'new'} entry={editing.kind === 'edit' ? editing.entry : null} kinds={kinds}
                scopes={coverageScopes} places={places} onSaved={saved} onCancel={close} />
            )}
          </>
        );
      })()}
    </>
  );
}
