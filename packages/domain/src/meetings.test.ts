import { describe, expect, it } from 'vitest';
import type { Actor, CaseFacts } from './access';
import type { ConsentFacts } from './consent';
import {
  MeetingCreate, MeetingMinutes, MeetingUpdate, attendeesNotOnTeam, canChangeMeeting, canReadMeetingText, canScheduleMeetings, canSeeMeetings,
  meetingDatesInOrder,
} from './meetings';

const municipality = 'org-municipality';
const region = 'org-region';
const association = 'org-association';
const now = new Date('2025-03-10T12:00:00Z');

const actor = (userId: string, organisationId: string, roles: Actor['roles'] = ['team_member']): Actor =>
  ({ userId, organisationId, organisationType: organisationId === region ? 'region' : organisationId === association ? 'civil_society' : 'municipality', roles });

const healthConsent: ConsentFacts = {
  recipientOrganisationId: region, categories: ['health'], excludedCategories: [], validFrom: '2025-01-01', validUntil: null, withdrawnAt: null,
};

const facts = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  ownerOrganisationId: municipality,
  coordinatorUserId: 'coordinator',
  team: [
    { userId: 'social-worker', organisationId: municipality, teamRole: 'team_member' },
    { userId: 'nurse', organisationId: region, teamRole: 'team_member' },
    { userId: 'police', organisationId: 'org-police', teamRole: 'team_member' },
    { userId: 'support', organisationId: association, teamRole: 'support_person' },
    { userId: 'mentor', organisationId: association, teamRole: 'mentor' },
  ],
  consents: [healthConsent],
  emergencyAccessUntil: null,
  ...overrides,
});

const meeting = { startsAt: '2025-04-01T09:00:00+02:00', endsAt: '2025-04-01T10:30:00+02:00', participantAttends: true, attendeeUserIds: [], agenda: 'Uppföljning' };

describe('meeting schemas', () => {
  it('accepts a meeting that ends after it starts', () => {
    expect(MeetingCreate.safeParse(meeting).success).toBe(true);
    expect(MeetingUpdate.safeParse({ ...meeting, version: 1, place: 'Socialkontoret' }).success).toBe(true);
  });

  it('names the rule when the dates are out of order', () => {
    for (const endsAt of ['2025-04-01T09:00:00+02:00', '2025-04-01T08:00:00+02:00']) {
      const result = MeetingCreate.safeParse({ ...meeting, endsAt });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toContain('dates_out_of_order');
    }
    expect(meetingDatesInOrder('2025-04-01T10:00:00Z', '2025-04-01T09:59:59Z')).toBe(false);
  });

  it('refuses repeated attendees, dates without a time and minutes without text', () => {
    const id = '4b7c6a0e-1f1d-4a55-8f0a-3c0f7e1a2b3c';
    expect(MeetingCreate.safeParse({ ...meeting, attendeeUserIds: [id, id] }).success).toBe(false);
    expect(MeetingCreate.safeParse({ ...meeting, startsAt: '2025-04-01' }).success).toBe(false);
    expect(MeetingMinutes.safeParse({ version: 1, text: '  ', outcomes: [] }).success).toBe(false);
    expect(MeetingMinutes.safeParse({ version: 1, text: 'Protokoll', outcomes: [{ text: 'Nytt mål', planChange: true }] }).success).toBe(true);
  });
});

describe('who sees meetings', () => {
  it('shows meetings to support persons and mentors without consent, but not their agendas', () => {
    for (const userId of ['support', 'mentor']) {
      expect(canSeeMeetings(actor(userId, association), facts(), now)).toBe(true);
      expect(canReadMeetingText(actor(userId, association), facts(), now)).toBe(false);
      expect(canScheduleMeetings(actor(userId, association), facts(), now)).toBe(false);
    }
  });

  it('hides everything from an external team member without consent', () => {
    expect(canSeeMeetings(actor('police', 'org-police'), facts(), now)).toBe(false);
    expect(canReadMeetingText(actor('police', 'org-police'), facts(), now)).toBe(false);
  });

  it('lets a consented external member read the text but not schedule', () => {
    expect(canSeeMeetings(actor('nurse', region), facts(), now)).toBe(true);
    expect(canReadMeetingText(actor('nurse', region), facts(), now)).toBe(true);
    expect(canScheduleMeetings(actor('nurse', region), facts(), now)).toBe(false);
  });

  it('lets the coordinator and the owning team schedule, and ends a removed member\'s view at once', () => {
    expect(canScheduleMeetings(actor('coordinator', municipality, ['coordinator']), facts(), now)).toBe(true);
    expect(canScheduleMeetings(actor('social-worker', municipality), facts(), now)).toBe(true);
    const withoutSupport = facts({ team: facts().team.filter((member) => member.userId !== 'support') });
    expect(canSeeMeetings(actor('support', association), withoutSupport, now)).toBe(false);
  });
});

describe('attendees and status', () => {
  it('finds attendees who are not on the team', () => {
    expect(attendeesNotOnTeam(facts(), ['coordinator', 'nurse', 'support'])).toEqual([]);
    expect(attendeesNotOnTeam(facts(), ['nurse', 'stranger'])).toEqual(['stranger']);
  });

  it('changes only scheduled meetings', () => {
    expect(canChangeMeeting('scheduled')).toBe(true);
    expect(canChangeMeeting('held')).toBe(false);
    expect(canChangeMeeting('cancelled')).toBe(false);
  });
});
