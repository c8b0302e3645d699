import type { CaseView } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { accessViaLabel, statusLabel } from './labels';

export function CaseOverview({ view }: { view: CaseView }) {
  const { t, dateTime } = useI18n();
  const rows: [string, string][] = [
    [t('case.program'), t(`program.${view.program}`)],
    [t('case.status'), statusLabel(t, view.status)],
    [t('case.owner'), view.ownerOrganisation.name],
    [t('case.coordinator'), view.coordinator?.name ?? t('case.noCoordinator')],
    [t('case.yourAccess'), accessViaLabel(t, view.access.via)],
    [t('case.updated'), dateTime(view.updatedAt)],
  ];
  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('case.overview')}</h2>
      <dl className="details">
        {rows.map(([label, value]) => (
          <div className="details__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
