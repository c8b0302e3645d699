import {
  MeetingOutcome, MeetingStatus, ProtectedIdentity, attendeesNotOnTeam, canEditPlan, canChangeMeeting, canReadMeetingText, canScheduleMeetings, canSeeMeetings,
  caseAccess, hidesLocation, type CaseAccess, type CaseFacts, type MeetingCreate, type MeetingList, type MeetingMinutes, type MeetingUpdate,
  type CalendarFeedStatus, type MeetingView,
} from '@utvag/domain';
import ical, { ICalEventStatus } from 'ical-generator';
import { z } from 'zod';
import type { AccessContext, CaseScope } from '../access/context';
import { recordAudit } from '../audit/audit';
import { hashToken, newSecretToken } from '../auth/tokens';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { notifyUsers } from '../notifications/notify';
import { outcomeDecisions } from '../plans/meeting-outcomes';
import { hasDraft } from '../plans/store';
import {
  AGENDA_CONTEXT, MINUTES_CONTEXT, PLACE_CONTEXT, cancelMeeting, insertMeeting, recordMinutes, rotateFeedToken, selectAttendees, selectLiveFeed, turnOffOwnFeed,
  selectCalendarSubjects, selectMeetingFacts, selectMeetings, selectUpcomingMeetingsOf, updateMeeting, type MeetingDetails, type MeetingRow,
} from './store';

/** A case reached for its meetings: support persons and mentors reach it without consent, so access may be 'none'. */
interface MeetingCase {
  caseId: string;
  participantId: string;
  facts: CaseFacts;
  access: CaseAccess;
}

const StoredMinutes = z.object({ text: z.string(), outcomes: z.array(MeetingOutcome) });

/** The case, or 404 for anyone who may not see its meetings (missing and forbidden look the same). */
async function requireMeetingCase(scope: CaseScope, caseId: string): Promise<MeetingCase> {
  const loaded = (await scope.loadFacts([caseId])).get(caseId);
  if (!loaded || !canSeeMeetings(scope.actor, loaded.facts, scope.now)) throw new NotFoundError();
  return { caseId, participantId: loaded.participantId, facts: loaded.facts, access: caseAccess(scope.actor, loaded.facts, scope.now) };
}

function requireScheduler(scope: CaseScope, reached: MeetingCase): void {
  if (!canScheduleMeetings(scope.actor, reached.facts, scope.now)) {
    throw new ForbiddenError('cannot_schedule_meetings', 'Meetings are scheduled and changed by the coordinator and the case\'s own team.');
  }
}

async function audit(scope: CaseScope, reached: MeetingCase, action: string, details: Record<string, string | number | boolean | null>): Promise<void> {
  const emergency = reached.access.level === 'full' && reached.access.via === 'emergency';
  await scope.audit([{ action, caseId: reached.caseId, participantId: reached.participantId, emergency, details }]);
}

function checkAttendees(reached: MeetingCase, userIds: readonly string[]): void {
  const strangers = attendeesNotOnTeam(reached.facts, userIds);
  if (strangers.length > 0) {
    throw new BadRequestError('attendee_not_on_team', 'Invite only the coordinator and current members of the case\'s team.', { userIds: strangers });
  }
}

async function meetingViews(scope: CaseScope, keyring: Keyring, reached: MeetingCase, meetingId?: string): Promise<MeetingView[]> {
  const rows = await selectMeetings(scope.trx, reached.caseId, meetingId);
  const attendees = await selectAttendees(scope.trx, rows.map((row) => row.id));
  const readsText = canReadMeetingText(scope.actor, reached.facts, scope.now);
  // Where a person with protected identity meets staff can lead to them: only full-access readers see it.
  const participant = await scope.trx.selectFrom('participants').select('protectedIdentity').where('id', '=', reached.participantId).executeTakeFirst();
  const showsPlace = !hidesLocation(ProtectedIdentity.parse(participant?.protectedIdentity ?? 'none')) || reached.access.level === 'full';
  const decisions = readsText ? await outcomeDecisions(scope, keyring, reached.caseId, rows.map((row) => row.id)) : new Map();
  return Promise.all(rows.map(async (row) => ({
    id: row.id,
    status: MeetingStatus.parse(row.status),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    place: row.place && showsPlace ? await keyring.decrypt(row.place, PLACE_CONTEXT) : null,
    participantAttends: row.participantAttends,
    attendees: attendees.filter((attendee) => attendee.meetingId === row.id).map(({ id, name, organisationId }) => ({ id, name, organisationId })),
    agenda: readsText ? await keyring.decrypt(row.agenda, AGENDA_CONTEXT) : null,
    minutes: readsText && row.minutes ? StoredMinutes.parse(JSON.parse(await keyring.decrypt(row.minutes, MINUTES_CONTEXT))) : null,
    outcomeDecisions: decisions.get(row.id) ?? [],
    createdBy: { id: row.creatorId, name: row.creatorName, organisationId: row.creatorOrganisationId },
    version: row.version,
  })));
}

