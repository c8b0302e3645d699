import { CostCategory, type CostList, type CostView, type PlanAction, type PlanContent } from '@utvag/domain';
import { useId, useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey, Translate } from '../i18n/translate';
import { useAnnounce } from '../ui/announcer';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';

const ruleCodes = ['amount_not_positive', 'date_or_period_required', 'dates_out_of_order', 'unknown_action', 'already_cancelled'] as const;

/** A refused cost in plain language, naming the rule that stopped it. */
function costFailure(error: ApiError, t: Translate): string {
  const code = ruleCodes.find((rule) => rule === error.code);
  return code ? t(`cost.error.${code}` as MessageKey & `cost.error.${typeof code}`) : failureMessage(error, t);
}

const kronor = (amount: number) => amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

/** The costs of the plan's actions, per action with a small form, and the totals per category. */
export function PlanCosts({ caseId, content, wholePlan }: { caseId: string; content: PlanContent; wholePlan: boolean }) {
  const { t } = useI18n();
  const [state, reload] = useApiGet<CostList>(`/cases/${caseId}/costs`);
  const actions = content.goals.flatMap((goal) => goal.actions);
  return (
    <section aria-labelledby="costs-heading">
      <h2 id="costs-heading">{t('cost.title')}</h2>
      <p>{t('cost.intro')}</p>
      {!wholePlan && <p className="notice notice--warning" role="note">{t('cost.partial')}</p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          <CostTotals list={state.data} />
          {actions.length === 0 && <p className="empty">{t('cost.noActions')}</p>}
          {actions.map((action) => (
            <ActionCosts key={action.id} caseId={caseId} action={action} canAdd={state.data.canAdd}
              costs={state.data.costs.filter((cost) => cost.actionId === action.id)} onChanged={reload} />
          ))}
        </>
      )}
    </section>
  );
}

function CostTotals({ list }: { list: CostList }) {
  const { t } = useI18n();
  if (list.totals.length === 0) return <p className="empty">{t('cost.totalsNone')}</p>;
  return (
    <div className="table-wrapper" tabIndex={0} role="group" aria-label={t('cost.totals')}>
      <table>
        <caption>{t('cost.totals')}</caption>
        <thead><tr><th scope="col">{t('cost.category')}</th><th scope="col">{t('cost.count')}</th><th scope="col">{t('cost.amount')}</th></tr></thead>
        <tbody>
          {list.totals.map((total) => (
            <tr key={total.category}>
              <th scope="row">{t(`cost.category.${total.category}`)}</th>
              <td>{total.count}</td>
              <td className="nowrap">{t('cost.amountValue', { amount: kronor(total.amount) })}</td>
            </tr>
          ))}
        </tbody>
        <tfoot><tr><th scope="row">{t('cost.total')}</th><td /><td className="nowrap">{t('cost.amountValue', { amount: kronor(list.total) })}</td></tr></tfoot>
      </table>
    </div>
  );
}

function ActionCosts({ caseId, action, costs, canAdd, onChanged }: { caseId: string; action: PlanAction; costs: CostView[]; canAdd: boolean; onChanged: () => void }) {
  const { t, date } = useI18n();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('cost.actionHeading', { action: action.description })}</h3>
      {costs.length === 0 && <p className="empty">{t('cost.none')}</p>}
      {costs.length > 0 && (
        <ul>
          {costs.map((cost) => (
            <li key={cost.id}>
              {cost.cancelled ? <s>{t('cost.amountValue', { amount: kronor(cost.amount) })}</s> : t('cost.amountValue', { amount: kronor(cost.amount) })}
              {' · '}{t(`cost.category.${cost.category}`)}
              {' · '}{cost.incurredOn ? date(cost.incurredOn) : t('cost.period', { from: date(cost.periodFrom ?? ''), to: date(cost.periodTo ?? '') })}
              {' · '}{t('cost.addedBy')} {cost.createdBy.name}
              {cost.cancelled && <> {' · '}{t('cost.cancelled', { reason: cost.cancelled.reason })}</>}
              {!cost.cancelled && canAdd && <CancelCost caseId={caseId} cost={cost} onDone={onChanged} />}
            </li>
          ))}
        </ul>
      )}
      {canAdd && <AddCostForm caseId={caseId} actionId={action.id} onAdded={onChanged} />}
    </section>
  );
}

