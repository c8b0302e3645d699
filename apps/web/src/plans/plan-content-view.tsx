import { LifeArea, type PlanAction, type PlanContent, type PlanGoal } from '@utvag/domain';
import { useI18n } from '../i18n/i18n-context';

interface PlanContentViewProps {
  content: PlanContent;
  wholePlan: boolean;
  nameOf: (organisationId: string) => string | null;
  /** Heading level of the life areas: 2 on the plan's own page. */
  level?: 2 | 3;
}

/** The actions of one goal: who is responsible, when, how far it has come, when it is followed up. */
export function ActionTable({ actions, nameOf, caption }: { actions: readonly PlanAction[]; nameOf: (id: string) => string | null; caption: string }) {
  const { t, date } = useI18n();
  if (actions.length === 0) return <p className="empty">{t('plan.noActions')}</p>;
  // Focusable, so that a table wider than a narrow column can be scrolled with the keyboard.
  return (
    <div className="table-wrapper" tabIndex={0} role="group" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.action.description')}</th>
            <th scope="col">{t('plan.action.responsible')}</th>
            <th scope="col">{t('plan.action.period')}</th>
            <th scope="col">{t('plan.action.status')}</th>
            <th scope="col">{t('plan.action.followUpOn')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <tr key={action.id}>
              <td>{action.description}</td>
              <td>{nameOf(action.responsibleOrganisationId) ?? t('plan.unknownOrganisation')}</td>
              <td className="nowrap">
                {action.endOn
                  ? t('plan.action.periodClosed', { start: date(action.startOn), end: date(action.endOn) })
                  : t('plan.action.periodOpen', { start: date(action.startOn) })}
              </td>
              <td>{t(`plan.actionStatus.${action.status}`)}</td>
              <td className="nowrap">{date(action.followUpOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One goal: the participant's own words first and largest, then the professionals' description and the actions. */
export function GoalView({ goal, nameOf }: { goal: PlanGoal; nameOf: (id: string) => string | null }) {
  const { t } = useI18n();
  return (
    <article className="card plan-goal" aria-label={t(`plan.lifeArea.${goal.lifeArea}`)}>
      <p className="meta">{t('plan.participantWords')}</p>
      <blockquote className="plan-goal__own-words"><p>{goal.participantWords}</p></blockquote>
      <p className="meta">{t('plan.professionalWords')}</p>
      <p>{goal.professionalWords || t('plan.professionalWordsNone')}</p>
      <ActionTable actions={goal.actions} nameOf={nameOf} caption={t('plan.actions')} />
    </article>
  );
}

/** The plan's goals, grouped by life area in the order of the glossary. */
export function PlanContentView({ content, wholePlan, nameOf, level = 2 }: PlanContentViewProps) {
  const { t } = useI18n();
  const Heading = level === 2 ? 'h2' : 'h3';
  const areas = LifeArea.options.filter((area) => content.goals.some((goal) => goal.lifeArea === area));
  return (
    <>
      {!wholePlan && <p className="notice notice--warning" role="note">{t('plan.partial')}</p>}
      {areas.length === 0 && <p className="empty">{wholePlan ? t('plan.noGoals') : t('plan.noGoalsVisible')}</p>}
      {areas.map((area) => (
        <section key={area} aria-labelledby={`life-area-${area}`}>
          <Heading id={`life-area-${area}`}>{t(`plan.lifeArea.${area}`)}</Heading>
          {content.goals.filter((goal) => goal.lifeArea === area).map((goal) => <GoalView key={goal.id} goal={goal} nameOf={nameOf} />)}
        </section>
      ))}
    </>
  );
}
