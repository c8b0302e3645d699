import type { PlanVersionView } from '@utvag/domain';
import { useRef, useState } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { Link } from '../app/router';
import { paths, type PlanRouteView } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { PlanCosts, PlanPrintLink } from '../costs/plan-costs';
import { PlanAgreeForm } from './plan-agree-form';
import { PlanComparePage } from './plan-compare-page';
import { PlanContentView } from './plan-content-view';
import { PlanEditor } from './plan-editor';
import { PlanMeta } from './plan-meta';
import { PlanOrigins } from './plan-pending-changes';
import { PlanVersionPage } from './plan-version-page';
import { PlanVersionsPage } from './plan-versions-page';
import { useOrganisations } from './use-organisations';

interface CurrentPlan { plan: PlanVersionView | null; canEdit: boolean; canAgree: boolean }

/** The plan's pages under /cases/:caseId/plan. */
export function PlanPages({ caseId, view }: { caseId: string; view: PlanRouteView }) {
  switch (view.kind) {
    case 'current': return <CurrentPlanPage caseId={caseId} />;
    case 'versions': return <PlanVersionsPage caseId={caseId} />;
    case 'version': return <PlanVersionPage caseId={caseId} number={view.number} />;
    case 'compare': return <PlanComparePage caseId={caseId} from={view.from} to={view.to} />;
  }
}

/** The plan in work: the draft if there is one, else the agreed plan; edit, agree or start a new version. */
function CurrentPlanPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [state, reload] = useApiGet<CurrentPlan>(`/cases/${caseId}/plan`);
  const { organisations, nameOf } = useOrganisations();
  // A meeting card's "start a new draft from the meeting's outcomes" arrives with ?carry=<meeting id>.
  const [carryFromMeeting] = useState(() => new URLSearchParams(window.location.search).get('carry'));
  const [editing, setEditing] = useState(carryFromMeeting !== null);
  const [message, setMessage] = useState<string | null>(null);
  const idempotency = useIdempotencyKey();
  const versionHeading = useRef<HTMLHeadingElement>(null);

  const isEditing = editing && state.status === 'ready' && state.data.plan?.canEdit === true;

  const afterChange = () => {
    setEditing(false);
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
    reload();
    requestAnimationFrame(() => versionHeading.current?.focus());
  };

  const startDraft = async () => {
    setMessage(null);
    try {
      const draft = await api.post<PlanVersionView>(`/cases/${caseId}/plan/versions`, {}, idempotency.key());
      announce(t('plan.started', { number: draft.number }));
    } catch (error) {
      const failure = asApiError(error);
      setMessage(failure.code === 'plan_draft_exists' ? t('plan.draftExists') : failureMessage(failure, t));
    }
    idempotency.reset();
    afterChange();
  };

  return (
    <>
      <PageHeading title={t('plan.title')}>{t('plan.title')}</PageHeading>
      <p><Link to={paths.case(caseId)}>{t('plan.backToCase')}</Link></p>
      {message && <p className="notice notice--error" role="alert">{message}</p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          <p><Link to={paths.planVersions(caseId)}>{t('plan.versionsLink')}</Link></p>
          {!state.data.plan && <p className="empty">{t('plan.empty')}</p>}
          {state.data.plan && !isEditing && (
            <section aria-labelledby="plan-version-heading">
              <h2 id="plan-version-heading" ref={versionHeading} tabIndex={-1}>
                {t('plan.versionHeading', { number: state.data.plan.number })}
              </h2>
              <PlanMeta plan={state.data.plan} />
              <PlanOrigins plan={state.data.plan} />
              <PlanContentView content={state.data.plan.content} wholePlan={state.data.plan.wholePlan} nameOf={nameOf} level={3} />
              <PlanPrintLink caseId={caseId} number={state.data.plan.number} />
            </section>
          )}
          {state.data.plan && state.data.plan.canEdit && isEditing && (
            <PlanEditor caseId={caseId} plan={state.data.plan} organisations={organisations} nameOf={nameOf} onSaved={afterChange} onCancel={afterChange}
              carryFromMeeting={carryFromMeeting} />
          )}
          {!isEditing && (
            <div className="actions">
              {state.data.plan?.canEdit && (
                <button type="button" className="button" onClick={() => setEditing(true)}>{t('plan.edit')}</button>
              )}
              {state.data.canEdit && state.data.plan?.status !== 'draft' && (
                <button type="button" className="button button--secondary" onClick={() => void startDraft()}>
                  {state.data.plan ? t('plan.startNewVersion') : t('plan.start')}
                </button>
              )}
            </div>
          )}
          {state.data.plan?.canAgree && !isEditing && <PlanAgreeForm caseId={caseId} plan={state.data.plan} onDone={afterChange} />}
          {state.data.plan && !isEditing && <PlanCosts caseId={caseId} content={state.data.plan.content} wholePlan={state.data.plan.wholePlan} />}
        </>
      )}
    </>
  );
}