async function readMeeting(scope: CaseScope, keyring: Keyring, reached: MeetingCase, meetingId: string): Promise<MeetingView> {
  const [view] = await meetingViews(scope, keyring, reached, meetingId);
  if (!view) throw new NotFoundError();
  return view;
}

/** The meeting the scheduler means to change: 404 when absent, 409 when it is no longer scheduled. */
async function requireChangeableMeeting(scope: CaseScope, reached: MeetingCase, meetingId: string) {
  const meeting = await selectMeetingFacts(scope.trx, reached.caseId, meetingId);
  if (!meeting) throw new NotFoundError();
  requireScheduler(scope, reached);
  if (!canChangeMeeting(MeetingStatus.parse(meeting.status))) {
    throw new ConflictError('meeting_not_scheduled', 'A held or cancelled meeting is kept as it is and cannot be changed.');
  }
  return meeting;
}

const staleError = (currentVersion: number) =>
  new ConflictError('stale_version', 'Someone changed the meeting after you opened it. Reload it and make your change again.', { currentVersion });

const details = (input: MeetingCreate | MeetingUpdate): MeetingDetails => ({
  startsAt: input.startsAt, endsAt: input.endsAt, place: input.place, participantAttends: input.participantAttends,
  attendeeUserIds: input.attendeeUserIds, agenda: input.agenda,
});

export async function listMeetings(access: AccessContext, keyring: Keyring, caseId: string): Promise<MeetingList> {
  return access.read(async (scope) => {
    const reached = await requireMeetingCase(scope, caseId);
    const meetings = await meetingViews(scope, keyring, reached);
    await audit(scope, reached, 'meeting.read', { count: meetings.length, meetingIds: meetings.map((meeting) => meeting.id).join(',') });
    return {
      meetings,
      canSchedule: canScheduleMeetings(scope.actor, reached.facts, scope.now),
      canReadText: canReadMeetingText(scope.actor, reached.facts, scope.now),
      canStartPlanDraft: canEditPlan(scope.actor, reached.facts, scope.now) && !(await hasDraft(scope.trx, caseId)),
    };
  });
}

export async function createMeeting(access: AccessContext, keyring: Keyring, caseId: string, input: MeetingCreate, idempotencyKey: string | null): Promise<MeetingView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId, ...input }, async () => {
      const reached = await requireMeetingCase(scope, caseId);
      requireScheduler(scope, reached);
      checkAttendees(reached, input.attendeeUserIds);
      const meetingId = await insertMeeting(scope.trx, keyring, caseId, scope.actor.userId, details(input));
      await audit(scope, reached, 'meeting.create', { meetingId, attendees: input.attendeeUserIds.length });
      await notifyUsers(scope.trx, input.attendeeUserIds.filter((userId) => userId !== scope.actor.userId), 'meeting_scheduled', caseId);
      return meetingId;
    }, async (meetingId, replayed) => {
      const reached = await requireMeetingCase(scope, caseId);
      const view = await readMeeting(scope, keyring, reached, meetingId);
      if (replayed) await audit(scope, reached, 'meeting.read', { count: 1, meetingIds: meetingId });
      return view;
    }),
  );
}

/** Changes a scheduled meeting at the version the editor read; a stale version answers 409. */
export async function changeMeeting(access: AccessContext, keyring: Keyring, caseId: string, meetingId: string, input: MeetingUpdate): Promise<MeetingView> {
  return access.run(async (scope) => {
    const reached = await requireMeetingCase(scope, caseId);
    const meeting = await requireChangeableMeeting(scope, reached, meetingId);
    checkAttendees(reached, input.attendeeUserIds);
    if (!(await updateMeeting(scope.trx, keyring, caseId, meetingId, input.version, details(input)))) throw staleError(meeting.version);
    await audit(scope, reached, 'meeting.update', { meetingId });
    return readMeeting(scope, keyring, reached, meetingId);
  });
}

/** Records minutes and outcomes; the meeting is then held and locked. */
export async function recordMeetingMinutes(access: AccessContext, keyring: Keyring, caseId: string, meetingId: string, input: MeetingMinutes): Promise<MeetingView> {
  return access.run(async (scope) => {
    const reached = await requireMeetingCase(scope, caseId);
    const meeting = await requireChangeableMeeting(scope, reached, meetingId);
    if (!(await recordMinutes(scope.trx, keyring, meetingId, input.version, { text: input.text, outcomes: input.outcomes }))) throw staleError(meeting.version);
    await audit(scope, reached, 'meeting.minutes', { meetingId, outcomes: input.outcomes.length, planChanges: input.outcomes.filter((outcome) => outcome.planChange).length });
    return readMeeting(scope, keyring, reached, meetingId);
  });
}

export async function cancelScheduledMeeting(access: AccessContext, keyring: Keyring, caseId: string, meetingId: string, version: number): Promise<MeetingView> {
  return access.run(async (scope) => {
    const reached = await requireMeetingCase(scope, caseId);
    const meeting = await requireChangeableMeeting(scope, reached, meetingId);
    if (!(await cancelMeeting(scope.trx, meetingId, version))) throw staleError(meeting.version);
    await audit(scope, reached, 'meeting.cancel', { meetingId });
    return readMeeting(scope, keyring, reached, meetingId);
  });
}

