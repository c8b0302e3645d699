import { useRef, useState } from 'react';
import { api, asApiError } from '../api/client';
import type { ConsentView } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { ConsentForm } from './consent-form';
import { ConsentItem } from './consent-item';
import { DisclosureButton } from '../ui/disclosure-button';

interface ConsentSectionProps {
  caseId: string;
  ownerOrganisationId: string;
  canManage: boolean;
  /** Consent was recorded or withdrawn: the team's offer and notes follow it. */
  onChanged?: () => void;
}

export function ConsentSection({ caseId, ownerOrganisationId, canManage, onChanged }: ConsentSectionProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [state, reload] = useApiGet<{ consents: ConsentView[] }>(`/cases/${caseId}/consents`);
  const [formOpen, setFormOpen] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  const withdraw = async (consent: ConsentView) => {
    setWithdrawError(null);
    try {
      await api.post<ConsentView>(`/cases/${caseId}/consents/${consent.id}/withdraw`, { version: consent.version });
      announce(t('consent.withdrawn', { organisation: consent.recipientOrganisation.name }));
      heading.current?.focus();
    } catch (error) {
      const failure = asApiError(error);
      setWithdrawError(failure.code === 'stale_version' || failure.code === 'already_withdrawn' ? t('consent.stale') : failureMessage(failure, t));
    }
    reload();
    onChanged?.();
  };

  const recorded = () => {
    setFormOpen(false);
    reload();
    onChanged?.();
    toggle.current?.focus();
  };

  return (
    <section aria-labelledby="consent-heading">
      <h2 id="consent-heading" ref={heading} tabIndex={-1}>{t('consent.title')}</h2>
      {withdrawError && <p className="notice notice--error" role="alert">{withdrawError}</p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.consents.length === 0 && <p className="empty">{t('consent.empty')}</p>}
      {state.status === 'ready' && state.data.consents.length > 0 && (
        <ul className="cards">
          {state.data.consents.map((consent) => <ConsentItem key={consent.id} consent={consent} canManage={canManage} onWithdraw={withdraw} />)}
        </ul>
      )}
      {canManage && (
        <>
          <DisclosureButton open={formOpen} controls="consent-form" buttonRef={toggle} onToggle={() => setFormOpen((open) => !open)}>
            {t('consent.new')}
          </DisclosureButton>
          {formOpen && <ConsentForm caseId={caseId} ownerOrganisationId={ownerOrganisationId} onRecorded={recorded} />}
        </>
      )}
    </section>
  );
}
