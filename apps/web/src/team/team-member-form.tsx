import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import type { ConsentView, Organisation, StaffMember, TeamMemberView, TeamRole } from '../api/types';
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

interface TeamMemberFormProps {
  caseId: string;
  ownerOrganisationId: string;
  /** Changes whenever consent is recorded or withdrawn on the case page, so that the offer follows it. */
  consentKey: number;
  onAdded: () => void;
}

export function TeamMemberForm({ caseId, ownerOrganisationId, consentKey, onAdded }: TeamMemberFormProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [organisations] = useApiGet<{ organisations: Organisation[] }>('/organisations');
  const [consents, reloadConsents] = useApiGet<{ consents: ConsentView[] }>(`/cases/${caseId}/consents`);
  const firstConsentKey = useRef(consentKey);
  const [organisationId, setOrganisationId] = useState('');
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [userId, setUserId] = useState('');
  const [teamRole, setTeamRole] = useState<AddableRole>('team_member');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (consentKey !== firstConsentKey.current) reloadConsents();
  }, [consentKey, reloadConsents]);

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
      setErrors(failure.code === 'already_on_team' ? [{ fieldId: 'team-staff', message: t('team.alreadyOnTeam') }]
        : failure.code === 'no_consent_for_organisation' ? [{ fieldId: 'team-organisation', message: t('team.noConsentForOrganisation') }]
          : formErrorsFrom(failure, t, fieldIds));
      if (failure.code === 'no_consent_for_organisation') reloadConsents();
    } finally {
      setBusy(false);
    }
  };

  // Only within consent: the owning organisation, and those the participant's consent in force reaches (the server decides in the end).
  const consented = new Set(consents.status === 'ready'
    ? consents.data.consents.filter((consent) => consent.inForce).map((consent) => consent.recipientOrganisation.id) : []);
  consented.delete(ownerOrganisationId);
  const loaded = organisations.status === 'ready' && consents.status === 'ready';
  const organisationOptions = loaded
    ? organisations.data.organisations
      .filter((organisation) => organisation.id === ownerOrganisationId || consented.has(organisation.id))
      .map((organisation) => ({ value: organisation.id, label: organisation.name }))
    : [];
  // A choice whose consent was just withdrawn falls away from the offer, and with it the chosen person.
  useEffect(() => {
    if (loaded && organisationId && organisationId !== ownerOrganisationId && !consented.has(organisationId)) chooseOrganisation('');
  });
  const staffOptions = (staff ?? []).map((person) => ({ value: person.id, label: person.title ? `${person.name}, ${person.title}` : person.name }));

  return (
    <div className="panel">
      <h3>{t('team.addTitle')}</h3>
      <ErrorSummary errors={errors} />
      {loaded && consented.size === 0 && <p className="empty" id="team-no-consent">{t('team.noConsentedOrganisations')}</p>}
      <form onSubmit={submit} noValidate className="form">
        <SelectField
          id="team-organisation"
          label={t('team.organisation')}
          hint={loaded && consented.size > 0 ? t('team.organisationHint') : undefined}
          placeholder={loaded ? t('team.chooseOrganisation') : t('common.loading')}
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
