import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import type { CaseView, StaffMember } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { SelectField } from '../ui/select-field';

const fieldId = 'handover-coordinator';

/**
 * Hands the coordinator role to another coordinator of the owning organisation, after a question in
 * place. The case keeps its version for optimistic concurrency: a stale hand-over reloads the case.
 */
export function CoordinatorHandover({ view, onHandedOver }: { view: CaseView; onHandedOver: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [staff] = useApiGet<{ staff: StaffMember[] }>(`/organisations/${view.ownerOrganisation.id}/staff`);
  const [userId, setUserId] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const question = useRef<HTMLParagraphElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) question.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      trigger.current?.focus();
    }
  }, [asking]);

  const candidates = staff.status === 'ready'
    ? staff.data.staff.filter((person) => person.roles.includes('coordinator') && person.id !== view.coordinator?.id) : [];
  const chosen = candidates.find((person) => person.id === userId);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setErrors([{ fieldId, message: t('team.newCoordinatorMissing') }]);
      return;
    }
    setErrors([]);
    setAsking(true);
  };

  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  const confirm = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    try {
      await api.patch<CaseView>(`/cases/${view.id}`, { version: view.version, coordinatorUserId: chosen.id });
      announce(t('team.handedOver', { name: chosen.name }));
      setUserId('');
      setAsking(false);
      onHandedOver();
    } catch (error) {
      const failure = asApiError(error);
      setAsking(false);
      if (failure.code === 'stale_version') {
        setErrors([{ message: t('team.handOverStale') }]);
        onHandedOver();
      } else if (failure.code === 'invalid_coordinator') {
        setErrors([{ fieldId, message: t('team.invalidCoordinator') }]);
      } else {
        setErrors([{ message: failureMessage(failure, t) }]);
      }
    } finally {
      setBusy(false);
    }
  };

  const placeholder = staff.status === 'loading' ? t('common.loading') : candidates.length === 0 ? t('team.noCoordinatorCandidates') : t('team.chooseCoordinator');

  return (
    <div className="panel">
      <h3>{t('team.handOverTitle')}</h3>
      <p>{view.coordinator ? t('team.handOverIntro') : t('team.handOverIntroNoCoordinator')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={ask} noValidate className="form">
        <SelectField
          id={fieldId}
          label={t('team.newCoordinator')}
          placeholder={placeholder}
          options={candidates.map((person) => ({ value: person.id, label: person.title ? `${person.name}, ${person.title}` : person.name }))}
          value={userId}
          onChange={(value) => { setUserId(value); setAsking(false); }}
          error={errorFor(errors, fieldId)}
        />
        {!asking && <button type="submit" className="button" ref={trigger}>{t('team.handOver')}</button>}
      </form>
      {asking && chosen && (
        <div className="confirm" role="group" aria-label={t('team.handOverTitle')}>
          <p ref={question} tabIndex={-1}>{t('team.handOverQuestion', { name: chosen.name })}</p>
          <div className="actions">
            <button type="button" className="button" onClick={confirm} disabled={busy}>{t('team.handOverConfirm')}</button>
            <button type="button" className="button button--secondary" onClick={cancel}>{t('common.cancel')}</button>
          </div>
        </div>
      )}
    </div>
  );
}
