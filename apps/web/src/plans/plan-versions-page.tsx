import type { PlanVersionSummary } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { useApiGet } from '../api/use-api-get';
import { Link, navigate } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { SelectField } from '../ui/select-field';

/** Every version of the plan, and a form to put two of them side by side. */
export function PlanVersionsPage({ caseId }: { caseId: string }) {
  const { t, date } = useI18n();
  const [state] = useApiGet<{ versions: PlanVersionSummary[] }>(`/cases/${caseId}/plan/versions`);
  const versions = state.status === 'ready' ? state.data.versions : [];
  return (
    <>
      <PageHeading title={t('plan.versions')}>{t('plan.versions')}</PageHeading>
      <p><Link to={paths.plan(caseId)}>{t('plan.backToPlan')}</Link></p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && versions.length === 0 && <p className="empty">{t('plan.versionsNone')}</p>}
      {versions.length > 0 && (
        <div className="table-wrapper">
          <table>
            <caption>{t('plan.versionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.version')}</th>
                <th scope="col">{t('plan.statusLabel')}</th>
                <th scope="col">{t('plan.agreedOn')}</th>
                <th scope="col">{t('plan.followUpOn')}</th>
                <th scope="col">{t('plan.created')}</th>
                <th scope="col">{t('plan.supersededAt')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.number}>
                  <td>
                    <Link to={paths.planVersion(caseId, version.number)} aria-label={t('plan.openVersion', { number: version.number })}>
                      {version.number}
                    </Link>
                  </td>
                  <td>{t(`plan.status.${version.status}`)}</td>
                  <td className="nowrap">
                    {version.agreedOn && version.agreementForm
                      ? t('plan.agreedHow', { date: date(version.agreedOn), form: t(`plan.agreementForm.${version.agreementForm}`) }) : '–'}
                  </td>
                  <td className="nowrap">{version.followUpOn ? date(version.followUpOn) : '–'}</td>
                  <td className="nowrap">{date(version.createdAt)}</td>
                  <td className="nowrap">{version.supersededAt ? date(version.supersededAt) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {state.status === 'ready' && <CompareForm caseId={caseId} numbers={versions.map((version) => version.number)} />}
    </>
  );
}

function CompareForm({ caseId, numbers }: { caseId: string; numbers: number[] }) {
  const { t } = useI18n();
  const sorted = [...numbers].sort((a, b) => a - b);
  const [from, setFrom] = useState(String(sorted.at(-2) ?? ''));
  const [to, setTo] = useState(String(sorted.at(-1) ?? ''));
  const options = sorted.map((number) => ({ value: String(number), label: t('plan.versionHeading', { number }) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (from && to) navigate(paths.planCompare(caseId, Number(from), Number(to)));
  };
  return (
    <section aria-labelledby="plan-compare-heading">
      <h2 id="plan-compare-heading">{t('plan.compare')}</h2>
      {sorted.length < 2 ? <p className="empty">{t('plan.compareNeedsTwo')}</p> : (
        <form className="form form--narrow" onSubmit={submit}>
          <SelectField id="plan-compare-from" label={t('plan.compareFrom')} value={from} options={options} onChange={setFrom} />
          <SelectField id="plan-compare-to" label={t('plan.compareTo')} value={to} options={options} onChange={setTo} />
          <button type="submit" className="button">{t('plan.compareSubmit')}</button>
        </form>
      )}
    </section>
  );
}
