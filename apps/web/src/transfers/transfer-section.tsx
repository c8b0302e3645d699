import type { TransferView } from '@utvag/domain';
import { useState } from 'react';
import { api, asApiError } from '../api/client';
import type { Organisation } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';

/** "Flytt till annan kommun": request a transfer of the case, see its transfers, withdraw a pending one. */
export function TransferSection({ caseId, ownerOrganisationId, canRequest }: { caseId: string; ownerOrganisationId: string; canRequest: boolean }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [transfers, reload] = useApiGet<{ transfers: TransferView[] }>(`/cases/${caseId}/transfers`);
  const [organisations] = useApiGet<{ organisations: Organisation[] }>('/organisations');
  const [receiver, setReceiver] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const receivers = organisations.status === 'ready'
    ? organisations.data.organisations
      .filter((organisation) => (organisation.type === 'municipality' || organisation.type === 'collaboration') && organisation.id !== ownerOrganisationId)
      .map((organisation) => ({ value: organisation.id, label: organisation.name }))
    : [];
  const receiverName = receivers.find((option) => option.value === receiver)?.label ?? '';
  const pending = transfers.status === 'ready' ? transfers.data.transfers.find((transfer) => transfer.status === 'requested') : undefined;

  const request = async () => {
    setError(null);
    if (!receiver) { setError(t('transfer.receiverMissing')); return; }
    try {
      await api.post<TransferView>(`/cases/${caseId}/transfers`, { receivingOrganisationId: receiver, ...(reason.trim() ? { reason: reason.trim() } : {}) }, idempotency.key());
      idempotency.reset();
      setReceiver('');
      setReason('');
      announce(t('transfer.requested'));
    } catch (failure) {
      setError(failureMessage(asApiError(failure), t));
    }
    reload();
  };

  const withdraw = async (transfer: TransferView) => {
    setError(null);
    try {
      await api.post<TransferView>(`/transfers/${transfer.id}/withdraw`, { version: transfer.version });
      announce(t('transfer.withdrawn'));
    } catch (failure) {
      const apiError = asApiError(failure);
      setError(apiError.status === 409 ? t('transfer.stale') : failureMessage(apiError, t));
    }
    reload();
  };

  return (
    <section aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('transfer.title')}</h2>
      <p>{t('transfer.intro')}</p>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {transfers.status === 'loading' && <Loading />}
      {transfers.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(transfers.error, t)}</p>}
      {transfers.status === 'ready' && transfers.data.transfers.length > 0 && (
        <ul className="cards">
          {transfers.data.transfers.map((transfer) => (
            <li key={transfer.id} className="card">
              <p>{t('transfer.history', { organisation: transfer.toOrganisation.name, status: t(`transfer.status.${transfer.status}`) })}</p>
              {transfer.status === 'requested' && <p>{t('transfer.pending', { organisation: transfer.toOrganisation.name })}</p>}
              {transfer.status === 'requested' && canRequest && (
                <ConfirmAction label={t('transfer.withdraw')} question={t('transfer.withdrawQuestion')} confirmLabel={t('transfer.withdrawConfirm')} onConfirm={() => withdraw(transfer)} />
              )}
            </li>
          ))}
        </ul>
      )}
      {canRequest && !pending && transfers.status === 'ready' && (
        <div className="form">
          <SelectField id="transfer-receiver" label={t('transfer.receiver')} value={receiver} options={receivers}
            onChange={(value) => { idempotency.reset(); setReceiver(value); }} />
          <TextAreaField id="transfer-reason" label={t('transfer.reason')} value={reason} onChange={(value) => { idempotency.reset(); setReason(value); }} />
          <ConfirmAction label={t('transfer.request')} question={t('transfer.requestQuestion', { organisation: receiverName })}
            confirmLabel={t('transfer.requestConfirm')} onConfirm={request} />
        </div>
      )}
    </section>
  );
}
