import { z } from 'zod';
import { ConsentForm, ConsentPurpose, InformationCategory } from './consent';
import { EntryChannel } from './entry-channel';
import { TeamRole } from './organisations';
import { parseIdentityNumber } from './personal-identity-number';

export const Program = z.enum(['exit_program', 'child_program']);
export type Program = z.infer<typeof Program>;

export const CaseStatus = z.enum(['contact', 'assessment', 'planning', 'active', 'follow_up', 'paused', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** The three levels of protected identity in the population register. */
export const ProtectedIdentity = z.enum(['none', 'confidentiality_marking', 'protected_registration', 'assumed_identity']);
export type ProtectedIdentity = z.infer<typeof ProtectedIdentity>;

/** Location (address) is hidden for every level above `none`. */
export function hidesLocation(level: ProtectedIdentity): boolean {
  return level !== 'none';
}

/** Where a person with protected identity lives is shown to their coordinator alone. */
export function canSeeAddress(level: ProtectedIdentity, access: { level: 'full' | 'consented'; via: string }): boolean {
  return !hidesLocation(level) || access.via === 'coordinator';
}

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();
const uuid = z.uuid();

/** ISO 639 language code, like `sv`, `ro`, `th` or `fa`. */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'language_code');

export const IdentityNumber = z
  .string()
  .max(20)
  .transform((value, ctx) => {
    const parsed = parseIdentityNumber(value);
    if (!parsed.valid) {
      ctx.addIssue({ code: 'custom', message: `identity_number_${parsed.reason}` });
      return z.NEVER;
    }
    return parsed.normalized;
  });

export const ParticipantInput = z.strictObject({
  alias: trimmed(60),
  firstName: trimmed(100).nullish(),
  lastName: trimmed(100).nullish(),
  identityNumber: IdentityNumber.nullish(),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,20}$/, 'phone').nullish(),
  email: z.email().max(200).nullish(),
  address: trimmed(300).nullish(),
  languages: z.array(LanguageCode).max(10).default([]),
  interpreterNeeded: z.boolean().default(false),
  interpreterLanguage: LanguageCode.nullish(),
  protectedIdentity: ProtectedIdentity.default('none'),
});
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const CaseCreate = z.strictObject({
  program: Program,
  participant: ParticipantInput,
  coordinatorUserId: uuid.nullish(),
  entryChannel: EntryChannel.nullish(),
});
export type CaseCreate = z.infer<typeof CaseCreate>;

/** Changes to a participant: the same fields without defaults, so an edit never resets a field it did not mention. */
export const ParticipantChanges = z.strictObject({
  ...ParticipantInput.shape,
  languages: z.array(LanguageCode).max(10),
  interpreterNeeded: z.boolean(),
  protectedIdentity: ProtectedIdentity,
}).partial();
export type ParticipantChanges = z.infer<typeof ParticipantChanges>;

export const CaseUpdate = z.strictObject({
  version: z.int().min(1),
  participant: ParticipantChanges.optional(),
  coordinatorUserId: uuid.nullish(),
});
export type CaseUpdate = z.infer<typeof CaseUpdate>;

/** The participant as one reader may see them: identifying fields are null unless the reader may read them. */
export const ParticipantView = z.object({
  id: uuid,
  alias: z.string(),
  identified: z.boolean(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  identityNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  languages: z.array(z.string()),
  interpreterNeeded: z.boolean(),
  interpreterLanguage: z.string().nullable(),
  protectedIdentity: ProtectedIdentity,
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const OrganisationRef = z.object({ id: uuid, name: z.string(), type: z.string() });
export const UserRef = z.object({ id: uuid, name: z.string(), organisationId: uuid });

export const CaseAccessView = z.object({
  level: z.enum(['full', 'consented']),
  via: z.enum(['coordinator', 'owning_team', 'owning_manager', 'emergency', 'external_team']),
  categories: z.array(InformationCategory),
  canEdit: z.boolean(),
  canManageTeam: z.boolean(),
});

export const CaseView = z.object({
  id: uuid,
  program: Program,
  status: CaseStatus,
  entryChannel: EntryChannel.nullable(),
  ownerOrganisation: OrganisationRef,
  coordinator: UserRef.nullable(),
  participant: ParticipantView,
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  access: CaseAccessView,
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseSummary = z.object({
  id: uuid,
  alias: z.string(),
  program: Program,
  status: CaseStatus,
  ownerOrganisation: OrganisationRef,
  coordinator: UserRef.nullable(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const TeamMemberAdd = z.strictObject({ userId: uuid, teamRole: TeamRole });
export type TeamMemberAdd = z.infer<typeof TeamMemberAdd>;

export const TeamMemberView = z.object({
  id: uuid,
  user: UserRef,
  organisation: OrganisationRef,
  teamRole: TeamRole,
  addedAt: z.string(),
  /** False when the member's organisation has no consent in force (they see nothing now); null when the reader may not know. */
  withinConsent: z.boolean().nullable(),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

export const ConsentCreate = z
  .strictObject({
    recipientOrganisationId: uuid,
    categories: z.array(InformationCategory).min(1).max(InformationCategory.options.length),
    excludedCategories: z.array(InformationCategory).max(InformationCategory.options.length).default([]),
    purposes: z.array(ConsentPurpose).min(1).max(ConsentPurpose.options.length),
    form: ConsentForm,
    givenOn: isoDate,
    validFrom: isoDate.optional(),
    validUntil: isoDate.nullish(),
  })
  .superRefine((value, ctx) => {
    const validFrom = value.validFrom ?? value.givenOn;
    if (value.validUntil && value.validUntil < validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'dates_out_of_order' });
    }
    const overlap = value.categories.filter((category) => value.excludedCategories.includes(category));
    if (overlap.length > 0) ctx.addIssue({ code: 'custom', path: ['excludedCategories'], message: 'category_both_given_and_excluded' });
  });
export type ConsentCreate = z.infer<typeof ConsentCreate>;

export const ConsentView = z.object({
  id: uuid,
  recipientOrganisation: OrganisationRef,
  categories: z.array(InformationCategory),
  excludedCategories: z.array(InformationCategory),
  purposes: z.array(ConsentPurpose),
  form: ConsentForm,
  givenOn: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  inForce: z.boolean(),
  recordedBy: UserRef,
  version: z.int(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const EmergencyAccessRequest = z.strictObject({ reason: z.string().trim().min(10).max(1000) });

export const AccessLogEntry = z.object({
  occurredAt: z.string(),
  actorName: z.string(),
  organisationName: z.string(),
  role: z.string(),
  action: z.string(),
  emergency: z.boolean(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
