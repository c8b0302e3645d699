import { DecisionType, Role, type DelegationRule } from '@utvag/domain';
import { useEffect, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { decisionFailure } from './decision-errors';

const fieldIds = { role: 'delegation-role', type: 'delegation-type', maxAmount: 'delegation-max-amount' };

/** The organisation's delegation order, for its org admins and managers: a table of rules, one form to add, and one save. */
export function DelegationPage({ organisationId }: { organisationId: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [state] = useApiGet<{ rules: DelegationRule[] }>(`/organisations/${organisationId}/delegation-rules`);
  const [rules, setRules] = useState<DelegationRule[] | null>(null);
  const [role, setRole] = useState<Role | ''>('');
  const [type, setType] = useState<DecisionType | ''>('');
  const [maxAmount, setMaxAmount] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') setRules(state.data.rules);
  }, [state]);

  const roleLabel = (value: Role) => t(`role.${value}`);
  const typeLabel = (value: DecisionType) => t(`decision.type.${value}`);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!role) found.push({ fieldId: fieldIds.role, message: t('delegation.roleMissing') });
    if (!type) found.push({ fieldId: fieldIds.type, message: t('decision.typeMissing') });
    if (maxAmount.trim() && !/^\d{1,9}$/.test(maxAmount.trim())) found.push({ fieldId: fieldIds.maxAmount, message: t('decision.amountInvalid') });
    if (role && type && rules?.some((rule) => rule.role === role && rule.decisionType === type)) found.push({ fieldId: fieldIds.type, message: t('delegation.duplicate') });
    setErrors(found);
    if (found.length > 0 || !role || !type || !rules) return;
    setRules([...rules, { role, decisionType: type, maxAmount: maxAmount.trim() ? Number(maxAmount.trim()) : null }]);
    setRole('');
    setType('');
    setMaxAmount('');
  };

  const save = async () => {
    if (!rules || busy) return;
    setBusy(true);
    try {
      const saved = await api.put<{ rules: DelegationRule[] }>(`/organisations/${organisationId}/delegation-rules`, { rules });
      setRules(saved.rules);
      setErrors([]);
      announce(t('delegation.saved'));
    } catch (error) {
      setErrors([{ message: decisionFailure(asApiError(error), t) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('delegation.title')}>{t('delegation.title')}</PageHeading>
      <p>{t('delegation.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      <ErrorSummary errors={errors} />
      {rules && rules.length === 0 && <p className="empty">{t('delegation.empty')}</p>}
      {rules && rules.length > 0 && (
        <div className="table-wrapper">
          <table>
            <caption className="visually-hidden">{t('delegation.title')}</caption>
            <thead>
              <tr><th scope="col">{t('delegation.role')}</th><th scope="col">{t('delegation.type')}</th><th scope="col">{t('delegation.maxAmount')}</th><th scope="col"><span className="visually-hidden">{t('delegation.actions')}</span></th></tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={`${rule.role}/${rule.decisionType}`}>
                  <td>{roleLabel(rule.role)}</td>
                  <td>{typeLabel(rule.decisionType)}</td>
                  <td>{rule.maxAmount === null ? t('delegation.noLimit') : `${rule.maxAmount} kr`}</td>
                  <td>
                    <button type="button" className="button button--link"
                      onClick={() => setRules(rules.filter((other) => other !== rule))}>
                      {t('delegation.remove', { role: roleLabel(rule.role), type: typeLabel(rule.decisionType) })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rules && (
        <>
          <form onSubmit={add} noValidate className="form panel">
            <h2>{t('delegation.newRule')}</h2>
            <SelectField id={fieldIds.role} label={t('delegation.role')} placeholder={t('delegation.chooseRole')} options={Role.options.map((value) => ({ value, label: roleLabel(value) }))}
              value={role} onChange={setRole} error={errorFor(errors, fieldIds.role)} />
            <SelectField id={fieldIds.type} label={t('delegation.type')} placeholder={t('decision.chooseType')} options={DecisionType.options.map((value) => ({ value, label: typeLabel(value) }))}
              value={type} onChange={setType} error={errorFor(errors, fieldIds.type)} />
            <TextField id={fieldIds.maxAmount} label={t('delegation.maxAmount')} hint={t('delegation.maxAmountHint')} inputMode="numeric" value={maxAmount}
              onChange={setMaxAmount} error={errorFor(errors, fieldIds.maxAmount)} />
            <div className="actions"><button type="submit" className="button button--secondary">{t('delegation.add')}</button></div>
          </form>
          <div className="actions"><button type="button" className="button" disabled={busy} onClick={() => void save()}>{t('delegation.save')}</button></div>
        </>
      )}
    </>
  );
}
