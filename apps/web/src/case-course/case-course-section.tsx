import { allowedTransitions, isCourseStage, type CaseCourseView, type CaseStatus, type CourseStage } from '@utvag/domain';
import { useRef, useState } from 'react';
import type { CaseView } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { statusLabel } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { CloseForm } from './close-form';
import { CourseHistory } from './course-history';
import { PauseForm } from './pause-form';
import { ReentryForm } from './reentry-form';
import { useTransition, type TransitionBody } from './use-case-course';

type Panel = 'pause' | 'close' | 'reentry';

/** The stage a paused or closed case was in before: where re-entry is offered first. */
function stageBefore(course: CaseCourseView | null, status: CaseStatus): CourseStage {
  const left = course?.changes.find((change) => change.toStatus === status);
  return left && isCourseStage(left.fromStatus) ? left.fromStatus : 'contact';
}

/** "Förlopp": where the case stands, the moves the state machine allows from there, and the history. */
export function CaseCourseSection({ view, onChanged }: { view: CaseView; onChanged: () => void }) {
  const { t, date } = useI18n();
  const announce = useAnnounce();
  const [state, reload] = useApiGet<CaseCourseView>(`/cases/${view.id}/course`);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [moved, setMoved] = useState<{ status: CaseStatus; version: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // The newest of what the case page and this section's own last move know.
  const current = moved && moved.version >= view.version ? moved : { status: view.status, version: view.version };
  const course = state.status === 'ready' ? state.data : null;
  const post = useTransition(view.id, current.version, t);
  const transitions = allowedTransitions(current.status);
  const canMove = view.access.canEdit && !stale;

  const move = async (body: TransitionBody) => {
    setError(null);
    const result = await post(body);
    if (result.outcome === 'moved') {
      setMoved({ status: result.course.status, version: result.course.version });
      setPanel(null);
      announce(t('course.moved', { status: statusLabel(t, result.course.status) }));
      reload();
      onChanged();
      heading.current?.focus();
    } else if (result.outcome === 'stale') {
      setPanel(null);
      setStale(true);
      heading.current?.focus();
    }
    return result;
  };

  const advance = async (to: CaseStatus) => {
    if (busy) return;
    setBusy(true);
    const result = await move({ to });
    setBusy(false);
    if (result.outcome === 'refused' || result.outcome === 'failed') setError(result.message);
  };

  const reloadCase = () => {
    setStale(false);
    setMoved(null);
    reload();
    onChanged();
  };

  const toggle = (which: Panel) => setPanel((open) => (open === which ? null : which));
  const checkIn = current.status === 'paused' ? course?.changes.find((change) => change.toStatus === 'paused')?.checkInOn : null;
  const reentry = transitions.some((transition) => transition.kind === 'resume' || transition.kind === 'reopen');

  return (
    <section aria-labelledby="course-heading">
      <h2 id="course-heading" ref={heading} tabIndex={-1}>{t('course.title')}</h2>
      {stale && (
        <div className="notice notice--error" role="alert">
          <p>{t('course.stale')}</p>
          <p><button type="button" className="button" onClick={reloadCase}>{t('course.reload')}</button></p>
        </div>
      )}
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <dl className="details">
        <div className="details__row">
          <dt>{t('course.current')}</dt>
          <dd><strong>{statusLabel(t, current.status)}</strong></dd>
        </div>
        {checkIn && (
          <div className="details__row">
            <dt>{t('course.plannedCheckIn')}</dt>
            <dd>{date(checkIn)}</dd>
          </div>
        )}
        <div className="details__row">
          <dt>{t('course.entryChannel')}</dt>
          <dd>{view.entryChannel ? t(`entryChannel.${view.entryChannel}`) : t('course.entryChannelNone')}</dd>
        </div>
      </dl>
      {canMove && transitions.length > 0 && (
        <div className="actions" role="group" aria-label={t('course.actions')}>
          {transitions.filter((transition) => transition.kind === 'advance').map((transition) => (
            <button key={transition.to} type="button" className="button" disabled={busy} onClick={() => advance(transition.to)}>
              {t('course.advance', { status: statusLabel(t, transition.to) })}
            </button>
          ))}
          {reentry && (
            <button type="button" className="button" aria-expanded={panel === 'reentry'} aria-controls={panel === 'reentry' ? 'course-reentry-form' : undefined} onClick={() => toggle('reentry')}>
              {current.status === 'closed' ? t('course.reopen') : t('course.resume')}
            </button>
          )}
          {transitions.some((transition) => transition.kind === 'pause') && (
            <button type="button" className="button button--secondary" aria-expanded={panel === 'pause'} aria-controls={panel === 'pause' ? 'course-pause-form' : undefined} onClick={() => toggle('pause')}>
              {t('course.pause')}
            </button>
          )}
          {transitions.some((transition) => transition.kind === 'close') && (
            <button type="button" className="button button--secondary" aria-expanded={panel === 'close'} aria-controls={panel === 'close' ? 'course-close-form' : undefined} onClick={() => toggle('close')}>
              {t('course.close')}
            </button>
          )}
        </div>
      )}
      {canMove && panel === 'pause' && <PauseForm status={current.status} move={move} onCancel={() => setPanel(null)} />}
      {canMove && panel === 'close' && <CloseForm status={current.status} move={move} onCancel={() => setPanel(null)} />}
      {canMove && panel === 'reentry' && <ReentryForm status={current.status} suggested={stageBefore(course, current.status)} move={move} onCancel={() => setPanel(null)} />}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {course && <CourseHistory changes={course.changes} />}
    </section>
  );
}
