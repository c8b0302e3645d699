import { useEffect, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import type { Organisation, StaffMember, TeamMemberView, TeamRole } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { teamRoleLabel } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, formErrorsFrom, type FormError } from '../ui/form-errors';
import { SelectField } from '../ui/select-field';

/** The coordinator is set on the case itself, so these are the roles one adds here. */
const addableRoles = ['team_member', 'support_person', 'mentor'] as const satisfies readonly TeamRole[];
type AddableRole = (typeof addableRoles)[number];

const fieldIds = { userId: 'team-staff', teamRole: 'team-role' };

export function TeamMemberForm({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [organisations] = useApiGet<{ organisations: Organisation[] }>('/organisations');
  const [organisationId, setOrganisationId] = useState('');
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [userId, setUserId] = useState('');
  const [teamRole, setTeamRole] = useState<AddableRole>('team_member');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!organisationId) return;
    let current = true;
    api.get<{ staff: StaffMember[] }>(`/organisations/${organisationId}/staff`).then(
      (result) => { if (current) setStaff(result.staff); },
      (error: unknown) => { if (current) setErrors(formErrorsFrom(asApiError(error), t, {})); },
    );
    return () => { current = false; };
  }, [organisationId, t]);

  const chooseOrganisation = (value: string) => {
    idempotency.reset();
    setOrganisationId(value);
    setStaff(null);
    setUserId('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing: FormError[] = [
      ...(organisationId ? [] : [{ fieldId: 'team-organisation', message: t('team.organisationMissing') }]),
      ...(organisationId && !userId ? [{ fieldId: 'team-staff', message: t('team.staffMissing') }] : []),
    ];
    setErrors(missing);
    if (missing.length > 0) return;
    setBusy(true);
    try {
      const member = await api.post<TeamMemberView>(`/cases/${caseId}/team`, { userId, teamRole }, idempotency.key());
      idempotency.reset();
      announce(t('team.added', { name: member.user.name }));
      setUserId('');
      onAdded();
    } catch (error) {
      const failure = asApiError(error);
      setErrors(failure.code === 'already_on_team' ? [{ fieldId: 'team-staff', message: t('team.alreadyOnTeam') }] : formErrorsFrom(failure, t, fieldIds));
    } finally {
      setBusy(false);
    }
  };

  const organisationOptions = organisations.status === 'ready'
    ? organisations.data.organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))
    : [];
  const staffOptions = (staff ?? []).map((person) => ({ value: person.id, label: person.title ? `${person.name}, ${person.title}` : person.name }));

  return (
    <div className="panel">
      <h3>{t('team.addTitle')}</h3>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <SelectField
          id="team-organisation"
          label={t('team.organisation')}
          placeholder={organisations.status === 'loading' ? t('common.loading') : t('team.chooseOrganisation')}
          options={organisationOptions}
          value={organisationId}
          onChange={chooseOrganisation}
          error={errorFor(errors, 'team-organisation')}
        />
        {organisationId && (
          <SelectField
            id="team-staff"
            label={t('team.staff')}
            placeholder={staff === null ? t('common.loading') : staff.length === 0 ? t('team.noStaff') : t('team.chooseStaff')}
            options={staffOptions}
            value={userId}
            onChange={(value) => { idempotency.reset(); setUserId(value); }}
            error={errorFor(errors, 'team-staff')}
          />
        )}
        <SelectField
          id="team-role"
          label={t('team.role')}
          options={addableRoles.map((role) => ({ value: role, label: teamRoleLabel(t, role) }))}
          value={teamRole}
          onChange={(value) => { idempotency.reset(); if (value) setTeamRole(value); }}
          error={errorFor(errors, 'team-role')}
        />
        <button type="submit" className="button" disabled={busy}>{t('team.add')}</button>
      </form>
    </div>
  );
}
