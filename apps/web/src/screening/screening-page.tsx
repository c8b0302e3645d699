import {
  ScreeningQuestion, canReceiveScreeningReferrals,
  type IncomingScreeningReferral, type OrganisationType, type Role, type ScreeningList, type ScreeningStatistics, type ScreeningView,
} from '@utvag/domain';
import { useState } from 'react';
import type { Me } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { ScreeningForm } from './screening-form';

function ScreeningCard({ screening }: { screening: ScreeningView }) {
  const { t, dateTime } = useI18n();
  const followUp = screening.followUp;
  return (
    <li className="card">
      <p className="card__title">{t('screening.historyItem', { date: dateTime(screening.createdAt), setting: t(`screening.setting.${screening.setting}`) })}</p>
      <p>{screening.isChild ? t('screening.child') : t('screening.adult')}. {t(`screening.indication.${screening.indication}`)}</p>
      {followUp && <p>{t(`screening.followUp.${followUp.kind}`, { organisation: followUp.organisation.name })}</p>}
      <details>
        <summary>{t('screening.showAnswers')}</summary>
        <dl>
          {ScreeningQuestion.options.map((question) => (
            <div key={question}>
              <dt>{t(`screening.question.${question}`)}</dt>
              <dd>{t(`screening.answer.${screening.answers[question]}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </li>
  );
}

function Statistics() {
  const { t } = useI18n();
  const [state] = useApiGet<ScreeningStatistics>('/screenings/statistics');
  return (
    <section aria-labelledby="screening-statistics">
      <h2 id="screening-statistics">{t('screening.statistics')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.counts.length === 0 && <p className="empty">{t('screening.statisticsEmpty')}</p>}
      {state.status === 'ready' && state.data.counts.length > 0 && (
        <div className="table-wrapper" tabIndex={0} role="region" aria-label={t('screening.statisticsTable')}>
          <table>
            <caption className="visually-hidden">{t('screening.statistics')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('screening.column.month')}</th>
                <th scope="col">{t('screening.column.channel')}</th>
                <th scope="col">{t('screening.column.screenings')}</th>
                <th scope="col">{t('screening.column.indications')}</th>
                <th scope="col">{t('screening.column.referrals')}</th>
                <th scope="col">{t('screening.column.reports')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.counts.map((row) => (
                <tr key={`${row.month}-${row.channel}`}>
                  <td>{row.month}</td>
                  <td>{t(`screening.setting.${row.channel}`)}</td>
                  <td>{row.screenings}</td>
                  <td>{row.indications}</td>
                  <td>{row.referrals}</td>
                  <td>{row.reportsOfConcern}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Incoming() {
  const { t, dateTime } = useI18n();
  const [state] = useApiGet<{ referrals: IncomingScreeningReferral[] }>('/screenings/referrals/incoming');
  return (
    <section aria-labelledby="screening-incoming">
      <h2 id="screening-incoming">{t('screening.incoming')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.referrals.length === 0 && <p className="empty">{t('screening.incomingEmpty')}</p>}
      {state.status === 'ready' && state.data.referrals.length > 0 && (
        <ul className="cards">
          {state.data.referrals.map((referral) => (
            <li key={referral.id} className={referral.kind === 'report_of_concern' ? 'card card--unread' : 'card'}>
              <p className="card__title">{t(`screening.incoming.${referral.kind}`, { organisation: referral.fromOrganisation.name })}</p>
              <p>{t('screening.incomingDetails', {
                setting: t(`screening.setting.${referral.setting}`), indication: t(`screening.indication.${referral.indication}`), date: dateTime(referral.createdAt),
              })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Fråga om utsatthet": the routine questions, what earlier answers led to, and the counts per channel. */
export function ScreeningPage() {
  const { t } = useI18n();
  const [state, reload] = useApiGet<ScreeningList>('/screenings');
  const [me] = useApiGet<Me>('/auth/me');
  const [generation, setGeneration] = useState(0);
  const receives = me.status === 'ready' && canReceiveScreeningReferrals({
    userId: me.data.user.id, organisationId: me.data.organisation.id, organisationType: me.data.organisation.type as OrganisationType, roles: me.data.user.roles as Role[],
  });
  const saved = () => { reload(); setGeneration((value) => value + 1); };
  return (
    <>
      <PageHeading title={t('screening.title')}>{t('screening.title')}</PageHeading>
      <p>{t('screening.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          {state.data.canScreen && <ScreeningForm list={state.data} onSaved={saved} />}
          {receives && <Incoming />}
          <section aria-labelledby="screening-history">
            <h2 id="screening-history">{t('screening.history')}</h2>
            {state.data.screenings.length === 0
              ? <p className="empty">{t('screening.historyEmpty')}</p>
              : <ul className="cards">{state.data.screenings.map((screening) => <ScreeningCard key={screening.id} screening={screening} />)}</ul>}
          </section>
          <Statistics key={generation} />
        </>
      )}
    </>
  );
}
