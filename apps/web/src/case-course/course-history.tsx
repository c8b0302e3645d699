import type { CaseStatusChangeView } from '@utvag/domain';
import { statusLabel } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';

/** Every change of the course, newest first; reasons only where the reader may see them. */
export function CourseHistory({ changes }: { changes: readonly CaseStatusChangeView[] }) {
  const { t, date, dateTime } = useI18n();
  return (
    <>
      <h3 id="course-history-heading">{t('course.history')}</h3>
      {changes.length === 0
        ? <p className="empty">{t('course.historyEmpty')}</p>
        : (
          <ol className="cards" aria-labelledby="course-history-heading">
            {changes.map((change) => (
              <li key={change.id} className="card">
                <p className="card__title">{t('course.change', { from: statusLabel(t, change.fromStatus), to: statusLabel(t, change.toStatus) })}</p>
                {change.closingReason && <p>{t('course.closingReasonShown', { reason: t(`closingReason.${change.closingReason}`) })}</p>}
                {change.checkInOn && <p>{t('course.checkInShown', { date: date(change.checkInOn) })}</p>}
                {change.reason && <p>{t('course.reason', { reason: change.reason })}</p>}
                {change.reasonWithheld && <p className="meta">{t('course.reasonWithheld')}</p>}
                <p className="meta">{t('course.changedBy', { time: dateTime(change.changedAt), name: change.changedBy.name })}</p>
              </li>
            ))}
          </ol>
        )}
    </>
  );
}
