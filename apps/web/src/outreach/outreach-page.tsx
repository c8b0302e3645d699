import type { OutreachEncounterList, OutreachEncounterView, OutreachStatistics, StatisticsAudience } from '@utvag/domain';
import { useState } from 'react';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { RadioGroup } from '../ui/radio-group';
import { EncounterForm } from './encounter-form';
import { arenaLabel, languageLabel, materialLabel, referralLabel } from './labels';

function EncounterCard({ encounter, list, onChanged }: { encounter: OutreachEncounterView; list: OutreachEncounterList; onChanged: () => void }) {
  const { t, date, list: join } = useI18n();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li>
        <EncounterForm list={list} editing={encounter} onSaved={() => { setEditing(false); onChanged(); }} onCancel={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="card">
      <p className="card__title">{t('outreach.encounterSummary', { date: date(encounter.date), arena: arenaLabel(t, encounter.arena), municipality: encounter.area ? `${encounter.municipalityName}, ${encounter.area}` : encounter.municipalityName })}</p>
      <p>{t('outreach.peopleCount', { count: encounter.peopleMet })}{encounter.languages.length > 0 && ` · ${join(encounter.languages.map((code) => languageLabel(t, code)))}`}</p>
      {encounter.materials.length > 0 && (
        <p>{t('outreach.materialsGiven', { materials: join(encounter.materials.map((item) => `${materialLabel(t, item.material)} ${item.count}`)) })}</p>
      )}
      {encounter.referralOffered && <p>{t('outreach.referredTo', { targets: join(encounter.referralTo.map((target) => referralLabel(t, target))) })}</p>}
      {encounter.note && <p className="outreach-note">{encounter.note}</p>}
      <p>{t('outreach.by', { name: encounter.createdBy.name })}</p>
      {encounter.canEdit && (
        <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>{t('outreach.edit')}</button>
      )}
    </li>
  );
}

function Statistics() {
  const { t } = useI18n();
  const [audience, setAudience] = useState<StatisticsAudience>('organisation');
  const [state] = useApiGet<OutreachStatistics>(`/outreach/statistics?audience=${audience}`);
  const count = (value: number | null) => (value === null ? t('outreach.suppressed') : String(value));
  return (
    <section aria-labelledby="outreach-statistics">
      <h2 id="outreach-statistics">{t('outreach.statistics')}</h2>
      <p>{t('outreach.statisticsIntro', { threshold: 5 })}</p>
      <RadioGroup id="outreach-audience" legend={t('outreach.audience')} value={audience} onChange={setAudience}
        options={[{ value: 'organisation', label: t('outreach.audience.organisation') }, { value: 'outside', label: t('outreach.audience.outside') }]} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.cells.length === 0 && <p className="empty">{t('outreach.statisticsEmpty')}</p>}
      {state.status === 'ready' && state.data.cells.length > 0 && (
        // Focusable so that a keyboard can scroll the table sideways on a narrow screen.
        <div className="table-wrapper" tabIndex={0} role="region" aria-label={t('outreach.statisticsTable')}>
          <table>
            <caption className="visually-hidden">{t('outreach.statistics')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outreach.column.month')}</th>
                <th scope="col">{t('outreach.column.arena')}</th>
                <th scope="col">{t('outreach.column.municipality')}</th>
                <th scope="col">{t('outreach.column.encounters')}</th>
                <th scope="col">{t('outreach.column.peopleMet')}</th>
                <th scope="col">{t('outreach.column.referrals')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.cells.map((cell) => (
                <tr key={`${cell.month}-${cell.arena}-${cell.municipalityCode}`}>
                  <td>{cell.month}</td>
                  <td>{arenaLabel(t, cell.arena)}</td>
                  <td>{cell.municipalityName}</td>
                  <td>{count(cell.encounters)}</td>
                  <td>{count(cell.peopleMet)}</td>
                  <td>{count(cell.referralsOffered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "Uppsökande arbete": log an encounter on the phone, see the organisation's recent encounters and their counts. */
export function OutreachPage() {
  const { t } = useI18n();
  const [state, reload] = useApiGet<OutreachEncounterList>('/outreach/encounters');
  const [generation, setGeneration] = useState(0);
  const changed = () => { reload(); setGeneration((value) => value + 1); };
  return (
    <>
      <PageHeading title={t('outreach.title')}>{t('outreach.title')}</PageHeading>
      <p>{t('outreach.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          {state.data.canRecord && <EncounterForm list={state.data} onSaved={changed} />}
          <section aria-labelledby="outreach-recent">
            <h2 id="outreach-recent">{t('outreach.recent')}</h2>
            {state.data.encounters.length === 0
              ? <p className="empty">{t('outreach.empty')}</p>
              : <ul className="cards">{state.data.encounters.map((encounter) => <EncounterCard key={`${encounter.id}-${encounter.version}`} encounter={encounter} list={state.data} onChanged={changed} />)}</ul>}
          </section>
          <Statistics key={generation} />
        </>
      )}
    </>
  );
}
