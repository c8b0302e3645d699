import type { ActionDiff, ChangeKind, PlanComparison, PlanGoal } from '@utvag/domain';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { useOrganisations } from './use-organisations';

function ChangeTag({ change }: { change: ChangeKind }) {
  const { t } = useI18n();
  const tone = change === 'added' ? 'tag tag--ok' : change === 'removed' ? 'tag tag--danger' : 'tag';
  return <span className={tone}>{t(`plan.change.${change}`)}</span>;
}

/** One side of a goal: its words and its actions, each action marked with how it changed. */
function GoalSide({ goal, actions, side, nameOf }: { goal: PlanGoal | null; actions: ActionDiff[]; side: 'before' | 'after'; nameOf: (id: string) => string | null }) {
  const { t, date } = useI18n();
  if (!goal) return <p className="empty">–</p>;
  return (
    <>
      <p><strong>{t(`plan.lifeArea.${goal.lifeArea}`)}</strong></p>
      <p className="meta">{t('plan.participantWords')}</p>
      <blockquote className="plan-goal__own-words"><p>{goal.participantWords}</p></blockquote>
      <p className="meta">{t('plan.professionalWords')}</p>
      <p>{goal.professionalWords || t('plan.professionalWordsNone')}</p>
      <ul className="plan-compare__actions">
        {actions.flatMap((diff) => {
          const action = side === 'before' ? diff.before : diff.after;
          if (!action) return [];
          return [(
            <li key={diff.actionId}>
              {diff.change !== 'unchanged' && <><ChangeTag change={diff.change} />{' '}</>}
              {action.description}; {nameOf(action.responsibleOrganisationId) ?? t('plan.unknownOrganisation')};{' '}
              {action.endOn ? t('plan.action.periodClosed', { start: date(action.startOn), end: date(action.endOn) }) : t('plan.action.periodOpen', { start: date(action.startOn) })};{' '}
              {t(`plan.actionStatus.${action.status}`)}; {t('plan.action.followUpOn')} {date(action.followUpOn)}
            </li>
          )];
        })}
      </ul>
    </>
  );
}

/** Two versions side by side, goal by goal, filtered for the reader before they were compared. */
export function PlanComparePage({ caseId, from, to }: { caseId: string; from: number; to: number }) {
  const { t, date } = useI18n();
  const [state] = useApiGet<PlanComparison>(`/cases/${caseId}/plan/compare?from=${from}&to=${to}`);
  const { nameOf } = useOrganisations();
  const title = t('plan.compareTitle', { from, to });
  const formatDate = (value: string | null) => (value ? date(value) : t('plan.followUpNotSet'));
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p><Link to={paths.planVersions(caseId)}>{t('plan.versions')}</Link></p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          {!state.data.wholePlan && <p className="notice notice--warning" role="note">{t('plan.partial')}</p>}
          <p>
            {state.data.diff.followUpOn.changed
              ? t('plan.followUpChanged', { before: formatDate(state.data.diff.followUpOn.before), after: formatDate(state.data.diff.followUpOn.after) })
              : t('plan.followUpSame', { date: formatDate(state.data.diff.followUpOn.after) })}
          </p>
          {state.data.diff.goals.every((goal) => goal.change === 'unchanged') && <p className="empty">{t('plan.compareNoChanges')}</p>}
          {state.data.diff.goals.length > 0 && (
            <div className="table-wrapper">
              <table className="plan-compare">
                <caption>{t('plan.compareCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('plan.change')}</th>
                    <th scope="col">{t('plan.versionHeading', { number: from })}</th>
                    <th scope="col">{t('plan.versionHeading', { number: to })}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.diff.goals.map((goal) => (
                    <tr key={goal.goalId}>
                      <th scope="row"><ChangeTag change={goal.change} /></th>
                      <td><GoalSide goal={goal.before} actions={goal.actions} side="before" nameOf={nameOf} /></td>
                      <td><GoalSide goal={goal.after} actions={goal.actions} side="after" nameOf={nameOf} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