function AddCostForm({ caseId, actionId, onAdded }: { caseId: string; actionId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const id = useId();
  const idempotency = useIdempotencyKey();
  const [amount, setAmount] = useState('');
  const [category, setCategory] = useState<CostCategory>('other');
  const [usePeriod, setUsePeriod] = useState(false);
  const [incurredOn, setIncurredOn] = useState('');
  const [periodFrom, setPeriodFrom] = useState('');
  const [periodTo, setPeriodTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const body = {
      actionId, amount: Number(amount), category,
      ...(usePeriod ? { periodFrom: periodFrom || null, periodTo: periodTo || null } : { incurredOn: incurredOn || null }),
    };
    try {
      await api.post(`/cases/${caseId}/costs`, body, idempotency.key());
      idempotency.reset();
      setAmount('');
      setIncurredOn('');
      setPeriodFrom('');
      setPeriodTo('');
      announce(t('cost.added'));
      onAdded();
    } catch (failure) {
      const apiError = asApiError(failure);
      if (apiError.status !== 0) idempotency.reset();
      setError(apiError.code === 'validation_failed' && !Number.isInteger(Number(amount)) ? t('cost.error.amount_not_positive') : costFailure(apiError, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('cost.add')}>
      {error && <p className="notice notice--error" role="alert" id={`${id}-error`}>{error}</p>}
      <div className="field">
        <label htmlFor={`${id}-amount`}>{t('cost.amount')}</label>
        <input id={`${id}-amount`} inputMode="numeric" value={amount} onChange={(event) => setAmount(event.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t('cost.category')}</label>
        <select id={`${id}-category`} value={category} onChange={(event) => setCategory(CostCategory.parse(event.target.value))}>
          {CostCategory.options.map((option) => <option key={option} value={option}>{t(`cost.category.${option}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label><input type="checkbox" checked={usePeriod} onChange={(event) => setUsePeriod(event.target.checked)} /> {t('cost.usePeriod')}</label>
      </div>
      {!usePeriod && (
        <div className="field">
          <label htmlFor={`${id}-on`}>{t('cost.incurredOn')}</label>
          <input id={`${id}-on`} type="date" value={incurredOn} onChange={(event) => setIncurredOn(event.target.value)} />
        </div>
      )}
      {usePeriod && (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('cost.periodFrom')}</label>
            <input id={`${id}-from`} type="date" value={periodFrom} onChange={(event) => setPeriodFrom(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('cost.periodTo')}</label>
            <input id={`${id}-to`} type="date" value={periodTo} onChange={(event) => setPeriodTo(event.target.value)} />
          </div>
        </>
      )}
      <button type="submit" className="button button--secondary" disabled={busy}>{t('cost.add')}</button>
    </form>
  );
}

function CancelCost({ caseId, cost, onDone }: { caseId: string; cost: CostView; onDone: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('cost.error.reasonMissing'));
      return;
    }
    try {
      await api.post(`/cases/${caseId}/costs/${cost.id}/cancel`, { reason: reason.trim() });
      announce(t('cost.cancelledNotice'));
      onDone();
    } catch (failure) {
      setError(costFailure(asApiError(failure), t));
    }
  };

  if (!open) {
    return <> <button type="button" className="button button--link" onClick={() => setOpen(true)}>{t('cost.cancelLabel', { amount: kronor(cost.amount) })}</button></>;
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('cost.cancelLabel', { amount: kronor(cost.amount) })}>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('cost.cancelReason')}</label>
        <input id={`${id}-reason`} value={reason} onChange={(event) => setReason(event.target.value)} required />
      </div>
      <button type="submit" className="button button--secondary">{t('cost.cancelConfirm')}</button>
    </form>
  );
}

const printLanguages = ['sv', 'en', 'ro', 'hu', 'pl', 'bg', 'ru', 'uk', 'th', 'es', 'pt', 'ar', 'fa', 'so'] as const;

/** A link to the printable plan, with the language of its headings. */
export function PlanPrintLink({ caseId, number }: { caseId: string; number: number }) {
  const { t, languageName } = useI18n();
  const id = useId();
  const [lang, setLang] = useState<(typeof printLanguages)[number]>('sv');
  return (
    <div className="plan-print" role="group" aria-label={t('planPrint.title')}>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('planPrint.language')}</label>
        <select id={`${id}-lang`} value={lang} onChange={(event) => setLang(printLanguages.find((code) => code === event.target.value) ?? 'sv')}>
          {printLanguages.map((code) => <option key={code} value={code}>{languageName(code)}</option>)}
        </select>
      </div>
      <p><a href={`/api/v1/cases/${caseId}/plan/versions/${number}/plan.pdf?lang=${lang}`} target="_blank" rel="noopener">{t('planPrint.link')}</a></p>
    </div>
  );
}
