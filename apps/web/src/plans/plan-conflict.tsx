import type { PlanContent, PlanGoal, PlanVersionView } from '@utvag/domain';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { RadioGroup } from '../ui/radio-group';
import { GoalView } from './plan-content-view';
import { contentOf, draftOf, type PlanDraft } from './plan-draft';

type Side = 'mine' | 'theirs';

interface PlanConflictProps {
  /** The content the editor started from: a goal the editor did not touch takes the other person's version. */
  base: PlanContent;
  mine: PlanDraft;
  theirs: PlanVersionView;
  nameOf: (organisationId: string) => string | null;
  onApply: (merged: PlanDraft, currentVersion: number) => void;
  onReload: () => void;
}

const same = (a: PlanGoal | undefined, b: PlanGoal | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Someone saved first: their saved draft and this editor's changes side by side, goal by goal. Nothing of
 * either is lost; the editor chooses per goal, then reviews and saves on the current version.
 */
export function PlanConflict({ base, mine, theirs, nameOf, onApply, onReload }: PlanConflictProps) {
  const { t, date } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const mineContent = contentOf(mine);
  const theirGoals = new Map(theirs.content.goals.map((goal) => [goal.id, goal]));
  const myGoals = new Map(mineContent.goals.map((goal) => [goal.id, goal]));
  const goalIds = [...theirs.content.goals.map((goal) => goal.id), ...mineContent.goals.map((goal) => goal.id).filter((id) => !theirGoals.has(id))];
  const differing = goalIds.filter((id) => !same(theirGoals.get(id), myGoals.get(id)));
  const baseGoals = new Map(base.goals.map((goal) => [goal.id, goal]));
  const untouched = (id: string) => same(baseGoals.get(id), myGoals.get(id));
  const [choices, setChoices] = useState<Record<string, Side>>(() => Object.fromEntries(differing.map((id) => [id, untouched(id) ? 'theirs' : 'mine'])));
  const followUpDiffers = (theirs.content.followUpOn ?? '') !== mine.followUpOn;
  const [followUpChoice, setFollowUpChoice] = useState<Side>((base.followUpOn ?? '') === mine.followUpOn ? 'theirs' : 'mine');

  useEffect(() => { heading.current?.focus(); }, []);

  const sideOptions = [{ value: 'mine' as const, label: t('plan.conflict.keepMine') }, { value: 'theirs' as const, label: t('plan.conflict.keepTheirs') }];
  const formatDate = (value: string | null) => (value ? date(value) : t('plan.followUpNotSet'));

  const apply = () => {
    const goals = goalIds.flatMap((id) => {
      const chosen = (choices[id] ?? 'mine') === 'mine' ? myGoals.get(id) : theirGoals.get(id);
      return chosen ? [chosen] : [];
    });
    const followUpOn = followUpChoice === 'mine' ? mineContent.followUpOn : theirs.content.followUpOn;
    onApply(draftOf({ followUpOn, goals }), theirs.version);
  };

  return (
    <section aria-labelledby="plan-conflict-heading" className="panel">
      <h2 id="plan-conflict-heading" ref={heading} tabIndex={-1}>{t('plan.conflict.title')}</h2>
      <p role="alert">{t('plan.conflict.intro')}</p>
      {followUpDiffers && (
        <RadioGroup
          id="plan-conflict-follow-up"
          legend={t('plan.conflict.followUpChoose')}
          value={followUpChoice}
          onChange={setFollowUpChoice}
          options={[
            { value: 'mine', label: `${t('plan.conflict.keepMine')}: ${formatDate(mineContent.followUpOn)}` },
            { value: 'theirs', label: `${t('plan.conflict.keepTheirs')}: ${formatDate(theirs.content.followUpOn)}` },
          ]}
        />
      )}
      {differing.map((id) => {
        const number = goalIds.indexOf(id) + 1;
        const sides: [Side, PlanGoal | undefined][] = [['theirs', theirGoals.get(id)], ['mine', myGoals.get(id)]];
        return (
          <div key={id} className="plan-conflict__goal">
            <div className="plan-side-by-side">
              {sides.map(([side, goal]) => (
                <div key={side}>
                  <h3>{t('plan.goalLegend', { number })}: {side === 'mine' ? t('plan.conflict.mine') : t('plan.conflict.theirs')}</h3>
                  {goal ? <GoalView goal={goal} nameOf={nameOf} /> : <p className="empty">{t('plan.conflict.missing')}</p>}
                </div>
              ))}
            </div>
            <RadioGroup
              id={`plan-conflict-${id}`}
              legend={t('plan.conflict.choose', { number })}
              value={choices[id] ?? 'mine'}
              onChange={(side) => setChoices((current) => ({ ...current, [id]: side }))}
              options={sideOptions}
            />
          </div>
        );
      })}
      <div className="actions">
        <button type="button" className="button" onClick={apply}>{t('plan.conflict.apply')}</button>
        <button type="button" className="button button--secondary" onClick={onReload}>{t('plan.conflict.reload')}</button>
      </div>
    </section>
  );
}
