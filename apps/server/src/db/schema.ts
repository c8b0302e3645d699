import type { ColumnType, Generated } from 'kysely';

/** Row types of every table, in one place. Columns are camelCase here and snake_case in SQL. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type DateOnly = ColumnType<string, string, string>;

export interface CountyTable { code: string; name: string; regionName: string }
export interface MunicipalityTable { code: string; name: string; countyCode: string }

export interface OrganisationTable {
  id: Generated<string>;
  type: string;
  name: string;
  municipalityCode: string | null;
  countyCode: string | null;
  createdAt: CreatedAt;
}

export interface CollaborationMemberTable { collaborationId: string; municipalityCode: string }

export interface UserTable {
  id: Generated<string>;
  organisationId: string;
  email: string;
  name: string;
  title: string | null;
  roles: string[];
  /** Null until the holder of a new account has chosen a password through a link. */
  passwordHash: string | null;
  totpSecret: Buffer | null;
  totpPendingSecret: Buffer | null;
  totpLastStep: string | number | null;
  failedAttempts: Generated<number>;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdAt: CreatedAt;
  version: Generated<number>;
  lastLoginAt: Date | null;
}

export interface PasswordLinkTable {
  id: Generated<string>;
  userId: string;
  tokenHash: string;
  purpose: 'activation' | 'reset';
  createdBy: string | null;
  createdAt: CreatedAt;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  tokenSealed: Buffer | null;
  emailedAt: Date | null;
  emailClaimedUntil: Date | null;
}

export interface SessionTable {
  id: string;
  userId: string;
  csrfToken: string;
  secondFactorAt: Date | null;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  revokedAt: Date | null;
  /** Moves on with every change of the account (migration 0026); the check of a remembered session compares it. */
  accountVersion: Generated<number>;
}