interface CalendarItem { row: Pick<MeetingRow, 'id' | 'startsAt' | 'endsAt' | 'place' | 'status'>; alias: string; protectedIdentity: ProtectedIdentity }

/**
 * A calendar says no more than a lock screen may show: the case alias, the times and, unless the
 * participant has protected identity, the place. Never a name and never the agenda.
 */
async function calendarText(keyring: Keyring, name: string, items: CalendarItem[]): Promise<string> {
  const calendar = ical({ name, prodId: { company: 'Utväg', product: 'SIP-möten', language: 'SV' } });
  for (const { row, alias, protectedIdentity } of items) {
    const place = row.place && !hidesLocation(protectedIdentity) ? await keyring.decrypt(row.place, PLACE_CONTEXT) : null;
    calendar.createEvent({
      id: `${row.id}@utvag`,
      start: row.startsAt,
      end: row.endsAt,
      summary: `SIP-möte: ${alias}`,
      location: place,
      status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

async function subjectsOf(scope: CaseScope, caseIds: readonly string[]): Promise<Map<string, { alias: string; protectedIdentity: ProtectedIdentity }>> {
  const rows = await selectCalendarSubjects(scope.trx, caseIds);
  return new Map(rows.map((row) => [row.caseId, { alias: row.alias, protectedIdentity: ProtectedIdentity.parse(row.protectedIdentity) }]));
}

/** One meeting as an iCalendar file with one event. */
export async function meetingCalendar(access: AccessContext, keyring: Keyring, caseId: string, meetingId: string): Promise<string> {
  return access.read(async (scope) => {
    const reached = await requireMeetingCase(scope, caseId);
    const [row] = await selectMeetings(scope.trx, caseId, meetingId);
    const subject = (await subjectsOf(scope, [caseId])).get(caseId);
    if (!row || !subject) throw new NotFoundError();
    await audit(scope, reached, 'meeting.calendar', { meetingId });
    return calendarText(keyring, `SIP-möte: ${subject.alias}`, [{ row, ...subject }]);
  });
}

/** Creates or rotates the user's personal feed; the secret is returned once and only its hash is kept. */
export async function createCalendarFeed(db: Db, access: AccessContext): Promise<{ path: string }> {
  const { token, hash } = newSecretToken('cal_');
  await db.transaction().execute(async (trx) => {
    await rotateFeedToken(trx, access.actor.userId, hash);
    await recordAudit(trx, access.auditActor, [{ action: 'calendar.feed.create' }]);
  });
  return { path: `/calendar/${token}.ics` };
}

/** Whether the user has a live feed, and since when. */
export async function calendarFeedStatus(db: Db, access: AccessContext): Promise<CalendarFeedStatus> {
  const live = await selectLiveFeed(db, access.actor.userId);
  return { active: live !== undefined, createdAt: live ? new Date(live.createdAt).toISOString() : null };
}

/** Turns the user's feed off: its address stops working at once. False when there was none. */
export async function revokeCalendarFeed(db: Db, access: AccessContext): Promise<boolean> {
  return db.transaction().execute((trx) => turnOffOwnFeed(trx, { ...access.auditActor, userId: access.actor.userId }));
}

/** The staff member behind a live feed token, or null for a wrong or revoked one. */
export async function feedOwner(db: Db, token: string) {
  return db
    .selectFrom('calendarFeedTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .innerJoin('organisations as o', 'o.id', 'u.organisationId')
    .select(['u.id as userId', 'u.name', 'u.email', 'u.roles', 'o.id as organisationId', 'o.type as organisationType'])
    .where('t.tokenHash', '=', hashToken(token))
    .where('t.revokedAt', 'is', null)
    .where('u.disabledAt', 'is', null)
    .executeTakeFirst();
}

/** The feed: the user's upcoming meetings in the cases whose meetings they may still see. */
export async function personalCalendar(access: AccessContext, keyring: Keyring): Promise<string> {
  return access.read(async (scope) => {
    const rows = await selectUpcomingMeetingsOf(scope.trx, scope.actor.userId, scope.now);
    const caseIds = [...new Set(rows.map((row) => row.caseId))];
    const facts = await scope.loadFacts(caseIds);
    const visible = caseIds.filter((caseId) => {
      const loaded = facts.get(caseId);
      return loaded !== undefined && canSeeMeetings(scope.actor, loaded.facts, scope.now);
    });
    const subjects = await subjectsOf(scope, visible);
    const items: CalendarItem[] = rows.flatMap((row) => {
      const subject = subjects.get(row.caseId);
      return subject ? [{ row, ...subject }] : [];
    });
    await scope.audit(visible.length === 0
      ? [{ action: 'calendar.feed', details: { count: 0 } }]
      : visible.map((caseId) => ({
        action: 'calendar.feed', caseId, participantId: facts.get(caseId)!.participantId,
        details: { count: items.filter((item) => rows.find((row) => row.id === item.row.id)?.caseId === caseId).length },
      })));
    return calendarText(keyring, 'Utväg SIP-möten', items);
  });
}
