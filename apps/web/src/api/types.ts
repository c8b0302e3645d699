export type {
  AccessLogEntry, CaseStatus, CaseSummary, CaseView, ConsentForm, ConsentPurpose, ConsentView, InformationCategory,
  OrganisationType, ParticipantView, Program, ProtectedIdentity, Role, TeamMemberView, TeamRole,
} from '@utvag/domain';

/** The signed-in user, as GET /auth/me and POST /auth/second-factor answer. */
export interface Me {
  user: { id: string; name: string; email: string; roles: string[] };
  organisation: { id: string; name: string; type: string };
  csrfToken: string | null;
}

export interface Organisation {
  id: string;
  name: string;
  type: string;
  municipalityCode: string | null;
  countyCode: string | null;
}

export interface StaffMember {
  id: string;
  name: string;
  title: string | null;
  roles: string[];
  organisationId: string;
}

export interface Notification {
  id: string;
  kind: string;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}
