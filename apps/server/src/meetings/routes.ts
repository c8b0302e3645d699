import { CalendarFeedCreated, CalendarFeedStatus, MeetingCancel, MeetingCreate, MeetingList, MeetingMinutes, MeetingUpdate, MeetingView, type Role, type OrganisationType } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccessContext } from '../access/context';
import { accessOf } from '../access/request';
import { hitRateLimit } from '../auth/rate-limit';
import { NotFoundError } from '../http/errors';
import { idempotencyKey } from '../http/idempotency';
import {
  calendarFeedStatus, cancelScheduledMeeting, changeMeeting, createCalendarFeed, createMeeting, feedOwner, listMeetings, meetingCalendar, personalCalendar,
  recordMeetingMinutes, revokeCalendarFeed,
} from './service';

const CaseParams = z.object({ caseId: z.uuid() });
const MeetingParams = z.object({ caseId: z.uuid(), meetingId: z.uuid() });
const FeedParams = z.object({ token: z.string().min(1).max(200) });
/** Fetches of one person's feed per hour before 429. */
export const FEED_FETCHES_PER_HOUR = 120;

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

export const meetingRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring, database } = app.deps;

  api.get('/cases/:caseId/meetings', {
    config: { permission: 'meeting.read' },
    schema: { tags: ['meetings'], params: CaseParams, response: { 200: MeetingList } },
  }, async (request) => listMeetings(accessOf(request), keyring, request.params.caseId));

  api.post('/cases/:caseId/meetings', {
    config: { permission: 'meeting.schedule' },
    schema: { tags: ['meetings'], params: CaseParams, body: MeetingCreate, response: { 201: MeetingView } },
  }, async (request, reply) =>
    reply.code(201).send(await createMeeting(accessOf(request), keyring, request.params.caseId, request.body, idempotencyKey(request))));

  api.patch('/cases/:caseId/meetings/:meetingId', {
    config: { permission: 'meeting.schedule' },
    schema: { tags: ['meetings'], params: MeetingParams, body: MeetingUpdate, response: { 200: MeetingView } },
  }, async (request) => changeMeeting(accessOf(request), keyring, request.params.caseId, request.params.meetingId, request.body));

  api.post('/cases/:caseId/meetings/:meetingId/minutes', {
    config: { permission: 'meeting.schedule' },
    schema: { tags: ['meetings'], params: MeetingParams, body: MeetingMinutes, response: { 200: MeetingView } },
  }, async (request) => recordMeetingMinutes(accessOf(request), keyring, request.params.caseId, request.params.meetingId, request.body));

  api.post('/cases/:caseId/meetings/:meetingId/cancel', {
    config: { permission: 'meeting.schedule' },
    schema: { tags: ['meetings'], params: MeetingParams, body: MeetingCancel, response: { 200: MeetingView } },
  }, async (request) => cancelScheduledMeeting(accessOf(request), keyring, request.params.caseId, request.params.meetingId, request.body.version));

  api.get('/cases/:caseId/meetings/:meetingId/calendar.ics', {
    config: { permission: 'meeting.read' },
    schema: { tags: ['meetings'], params: MeetingParams, produces: ['text/calendar'] },
  }, async (request, reply) => {
    const text = await meetingCalendar(accessOf(request), keyring, request.params.caseId, request.params.meetingId);
    return reply.type(CALENDAR_TYPE).header('cache-control', 'no-store').header('content-disposition', 'attachment; filename="sip-mote.ics"').send(text);
  });

  api.post('/calendar-feed', {
    config: { permission: 'authenticated' },
    schema: { tags: ['meetings'], response: { 201: CalendarFeedCreated } },
  }, async (request, reply) => reply.code(201).send(await createCalendarFeed(database.db, accessOf(request))));

  api.get('/calendar-feed', {
    config: { permission: 'authenticated' },
    schema: { tags: ['meetings'], response: { 200: CalendarFeedStatus } },
  }, async (request) => calendarFeedStatus(database.db, accessOf(request)));

  api.delete('/calendar-feed', {
    config: { permission: 'authenticated' },
    schema: { tags: ['meetings'] },
  }, async (request, reply) => {
    if (!(await revokeCalendarFeed(database.db, accessOf(request)))) throw new NotFoundError();
    return reply.code(204).send();
  });
};

/** The personal calendar feed: calendar apps cannot log in, so the secret address is the credential. */
export const calendarFeedRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring, database } = app.deps;

  api.get('/calendar/:token.ics', {
    config: { permission: 'public' },
    schema: { tags: ['meetings'], params: FeedParams, produces: ['text/calendar'] },
  }, async (request, reply) => {
    const owner = await feedOwner(database.db, request.params.token);
    if (!owner) throw new NotFoundError();
    // Calendar apps fetch every 15 minutes to a few hours; a leaked address being scraped is throttled.
    await hitRateLimit(database.db, `calendar-feed:${owner.userId}`, FEED_FETCHES_PER_HOUR, 3_600);
    const access = new AccessContext(database.db, {
      userId: owner.userId, organisationId: owner.organisationId, organisationType: owner.organisationType as OrganisationType,
      roles: owner.roles as Role[], name: owner.name, email: owner.email,
    }, request.id);
    return reply.type(CALENDAR_TYPE).header('cache-control', 'no-store').send(await personalCalendar(access, keyring));
  });
};