export interface ApiTokenTable {
  id: Generated<string>;
  userId: string;
  tokenHash: string;
  label: string;
  createdAt: CreatedAt;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface RateLimitTable { key: string; windowStartedAt: Date; hits: number }

export interface EncryptionKeyTable {
  id: Generated<string>;
  purpose: 'data' | 'blind_index' | 'audit_chain';
  wrappedKey: Buffer;
  masterKeyId: string;
  active: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface ParticipantTable {
  id: Generated<string>;
  ownerOrganisationId: string;
  alias: string;
  identityData: Buffer | null;
  contactData: Buffer | null;
  identityNumberIndex: string | null;
  languages: string[];
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
  protectedIdentity: string;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface CaseTable {
  id: Generated<string>;
  program: string;
  status: Generated<string>;
  ownerOrganisationId: string;
  participantId: string;
  coordinatorUserId: string | null;
  entryChannel: string | null;
  createdBy: string;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface CaseStatusChangeTable {
  id: Generated<string>;
  caseId: string;
  fromStatus: string;
  toStatus: string;
  reason: Buffer | null;
  closingReason: string | null;
  checkInOn: DateOnly | null;
  changedBy: string;
  changedAt: CreatedAt;
}

export interface CaseTeamMemberTable {
  id: Generated<string>;
  caseId: string;
  userId: string;
  organisationId: string;
  teamRole: string;
  addedBy: string;
  addedAt: CreatedAt;
  removedBy: string | null;
  removedAt: Date | null;
  /** The case's owning organisation, kept by triggers for row-level security (migration 0027); never written here. */
  caseOwnerOrganisationId: Generated<string>;
}

export interface ConsentTable {
  id: Generated<string>;
  caseId: string;
  recipientOrganisationId: string;
  categories: string[];
  excludedCategories: string[];
  purposes: string[];
  form: string;
  givenOn: DateOnly;
  validFrom: DateOnly;
  validUntil: DateOnly | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawalReason: Generated<string | null>;
  recordedBy: string;
  version: Generated<number>;
  createdAt: CreatedAt;
  /** The case's owning organisation, kept by triggers for row-level security (migration 0027); never written here. */
  caseOwnerOrganisationId: Generated<string>;
}

export interface CaseTransferTable {
  id: Generated<string>;
  caseId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  status: Generated<string>;
  reason: Buffer | null;
  declineReason: Buffer | null;
  requestedBy: string;
  requestedAt: CreatedAt;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: Generated<number>;
}

export interface PlanVersionTable {
  id: Generated<string>;
  caseId: string;
  number: number;
  status: Generated<string>;
  content: Buffer;
  followUpOn: DateOnly | null;
  agreedOn: DateOnly | null;
  agreementForm: string | null;
  agreedBy: string | null;
  createdBy: string;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  supersededAt: Date | null;
  /** The case's owning organisation, kept by triggers for row-level security (migration 0027); never written here. */
  caseOwnerOrganisationId: Generated<string>;
}

export interface JournalEntryTable {
  id: Generated<string>;
  caseId: string;
  authorUserId: string;
  organisationId: string;
  category: string;
  body: Buffer;
  status: Generated<string>;
  signedAt: Date | null;
  signedBy: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface JournalCorrectionTable {
  id: Generated<string>;
  entryId: string;
  caseId: string;
  body: Buffer;
  reason: Buffer;
  correctedBy: string;
  correctedAt: CreatedAt;
}

export interface EmergencyAccessGrantTable {
  id: Generated<string>;
  caseId: string;
  userId: string;
  reason: Buffer;
  grantedAt: CreatedAt;
  expiresAt: Date;
}

export interface MeetingTable {
  id: Generated<string>;
  caseId: string;
  startsAt: Date;
  endsAt: Date;
  place: Buffer | null;
  agenda: Buffer;
  minutes: Buffer | null;
  status: Generated<string>;
  participantAttends: boolean;
  createdBy: string;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface MeetingAttendeeTable { meetingId: string; caseId: string; userId: string }

export interface MeetingOutcomeDispositionTable {
  id: Generated<string>;
  caseId: string;
  meetingId: string;
  outcomeIndex: number;
  planVersionId: string | null;
  goalId: string | null;
  actionId: string | null;
  dismissedReason: Buffer | null;
  decidedBy: string;
  decidedAt: CreatedAt;
}

export interface CalendarFeedTokenTable {
  id: Generated<string>;
  userId: string;
  tokenHash: string;
  createdAt: CreatedAt;
  revokedAt: Date | null;
}

export interface NotificationTable {
  id: Generated<string>;
  userId: string;
  kind: string;
  caseId: string | null;
  createdAt: CreatedAt;
  readAt: Date | null;
  emailedAt: Date | null;
  emailClaimedUntil: Date | null;
}

export interface IdempotencyKeyTable {
  userId: string;
  key: string;
  requestHash: string;
  resourceId: string | null;
  createdAt: CreatedAt;
}

export interface AuditEventTable {
  id: Generated<string>;
  occurredAt: Generated<Date>;
  requestId: string | null;
  actorUserId: string | null;
  organisationId: string | null;
  role: string | null;
  action: string;
  caseId: string | null;
  participantId: string | null;
  purpose: string | null;
  emergency: Generated<boolean>;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  /** The writing transaction's id (xid8, as text), set by the database: the sealer's order and horizon. */
  txid: ColumnType<string | null, never, never>;
}

/** The audit chain, one link per event (audit/chain.ts). */
export interface AuditSealTable { seq: string; eventId: string; occurredAt: Date; hash: string }

export interface AuditChainHeadTable { id: Generated<boolean>; lastSeq: string; lastHash: string; cursorTxid: string | null; cursorId: string | null }

export interface SchemaMigrationTable { name: string; appliedAt: CreatedAt }

export interface DecisionTable {
  id: Generated<string>;
  caseId: string;
  type: string;
  /** Only decisions made before migration 0022, until the server seals them at start. */
  legalBasis: string | null;
  legalBasisSealed: Buffer | null;
  reasons: Buffer;
  amount: number | null;
  extent: Buffer | null;
  periodFrom: DateOnly;
  periodTo: DateOnly | null;
  status: Generated<string>;
  outcome: string | null;
  initiatedBy: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface DelegationRuleTable {
  organisationId: string;
  role: string;
  decisionType: string;
  maxAmount: number | null;
  updatedBy: string;
  updatedAt: Timestamp;
}

export interface ActionCostTable {
  id: Generated<string>;
  caseId: string;
  actionId: string;
  lifeArea: string;
  amount: number;
  category: string;
  incurredOn: DateOnly | null;
  periodFrom: DateOnly | null;
  periodTo: DateOnly | null;
  createdBy: string;
  createdAt: CreatedAt;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  cancelReasonSealed: Buffer | null;
}

export interface DirectoryEntryTable {
  id: Generated<string>;
  organisationId: string;
  kind: string;
  name: string;
  description: ColumnType<Record<string, string>, string, string>;
  phone: string | null;
  email: string | null;
  webAddress: string | null;
  streetAddress: string | null;
  protectedLocation: boolean;
  openingHours: ColumnType<unknown, string, string>;
  languages: string[];
  free: boolean;
  anonymous: boolean;
  forChildren: boolean;
  forAdults: boolean;
  coverageScope: string;
  coverageNational: boolean;
  coverageMunicipalityCodes: string[];
  coverageCountyCodes: string[];
  published: boolean;
  createdBy: string;
  updatedBy: string;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  version: Generated<number>;
}

export interface OutreachEncounterTable {
  id: Generated<string>;
  organisationId: string;
  encounterDate: DateOnly;
  arena: string;
  municipalityCode: string;
  area: string | null;
  languages: string[];
  materials: ColumnType<unknown, string, string>;
  referralOffered: boolean;
  referralTo: string[];
  peopleMet: number;
  note: Buffer | null;
  createdBy: string;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  version: Generated<number>;
}

export interface ScreeningTable {
  id: Generated<string>;
  organisationId: string;
  setting: string;
  isChild: boolean;
  answers: Buffer;
  indication: string;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface ScreeningReferralTable {
  id: Generated<string>;
  screeningId: string;
  kind: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  setting: string;
  isChild: boolean;
  indication: string;
  caseId: string | null;
  createdAt: CreatedAt;
}

export interface MailboxReceiverTable { organisationId: string; isDefault: Generated<boolean>; updatedAt: Timestamp }
export interface MailboxChildHandlerTable { userId: string; organisationId: string; grantedBy: string; grantedAt: CreatedAt }

export interface MailboxConversationTable {
  id: string;
  organisationId: string;
  codeIndex: string | null;
  passphraseHash: string | null;
  language: string;
  ageGroup: string;
  audience: string;
  municipalityCode: string | null;
  countyCode: string | null;
  status: Generated<string>;
  assignedUserId: string | null;
  caseId: string | null;
  shareRequestedAt: Date | null;
  lastVisitorMessageAt: Timestamp;
  lastStaffMessageAt: Date | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  deletedAt: Date | null;
}

export interface MailboxMessageTable {
  id: Generated<string>;
  conversationId: string;
  organisationId: string;
  author: string;
  authorUserId: string | null;
  body: Buffer;
  shared: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface MailboxSourceKeyTable { hour: Date; key: Buffer }
export interface MailboxSessionTable { id: string; conversationId: string; createdAt: CreatedAt; lastSeenAt: Timestamp; pendingCredentials: Buffer | null }

export interface MailboxReplyTemplateTable {
  id: Generated<string>;
  organisationId: string;
  title: string;
  language: string;
  body: string;
  version: Generated<number>;
  updatedBy: string;
  updatedAt: Timestamp;
}

export interface DB {
  counties: CountyTable;
  municipalities: MunicipalityTable;
  organisations: OrganisationTable;
  collaborationMembers: CollaborationMemberTable;
  users: UserTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  passwordLinks: PasswordLinkTable;
  rateLimits: RateLimitTable;
  encryptionKeys: EncryptionKeyTable;
  participants: ParticipantTable;
  cases: CaseTable;
  caseTeamMembers: CaseTeamMemberTable;
  caseStatusChanges: CaseStatusChangeTable;
  consents: ConsentTable;
  caseTransfers: CaseTransferTable;
  emergencyAccessGrants: EmergencyAccessGrantTable;
  journalEntries: JournalEntryTable;
  journalCorrections: JournalCorrectionTable;
  planVersions: PlanVersionTable;
  decisions: DecisionTable;
  actionCosts: ActionCostTable;
  delegationRules: DelegationRuleTable;
  meetings: MeetingTable;
  meetingAttendees: MeetingAttendeeTable;
  meetingOutcomeDispositions: MeetingOutcomeDispositionTable;
  calendarFeedTokens: CalendarFeedTokenTable;
  outreachEncounters: OutreachEncounterTable;
  screenings: ScreeningTable;
  screeningReferrals: ScreeningReferralTable;
  notifications: NotificationTable;
  idempotencyKeys: IdempotencyKeyTable;
  auditEvents: AuditEventTable;
  auditSeals: AuditSealTable;
  auditChainHead: AuditChainHeadTable;
  schemaMigrations: SchemaMigrationTable;
  directoryEntries: DirectoryEntryTable;
  mailboxReceivers: MailboxReceiverTable;
  mailboxChildHandlers: MailboxChildHandlerTable;
  mailboxConversations: MailboxConversationTable;
  mailboxMessages: MailboxMessageTable;
  mailboxSessions: MailboxSessionTable;
  mailboxSourceKeys: MailboxSourceKeyTable;
  mailboxReplyTemplates: MailboxReplyTemplateTable;
}
