import type { DecisionList, DecisionView } from '@utvag/domain';
import { useRef, useState } from 'react';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { DecideForm } from './decide-form';
import { DecisionForm } from './decision-form';
import { DisclosureButton } from '../ui/disclosure-button';

const kronor = (amount: number) => amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

function DecisionItem({ caseId, decision, onChanged }: { caseId: string; decision: DecisionView; onChanged: () => void }) {
  const { t, date, dateTime } = useI18n();
  const type = t(`decision.type.${decision.type}`);
  return (
    <li className="card">
      <h3>{type}</h3>
      <p>
        <strong>{decision.outcome ? t(`decision.outcome.${decision.outcome}`) : t('decision.status.initiated')}</strong>
      </p>
      <p>{decision.periodTo
        ? t('decision.period', { from: date(decision.periodFrom), to: date(decision.periodTo) })
        : t('decision.periodOpen', { from: date(decision.periodFrom) })}</p>
      {decision.amount !== null && <p>{t('decision.amountShown', { amount: kronor(decision.amount) })}</p>}
      {decision.extent && <p>{t('decision.extentShown', { extent: decision.extent })}</p>}
      <p>{t('decision.legalBasisShown', { legalBasis: decision.legalBasis })}</p>
      <p className="journal-text">{decision.reasons}</p>
      <p>{t('decision.initiatedBy', { name: decision.initiatedBy.name })}</p>
      {decision.decidedBy && decision.decidedAt && <p>{t('decision.decidedBy', { time: dateTime(decision.decidedAt), name: decision.decidedBy.name })}</p>}
      {decision.status === 'decided' && (
        <p><a href={`/api/v1/cases/${caseId}/decisions/${decision.id}/letter.pdf`} target="_blank" rel="noopener">{t('decision.letterLabel', { type: type.toLowerCase() })}</a></p>
      )}
      {decision.status === 'initiated' && decision.decide.allowed && <DecideForm caseId={caseId} decision={decision} onDecided={onChanged} />}
      {decision.status === 'initiated' && !decision.decide.allowed && decision.decide.violation
        && (decision.decide.violation === 'no_delegation' || decision.decide.violation === 'above_delegated_limit') && (
        <p className="hint">{t(`decision.notAllowed.${decision.decide.violation}`)}</p>
      )}
    </li>
  );
}

/** The case's decisions, newest first, with forms to initiate one and, for those allowed, to take it. */
export function DecisionSection({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [state, reload] = useApiGet<DecisionList>(`/cases/${caseId}/decisions`);
  const [formOpen, setFormOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  const created = () => {
    setFormOpen(false);
    reload();
    toggle.current?.focus();
  };

  if (state.status === 'failed' && state.error.status === 403) return null;
  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('decision.title')}</h2>
      <p>{t('decision.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.canInitiate && (
        <>
          <DisclosureButton open={formOpen} controls="decision-form" buttonRef={toggle} onToggle={() => setFormOpen((open) => !open)}>
            {t('decision.new')}
          </DisclosureButton>
          {formOpen && <DecisionForm caseId={caseId} onCreated={created} />}
        </>
      )}
      {state.status === 'ready' && state.data.decisions.length === 0 && <p className="empty">{t('decision.empty')}</p>}
      {state.status === 'ready' && state.data.decisions.length > 0 && (
        <ul className="cards">
          {state.data.decisions.map((decision) => <DecisionItem key={decision.id} caseId={caseId} decision={decision} onChanged={reload} />)}
        </ul>
      )}
    </section>
  );
}
