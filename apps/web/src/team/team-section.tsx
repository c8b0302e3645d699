import { useEffect, useRef, useState } from 'react';
import { api, asApiError } from '../api/client';
import type { CaseView, TeamMemberView } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { teamRoleLabel } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { CoordinatorHandover } from './coordinator-handover';
import { TeamMemberForm } from './team-member-form';

interface TeamSectionProps {
  view: CaseView;
  /** Changes whenever consent is recorded or withdrawn on the case page. */
  consentKey: number;
  /** The case changed here (the coordinator was handed over): reload it. */
  onCaseChanged: () => void;
}

export function TeamSection({ view, consentKey, onCaseChanged }: TeamSectionProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const caseId = view.id;
  const canManage = view.access.canManageTeam;
  const [state, reload] = useApiGet<{ members: TeamMemberView[] }>(`/cases/${caseId}/team`);
  // Consent and the coordinator change elsewhere on the page; the list's roles and consent notes follow.
  const seen = useRef({ consentKey, coordinator: view.coordinator?.id });
  useEffect(() => {
    if (seen.current.consentKey === consentKey && seen.current.coordinator === view.coordinator?.id) return;
    seen.current = { consentKey, coordinator: view.coordinator?.id };
    reload();
  }, [consentKey, view.coordinator?.id, reload]);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const remove = async (member: TeamMemberView) => {
    setRemoveError(null);
    try {
      await api.delete(`/cases/${caseId}/team/${member.id}`);
      announce(t('team.removed', { name: member.user.name }));
      // The removed person's row disappears; focus goes to the section rather than to nowhere.
      heading.current?.focus();
    } catch (error) {
      const failure = asApiError(error);
      setRemoveError(failure.code === 'coordinator_cannot_leave' ? t('team.coordinatorCannotLeave') : failureMessage(failure, t));
    }
    reload();
  };

  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading" ref={heading} tabIndex={-1}>{t('team.title')}</h2>
      {removeError && <p className="notice notice--error" role="alert">{removeError}</p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.members.length === 0 && <p className="empty">{t('team.empty')}</p>}
      {state.status === 'ready' && state.data.members.length > 0 && (
        <ul className="cards">
          {state.data.members.map((member) => (
            <li key={member.id} className="card">
              <p className="card__title">{member.user.name}</p>
              <p>{member.organisation.name} · {teamRoleLabel(t, member.teamRole)}</p>
              {member.withinConsent === false && (
                <p className="notice notice--warning" role="note">{t('team.withoutConsent', { organisation: member.organisation.name })}</p>
              )}
              {canManage && member.teamRole !== 'coordinator' && (
                <ConfirmAction
                  label={t('team.remove', { name: member.user.name })}
                  question={t('team.removeQuestion', { name: member.user.name })}
                  confirmLabel={t('team.removeConfirm')}
                  onConfirm={() => remove(member)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && <TeamMemberForm caseId={caseId} ownerOrganisationId={view.ownerOrganisation.id} consentKey={consentKey} onAdded={reload} />}
      {canManage && <CoordinatorHandover view={view} onHandedOver={onCaseChanged} />}
    </section>
  );
}
