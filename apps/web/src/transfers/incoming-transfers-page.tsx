import type { IncomingTransferView, TransferView } from '@utvag/domain';
import { useState, type ReactNode } from 'react';
import { api, asApiError } from '../api/client';
import type { Me, StaffMember } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { statusLabel } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { SelectField } from '../ui/select-field';

function IncomingTransfer({ transfer, staff, onChanged }: { transfer: IncomingTransferView; staff: StaffMember[]; onChanged: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [coordinator, setCoordinator] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [acceptedCase, setAcceptedCase] = useState<string | null>(null);
  const coordinators = staff
    .filter((member) => member.roles.includes('coordinator') || member.roles.includes('manager'))
    .map((member) => ({ value: member.id, label: member.name }));

  const decide = async (action: 'accept' | 'decline') => {
    setError(null);
    if (action === 'accept' && !coordinator) { setError(t('transfer.coordinatorMissing')); return; }
    try {
      const body = action === 'accept' ? { version: transfer.version, coordinatorUserId: coordinator } : { version: transfer.version };
      await api.post<TransferView>(`/transfers/${transfer.id}/${action}`, body);
      announce(t(action === 'accept' ? 'transfer.accepted' : 'transfer.declined'));
      if (action === 'accept') setAcceptedCase(transfer.caseId);
      else onChanged();
    } catch (failure) {
      const apiError = asApiError(failure);
      setError(apiError.status === 409 ? t('transfer.stale') : failureMessage(apiError, t));
      onChanged();
    }
  };

  if (acceptedCase) {
    return (
      <li className="card">
        <p role="status">{t('transfer.accepted')}</p>
        <Link to={paths.case(acceptedCase)}>{t('transfer.openCase')}</Link>
      </li>
    );
  }
  return (
    <li className="card">
      <p className="card__title">{t('transfer.incomingFrom', { organisation: transfer.fromOrganisation.name })}</p>
      <p>{t('transfer.incomingCase', { alias: transfer.alias, program: t(`program.${transfer.program}`), status: statusLabel(t, transfer.caseStatus) })}</p>
      {transfer.reason && <p>{t('transfer.incomingReason', { reason: transfer.reason })}</p>}
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <SelectField id={`transfer-coordinator-${transfer.id}`} label={t('transfer.coordinator')} value={coordinator} options={coordinators} onChange={setCoordinator} />
      <ConfirmAction label={t('transfer.accept', { alias: transfer.alias })} question={t('transfer.acceptQuestion', { alias: transfer.alias })}
        confirmLabel={t('transfer.acceptConfirm')} onConfirm={() => decide('accept')} />
      <ConfirmAction label={t('transfer.decline', { alias: transfer.alias })} question={t('transfer.declineQuestion', { alias: transfer.alias })}
        confirmLabel={t('transfer.declineConfirm')} onConfirm={() => decide('decline')} />
    </li>
  );
}

/** "Inkommande överlämningar": the receiving side sees a minimal summary and accepts or declines. */
export function IncomingTransfersPage() {
  const { t } = useI18n();
  const [state, reload] = useApiGet<{ transfers: IncomingTransferView[] }>('/transfers/incoming');
  const [me] = useApiGet<Me>('/auth/me');
  const organisationId = me.status === 'ready' ? me.data.organisation.id : null;
  return (
    <>
      <PageHeading title={t('transfer.incomingTitle')}>{t('transfer.incomingTitle')}</PageHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.transfers.length === 0 && <p className="empty">{t('transfer.incomingEmpty')}</p>}
      {state.status === 'ready' && state.data.transfers.length > 0 && organisationId && (
        <StaffList organisationId={organisationId}>
          {(staff) => (
            <ul className="cards">
              {state.data.transfers.map((transfer) => <IncomingTransfer key={transfer.id} transfer={transfer} staff={staff} onChanged={reload} />)}
            </ul>
          )}
        </StaffList>
      )}
    </>
  );
}

function StaffList({ organisationId, children }: { organisationId: string; children: (staff: StaffMember[]) => ReactNode }) {
  const { t } = useI18n();
  const [staff] = useApiGet<{ staff: StaffMember[] }>(`/organisations/${organisationId}/staff`);
  if (staff.status === 'loading') return <Loading />;
  if (staff.status === 'failed') return <p className="notice notice--error" role="alert">{failureMessage(staff.error, t)}</p>;
  return <>{children(staff.data.staff)}</>;
}
