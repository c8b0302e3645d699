import { MeetingOutcome } from '@utvag/domain';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit/audit';
import type { Keyring } from '../crypto/keyring';
import type { Db, Tx } from '../db/database';

/** Column contexts: a ciphertext decrypts only in the column it was written for. */
export const PLACE_CONTEXT = 'meetings.place';
export const AGENDA_CONTEXT = 'meetings.agenda';
export const MINUTES_CONTEXT = 'meetings.minutes';

export interface MeetingDetails {
  startsAt: string;
  endsAt: string;
  place?: string | undefined;
  participantAttends: boolean;
  attendeeUserIds: string[];
  agenda: string;
}

/** The stored form of minutes: one encrypted JSON document. */
export interface StoredMinutes { text: string; outcomes: MeetingOutcome[] }

const StoredMinutesSchema = z.object({ text: z.string(), outcomes: z.array(MeetingOutcome) });

export async function openMinutes(keyring: Keyring, blob: Uint8Array): Promise<StoredMinutes> {
  return StoredMinutesSchema.parse(JSON.parse(await keyring.decrypt(blob, MINUTES_CONTEXT)));
}

function encryptedDetails(keyring: Keyring, details: MeetingDetails) {
  return {
    startsAt: new Date(details.startsAt),
    endsAt: new Date(details.endsAt),
    place: details.place ? keyring.encrypt(details.place, PLACE_CONTEXT) : null,
    participantAttends: details.participantAttends,
    agenda: keyring.encrypt(details.agenda, AGENDA_CONTEXT),
  };
}

async function replaceAttendees(trx: Tx, meetingId: string, caseId: string, userIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('meetingAttendees').where('meetingId', '=', meetingId).execute();
  if (userIds.length > 0) await trx.insertInto('meetingAttendees').values(userIds.map((userId) => ({ meetingId, caseId, userId }))).execute();
}

export async function insertMeeting(trx: Tx, keyring: Keyring, caseId: string, createdBy: string, details: MeetingDetails): Promise<string> {
  const row = await trx
    .insertInto('meetings')
    .values({ caseId, createdBy, ...encryptedDetails(keyring, details) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceAttendees(trx, row.id, caseId, details.attendeeUserIds);
  return row.id;
}

/** Meetings of a case (or one of them), by start time, with who scheduled them. */
export async function selectMeetings(trx: Tx, caseId: string, meetingId?: string) {
  let query = trx
    .selectFrom('meetings as m')
    .innerJoin('users as u', 'u.id', 'm.createdBy')
    .select([
      'm.id', 'm.caseId', 'm.startsAt', 'm.endsAt', 'm.place', 'm.agenda', 'm.minutes', 'm.status', 'm.participantAttends', 'm.version',
      'u.id as creatorId', 'u.name as creatorName', 'u.organisationId as creatorOrganisationId',
    ])
    .where('m.caseId', '=', caseId)
    .orderBy('m.startsAt')
    .orderBy('m.id');
  if (meetingId) query = query.where('m.id', '=', meetingId);
  return query.execute();
}
export type MeetingRow = Awaited<ReturnType<typeof selectMeetings>>[number];

/** Attendees of the given meetings, by name. */
export async function selectAttendees(trx: Tx, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return trx
    .selectFrom('meetingAttendees as a')
    .innerJoin('users as u', 'u.id', 'a.userId')
    .select(['a.meetingId', 'u.id', 'u.name', 'u.organisationId'])
    .where('a.meetingId', 'in', meetingIds)
    .orderBy('u.name')
    .execute();
}

export async function selectMeetingFacts(trx: Tx, caseId: string, meetingId: string) {
  return trx.selectFrom('meetings').select(['id', 'status', 'version']).where('caseId', '=', caseId).where('id', '=', meetingId).executeTakeFirst();
}

/** Changes a scheduled meeting at `version`; false when stale or no longer scheduled. */
export async function updateMeeting(trx: Tx, keyring: Keyring, caseId: string, meetingId: string, version: number, details: MeetingDetails): Promise<boolean> {
  const result = await trx
    .updateTable('meetings')
    .set((eb) => ({ ...encryptedDetails(keyring, details), version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', meetingId)
    .where('version', '=', version)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await replaceAttendees(trx, meetingId, caseId, details.attendeeUserIds);
  return true;
}

/** Records the minutes of a scheduled meeting, which is then held; false when stale or not scheduled. */
export async function recordMinutes(trx: Tx, keyring: Keyring, meetingId: string, version: number, minutes: StoredMinutes): Promise<boolean> {
  const result = await trx
    .updateTable('meetings')
    .set((eb) => ({ minutes: keyring.encrypt(JSON.stringify(minutes), MINUTES_CONTEXT), status: 'held', version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', meetingId)
    .where('version', '=', version)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function cancelMeeting(trx: Tx, meetingId: string, version: number): Promise<boolean> {
  const result = await trx
    .updateTable('meetings')
    .set((eb) => ({ status: 'cancelled', version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', meetingId)
    .where('version', '=', version)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The alias and protected-identity level of cases' participants: all a calendar may say about them. */
export async function selectCalendarSubjects(trx: Tx, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return trx
    .selectFrom('cases as c')
    .innerJoin('participants as p', 'p.id', 'c.participantId')
    .select(['c.id as caseId', 'p.alias', 'p.protectedIdentity'])
    .where('c.id', 'in', caseIds)
    .execute();
}

/** Meetings the user attends or scheduled that have not yet ended and are not cancelled, across cases. */
export async function selectUpcomingMeetingsOf(trx: Tx, userId: string, now: Date) {
  return trx
    .selectFrom('meetings as m')
    .select(['m.id', 'm.caseId', 'm.startsAt', 'm.endsAt', 'm.place', 'm.status'])
    .where((eb) => eb.or([
      eb('m.createdBy', '=', userId),
      eb.exists(eb.selectFrom('meetingAttendees as a').select('a.userId').whereRef('a.meetingId', '=', 'm.id').where('a.userId', '=', userId)),
    ]))
    .where('m.endsAt', '>', now)
    .where('m.status', '<>', 'cancelled')
    .orderBy('m.startsAt')
    .limit(500)
    .execute();
}

/** Rotates the user's feed: revokes the active token and stores the new hash. Runs as the owning role, like API tokens. */
export async function rotateFeedToken(trx: Tx, userId: string, tokenHash: string): Promise<void> {
  await revokeFeedToken(trx, userId);
  await trx.insertInto('calendarFeedTokens').values({ userId, tokenHash }).execute();
}

/** Revokes the user's live feed, if any; true when there was one. */
export async function revokeFeedToken(trx: Tx, userId: string): Promise<boolean> {
  const result = await trx.updateTable('calendarFeedTokens').set({ revokedAt: new Date() }).where('userId', '=', userId).where('revokedAt', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Turns the actor's own feed off, audited as `calendar.feed.revoke`; false when none was on. */
export async function turnOffOwnFeed(trx: Tx, actor: AuditActor & { userId: string }): Promise<boolean> {
  const revoked = await revokeFeedToken(trx, actor.userId);
  if (revoked) await recordAudit(trx, actor, [{ action: 'calendar.feed.revoke' }]);
  return revoked;
}

/** When the user's live feed was made, or undefined without one. */
export async function selectLiveFeed(db: Db, userId: string) {
  return db.selectFrom('calendarFeedTokens').select('createdAt').where('userId', '=', userId).where('revokedAt', 'is', null).executeTakeFirst();
}
