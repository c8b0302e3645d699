import { z } from 'zod';
import type { Actor } from './access';
import type { EntryChannel } from './entry-channel';

/** Where the routine questions were asked. */
export const ScreeningSetting = z.enum(['healthcare', 'youth_clinic', 'student_health', 'social_services']);
export type ScreeningSetting = z.infer<typeof ScreeningSetting>;

/**
 * The routine questions, in the order they are asked; their wording lives in the translations
 * (`screening.question.<id>`). The last one asks what the person wants, not what happened.
 */
export const ScreeningQuestion = z.enum(['given_something_for_sex', 'pressured_or_threatened', 'controlled_by_someone', 'images_spread', 'owes_someone', 'wants_help']);
export type ScreeningQuestion = z.infer<typeof ScreeningQuestion>;

/** The questions that point at exploitation; `wants_help` is left out of the indication. */
export const indicatorQuestions = ['given_something_for_sex', 'pressured_or_threatened', 'controlled_by_someone', 'images_spread', 'owes_someone'] as const satisfies readonly ScreeningQuestion[];

/** Coercion and control weigh most: one yes to either is a clear indication on its own. */
const strongIndicators: readonly ScreeningQuestion[] = ['pressured_or_threatened', 'controlled_by_someone'];

export const ScreeningAnswer = z.enum(['yes', 'no', 'unsure', 'not_answered']);
export type ScreeningAnswer = z.infer<typeof ScreeningAnswer>;

export const ScreeningAnswers = z.strictObject(
  Object.fromEntries(ScreeningQuestion.options.map((question) => [question, ScreeningAnswer])) as Record<ScreeningQuestion, typeof ScreeningAnswer>,
);
export type ScreeningAnswers = z.infer<typeof ScreeningAnswers>;

export const ScreeningIndication = z.enum(['no_indication', 'possible_exploitation', 'clear_indication']);
export type ScreeningIndication = z.infer<typeof ScreeningIndication>;

/** What the professional is offered next. */
export const ScreeningNextStep = z.enum(['none', 'offer_referral', 'report_of_concern']);
export type ScreeningNextStep = z.infer<typeof ScreeningNextStep>;

export interface ScreeningOutcome {
  indication: ScreeningIndication;
  nextStep: ScreeningNextStep;
}

/**
 * The outcome of the routine questions. A yes to coercion or control, or two or more yeses, is a clear
 * indication; one yes, or an uncertain answer, a possible one. A child given something for sex is
 * exploited by definition, so that alone is clear. For a child any indication means a report of concern;
 * for an adult it means offering a referral into the exit program.
 */
export function screeningOutcome(answers: ScreeningAnswers, isChild: boolean): ScreeningOutcome {
  const yes = indicatorQuestions.filter((question) => answers[question] === 'yes');
  const unsure = indicatorQuestions.some((question) => answers[question] === 'unsure');
  const clear = yes.length >= 2 || yes.some((question) => strongIndicators.includes(question))
    || (isChild && yes.includes('given_something_for_sex'));
  const indication: ScreeningIndication = clear ? 'clear_indication' : yes.length > 0 || unsure ? 'possible_exploitation' : 'no_indication';
  const nextStep: ScreeningNextStep = indication === 'no_indication' ? 'none' : isChild ? 'report_of_concern' : 'offer_referral';
  return { indication, nextStep };
}

/** The entry channel a case opened from a screening carries: identification by asking, in that setting. */
export function entryChannelOfSetting(setting: ScreeningSetting): EntryChannel {
  return setting;
}

/** A referral the professional sends in the same step as the answers. */
export const ScreeningFollowUp = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('program_referral'),
    /** The person has said yes to being referred. */
    personAgrees: z.literal(true),
    /** The municipality to refer to, when the professional's own organisation does not run the program. */
    municipalityCode: z.string().regex(/^[0-9]{4}$/, 'municipality_code').optional(),
  }),
  z.strictObject({
    kind: z.literal('report_of_concern'),
    /** The municipality whose social services receive the report. */
    municipalityCode: z.string().regex(/^[0-9]{4}$/, 'municipality_code'),
  }),
]);
export type ScreeningFollowUp = z.infer<typeof ScreeningFollowUp>;

