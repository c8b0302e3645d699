import { z } from 'zod';
import { caseAccess, canEditCase, type Actor, type CaseFacts } from './access';
import { UserRef } from './cases';

/** A SIP meeting is scheduled, then held (with minutes) or cancelled. */
export const MeetingStatus = z.enum(['scheduled', 'held', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** The longest agenda or minutes text, in characters. */
export const meetingTextMaxLength = 20_000;

const isoDateTime = z.iso.datetime({ offset: true });
const meetingText = z.string().trim().max(meetingTextMaxLength);
const place = z.string().trim().max(500);
const attendeeUserIds = z.array(z.uuid()).max(50).refine((ids) => new Set(ids).size === ids.length, { message: 'attendees_repeated' });

/** The times of a meeting must run forwards: a meeting ends after it starts. */
export function meetingDatesInOrder(startsAt: string, endsAt: string): boolean {
  return new Date(endsAt).getTime() > new Date(startsAt).getTime();
}

const meetingFields = {
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  place: place.optional(),
  participantAttends: z.boolean(),
  attendeeUserIds,
  agenda: meetingText,
};

export const MeetingCreate = z
  .strictObject(meetingFields)
  .refine((value) => meetingDatesInOrder(value.startsAt, value.endsAt), { message: 'dates_out_of_order', path: ['endsAt'] });
export type MeetingCreate = z.infer<typeof MeetingCreate>;

/** A change names the version the editor read; it replaces the scheduled details as a whole. */
export const MeetingUpdate = z
  .strictObject({ version: z.int().min(1), ...meetingFields })
  .refine((value) => meetingDatesInOrder(value.startsAt, value.endsAt), { message: 'dates_out_of_order', path: ['endsAt'] });
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const MeetingOutcome = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  /** The outcome changes the plan: the coordinator carries it into the next plan version. */
  planChange: z.boolean(),
});
export type MeetingOutcome = z.infer<typeof MeetingOutcome>;

export const MeetingMinutes = z.strictObject({
  version: z.int().min(1),
  text: meetingText.min(1),
  outcomes: z.array(MeetingOutcome).max(50),
});
export type MeetingMinutes = z.infer<typeof MeetingMinutes>;

export const MeetingCancel = z.strictObject({ version: z.int().min(1) });
export type MeetingCancel = z.infer<typeof MeetingCancel>;

/** What became of one plan-change outcome: taken up by plan version `planNumber`, or dismissed with a reason. */
export const MeetingOutcomeDecision = z.object({
  outcomeIndex: z.int(),
  planNumber: z.int().nullable(),
  dismissedReason: z.string().nullable(),
  decidedAt: z.string(),
});
export type MeetingOutcomeDecision = z.infer<typeof MeetingOutcomeDecision>;

export const MeetingView = z.object({
  id: z.uuid(),
  status: MeetingStatus,
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  participantAttends: z.boolean(),
  attendees: z.array(UserRef),
  /** Null when the reader may not read what is discussed (support persons and mentors without consent). */
  agenda: z.string().nullable(),
  minutes: z.object({ text: z.string(), outcomes: z.array(MeetingOutcome) }).nullable(),
  /** What became of the outcomes that change the plan; empty for readers who may not read the minutes. */
  outcomeDecisions: z.array(MeetingOutcomeDecision),
  createdBy: UserRef,
  version: z.int(),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingList = z.object({
  meetings: z.array(MeetingView),
  /** May the reader schedule and change meetings in this case? */
  canSchedule: z.boolean(),
  /** May the reader read agendas and minutes? */
  canReadText: z.boolean(),
  /** May the reader start a plan draft from a meeting's outcomes now (they edit the plan and it has no draft)? */
  canStartPlanDraft: z.boolean(),
});
export type MeetingList = z.infer<typeof MeetingList>;

/** The personal calendar feed's address, shown once when it is created or rotated. */
export const CalendarFeedCreated = z.object({ path: z.string() });
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** Whether the user has a live calendar feed, and since when; the secret address is never shown again. */
export const CalendarFeedStatus = z.object({ active: z.boolean(), createdAt: z.iso.datetime().nullable() });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

const followsOnly = (actor: Actor, facts: CaseFacts) =>
  facts.team.some((member) => member.userId === actor.userId && (member.teamRole === 'support_person' || member.teamRole === 'mentor'));

/** See a case's meetings (time, place, attendees): everyone who reads the case, and support persons and mentors on its team even without consent. */
export function canSeeMeetings(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return caseAccess(actor, facts, now).level !== 'none' || followsOnly(actor, facts);
}

/** Read agendas and minutes: readers with full access and team members to whom consent shares something. */
export function canReadMeetingText(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return caseAccess(actor, facts, now).level !== 'none';
}

/** Schedule, change, cancel and record minutes: those who edit the case, and the coordinator. */
export function canScheduleMeetings(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return facts.coordinatorUserId === actor.userId || canEditCase(actor, facts, now);
}

/** Attendees are the case's coordinator and current team members; returns the ids that are neither. */
export function attendeesNotOnTeam(facts: CaseFacts, userIds: readonly string[]): string[] {
  return userIds.filter((id) => id !== facts.coordinatorUserId && !facts.team.some((member) => member.userId === id));
}

/** Only a scheduled meeting is changed, held or cancelled; held and cancelled meetings are kept as they are. */
export function canChangeMeeting(status: MeetingStatus): boolean {
  return status === 'scheduled';
}