export const ScreeningCreate = z.strictObject({
  setting: ScreeningSetting,
  isChild: z.boolean(),
  answers: ScreeningAnswers,
  followUp: ScreeningFollowUp.nullable(),
});
export type ScreeningCreate = z.infer<typeof ScreeningCreate>;

export type FollowUpViolation = 'report_of_concern_required' | 'report_of_concern_only_for_child' | 'referral_without_indication' | 'referral_for_child';

/**
 * Checks the follow-up against the outcome. A child with any indication must be reported (the duty to
 * report concern); a report is for children only; a referral needs an indication and an adult (a
 * child reaches the children's program through the report of concern).
 */
export function followUpViolation(outcome: ScreeningOutcome, isChild: boolean, followUp: ScreeningFollowUp | null): FollowUpViolation | null {
  if (outcome.nextStep === 'report_of_concern' && followUp?.kind !== 'report_of_concern') return 'report_of_concern_required';
  if (followUp?.kind === 'report_of_concern' && !isChild) return 'report_of_concern_only_for_child';
  if (followUp?.kind === 'program_referral' && isChild) return 'referral_for_child';
  if (followUp && outcome.nextStep === 'none') return 'referral_without_indication';
  return null;
}

export const ScreeningView = z.object({
  id: z.uuid(),
  setting: ScreeningSetting,
  isChild: z.boolean(),
  answers: ScreeningAnswers,
  indication: ScreeningIndication,
  nextStep: ScreeningNextStep,
  followUp: z.object({
    kind: z.enum(['program_referral', 'report_of_concern']),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    /** The anonymous case opened in the professional's own organisation, when it runs the program. */
    caseId: z.uuid().nullable(),
  }).nullable(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.string(),
});
export type ScreeningView = z.infer<typeof ScreeningView>;

export const ScreeningList = z.object({
  screenings: z.array(ScreeningView),
  /** Municipalities with an organisation in Utväg that can receive a referral or a report. */
  receivers: z.array(z.object({ municipalityCode: z.string(), name: z.string() })),
  /** The professional's own organisation runs the program: a referral opens a case here. */
  ownOrganisationRunsProgram: z.boolean(),
  canScreen: z.boolean(),
});
export type ScreeningList = z.infer<typeof ScreeningList>;

export const IncomingScreeningReferral = z.object({
  id: z.uuid(),
  kind: z.enum(['program_referral', 'report_of_concern']),
  setting: ScreeningSetting,
  isChild: z.boolean(),
  indication: ScreeningIndication,
  fromOrganisation: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.string(),
});
export type IncomingScreeningReferral = z.infer<typeof IncomingScreeningReferral>;

export const IdentificationCount = z.object({
  month: z.string(),
  channel: ScreeningSetting,
  screenings: z.int(),
  indications: z.int(),
  referrals: z.int(),
  reportsOfConcern: z.int(),
});
export type IdentificationCount = z.infer<typeof IdentificationCount>;

export const ScreeningStatistics = z.object({ counts: z.array(IdentificationCount) });
export type ScreeningStatistics = z.infer<typeof ScreeningStatistics>;

/** Ask the routine questions and record them: intake staff, team members and coordinators. */
export function canScreen(actor: Actor): boolean {
  return actor.roles.some((role) => role === 'intake' || role === 'team_member' || role === 'coordinator');
}

/** Read the organisation's own screenings and their counts: those who screen, and managers. */
export function canReadScreenings(actor: Actor): boolean {
  return canScreen(actor) || actor.roles.includes('manager');
}

/** Receive referrals and reports of concern sent to the organisation: its intake staff, coordinators and managers. */
export function canReceiveScreeningReferrals(actor: Actor): boolean {
  return actor.roles.some((role) => role === 'intake' || role === 'coordinator' || role === 'manager');
}

/** Cases are held by social services; an organisation that holds cases runs the program. */
export function runsProgram(organisationType: Actor['organisationType']): boolean {
  return organisationType === 'municipality' || organisationType === 'collaboration';
}
