/**
 * Meeting outcomes that become plan changes, over HTTP against a real database: the pending list and who
 * may see it, carrying an outcome into the draft (provenance on the version and on the meeting), dismissing
 * one with a reason, optimistic concurrency, idempotency, bad input, encryption at rest and the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let coordinator: TestUser;
let colleague: TestUser;
let nurse: TestUser;
let outsider: TestUser;

const housing = 'Deltagaren ska få ett eget förstahandskontrakt';
const notAChange = 'Nästa möte i maj';
const debt = 'Kontakt med budget- och skuldrådgivningen';
const reason = 'Skuldrådgivningen är redan ordnad via Kronofogden';


const put = (user: TestUser, url: string, payload: unknown) =>
  env.app.inject({ method: 'PUT', url, payload: payload as Record<string, unknown>, headers: { authorization: `Bearer ${user.token}` } });

const inDays = (days: number, hour: number) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
};

const goal = (professionalWords: string, id: string = randomUUID()) => ({
  id, lifeArea: 'protection_housing', participantWords: 'Jag vill bo för mig själv', professionalWords, actions: [],
});

interface Pending { meetingId: string; outcomeIndex: number; meetingStartsAt: string; text: string }

/** A case whose team has a colleague and a region nurse with consent to health only; the outsider is on no team. */
async function newCase(): Promise<string> {
  const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase('Lönn'));
  expectStatus(created, 201);
  const base: string = `/api/v1/cases/${created.json().id}`;
  expectStatus(await as(env, coordinator).post(`${base}/consents`, {
    recipientOrganisationId: nurse.organisationId, categories: ['health'], purposes: ['care_planning'], form: 'written', givenOn: today(),
  }), 201);
  for (const user of [colleague, nurse]) expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: user.id, teamRole: 'team_member' }), 201);
  return base;
}

/** A held meeting whose minutes carry two plan changes and one outcome that is not. */
async function heldMeeting(base: string, days = -7): Promise<{ id: string; startsAt: string }> {
  const startsAt = inDays(days, 8);
  const created = await as(env, coordinator).post(`${base}/meetings`, {
    startsAt, endsAt: inDays(days, 10), participantAttends: true, attendeeUserIds: [colleague.id], agenda: 'Boende och ekonomi',
  });
  expectStatus(created, 201);
  const held = await as(env, coordinator).post(`${base}/meetings/${created.json().id}/minutes`, {
    version: created.json().version, text: 'Vi gick igenom boendet och skulderna.',
    outcomes: [{ text: housing, planChange: true }, { text: notAChange, planChange: false }, { text: debt, planChange: true }],
  });
  expectStatus(held, 200);
  return { id: created.json().id, startsAt };
}

async function pending(base: string, user = coordinator): Promise<Pending[]> {
  const response = await as(env, user).get(`${base}/plan/pending-changes`);
  expectStatus(response, 200);
  return response.json().outcomes;
}

async function startDraft(base: string): Promise<{ number: number; version: number }> {
  const response = await as(env, coordinator).post(`${base}/plan/versions`, {}, { 'idempotency-key': `draft-${randomUUID()}` });
  expectStatus(response, 201);
  return response.json();
}

beforeAll(async () => {
  env = await testEnv();
  const municipalityId = await organisations.municipality(env);
  coordinator = await makeUser(env, municipalityId, ['coordinator']);
  colleague = await makeUser(env, municipalityId, ['team_member']);
  nurse = await makeUser(env, await organisations.region(env), ['team_member']);
  outsider = await makeUser(env, await organisations.civilSociety(env), ['team_member']);
});
afterAll(async () => { await env?.close(); });

describe('pending plan changes', () => {
  it('lists the plan-change outcomes of held meetings with the meeting\'s date, and audits the read', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    // A scheduled meeting has no outcomes yet.
    expectStatus(await as(env, coordinator).post(`${base}/meetings`, {
      startsAt: inDays(3, 8), endsAt: inDays(3, 9), participantAttends: false, attendeeUserIds: [], agenda: 'Uppföljning',
    }), 201);
    expect(await pending(base)).toEqual([
      { meetingId: meeting.id, outcomeIndex: 0, meetingStartsAt: meeting.startsAt, text: housing },
      { meetingId: meeting.id, outcomeIndex: 2, meetingStartsAt: meeting.startsAt, text: debt },
    ]);
    const events = await env.database.db.selectFrom('auditEvents').select(['action', 'actorUserId'])
      .where('action', '=', 'plan.pending_changes.read').where('actorUserId', '=', coordinator.id).execute();
    expect(events.length).toBeGreaterThan(0);
  });

  it('hides them from a team member whom consent shows only part of the plan, and from someone outside the case', async () => {
    const base = await newCase();
    await heldMeeting(base);
    const seenByNurse = await as(env, nurse).get(`${base}/plan/pending-changes`);
    expectStatus(seenByNurse, 403);
    expect(seenByNurse.body).not.toContain(housing);
    const seenByOutsider = await as(env, outsider).get(`${base}/plan/pending-changes`);
    expectStatus(seenByOutsider, 404);
    expect(seenByOutsider.body).not.toContain(housing);
  });

  it('offers a new draft from a meeting only to those who edit the plan, and only while there is no draft', async () => {
    const base = await newCase();
    await heldMeeting(base);
    expect((await as(env, coordinator).get(`${base}/meetings`)).json().canStartPlanDraft).toBe(true);
    expect((await as(env, nurse).get(`${base}/meetings`)).json().canStartPlanDraft).toBe(false);
    await startDraft(base);
    expect((await as(env, coordinator).get(`${base}/meetings`)).json().canStartPlanDraft).toBe(false);
  });
});

describe('carrying an outcome into the draft', () => {
  it('records the outcome as taken up by the version: provenance on the plan and on the meeting, kept once agreed', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    const draft = await startDraft(base);
    const carried = goal(housing);
    const saved = await put(coordinator, `${base}/plan/versions/${draft.number}`, {
      version: draft.version, content: { followUpOn: today(), goals: [carried] }, carriedOutcomes: [{ meetingId: meeting.id, outcomeIndex: 0, goalId: carried.id }],
    });
    expectStatus(saved, 200);
    expect(saved.json().fromMeetings).toEqual([{ meetingId: meeting.id, outcomeIndex: 0, meetingStartsAt: meeting.startsAt, text: housing, goalId: carried.id, actionId: null }]);
    expect((await pending(base)).map((outcome) => outcome.outcomeIndex)).toEqual([2]);

    const meetings = (await as(env, coordinator).get(`${base}/meetings`)).json().meetings;
    expect(meetings[0].outcomeDecisions).toMatchObject([{ outcomeIndex: 0, planNumber: draft.number, dismissedReason: null }]);

    const agreed = await as(env, coordinator).post(`${base}/plan/versions/${draft.number}/agree`, { version: saved.json().version, agreedOn: today(), agreementForm: 'in_meeting' });
    expectStatus(agreed, 200);
    expect(agreed.json().fromMeetings).toMatchObject([{ text: housing, goalId: carried.id }]);
    // The current plan, as the case and plan pages read it, shows the same origin.
    const current = await as(env, coordinator).get(`${base}/plan`);
    expectStatus(current, 200);
    expect(current.json().plan.fromMeetings).toMatchObject([{ text: housing, goalId: carried.id }]);

    // The nurse reads the plan, but not the meeting plan changes, which no life area hides.
    const seenByNurse = await as(env, nurse).get(`${base}/plan/versions/${draft.number}`);
    expectStatus(seenByNurse, 200);
    expect(seenByNurse.json().fromMeetings).toEqual([]);

    // The next draft keeps the goal and where it came from; the outcome is not taken up again.
    const next = await startDraft(base);
    expect((await as(env, coordinator).get(`${base}/plan/versions/${next.number}`)).json().fromMeetings).toMatchObject([{ text: housing, goalId: carried.id }]);
    const again = goal(housing);
    const twice = await put(coordinator, `${base}/plan/versions/${next.number}`, {
      version: next.version, content: { followUpOn: today(), goals: [carried, again] }, carriedOutcomes: [{ meetingId: meeting.id, outcomeIndex: 0, goalId: again.id }],
    });
    expectStatus(twice, 409);
    expect(twice.json().error.code).toBe('outcome_already_decided');
    expect((await as(env, coordinator).get(`${base}/plan/versions/${next.number}`)).json().version).toBe(next.version);
  });

  it('takes an outcome up as an action under a goal the plan already has, follows it when moved, and lets it go with the action', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    const draft = await startDraft(base);
    const action = (description: string, id: string = randomUUID()) => ({
      id, description, responsibleOrganisationId: coordinator.organisationId, responsibleUserId: null, startOn: today(), endOn: null, status: 'planned', followUpOn: today(),
    });
    const existing = action('Söka bostad via kommunens förmedling');
    const fromMeeting = action(debt);
    const economy = { ...goal('Ordnad ekonomi'), lifeArea: 'debt', actions: [existing] };
    const url = `${base}/plan/versions/${draft.number}`;
    const carry = { meetingId: meeting.id, outcomeIndex: 2, goalId: economy.id, actionId: fromMeeting.id };

    const missing = await put(coordinator, url, { version: draft.version, content: { followUpOn: today(), goals: [economy] }, carriedOutcomes: [carry] });
    expectStatus(missing, 400);
    expect(missing.json().error, missing.body).toMatchObject({ code: 'carried_outcome_invalid', details: { problems: ['action_missing'] } });

    // First as a goal of its own, then moved to an action under the economy goal: the record follows.
    const asGoal = goal(debt);
    const first = await put(coordinator, url, {
      version: draft.version, content: { followUpOn: today(), goals: [economy, asGoal] }, carriedOutcomes: [{ meetingId: meeting.id, outcomeIndex: 2, goalId: asGoal.id }],
    });
    expectStatus(first, 200);
    expect(first.json().fromMeetings).toMatchObject([{ outcomeIndex: 2, goalId: asGoal.id, actionId: null }]);
    const withAction = { ...economy, actions: [existing, fromMeeting] };
    const saved = await put(coordinator, url, { version: first.json().version, content: { followUpOn: today(), goals: [withAction, asGoal] }, carriedOutcomes: [carry] });
    expectStatus(saved, 200);
    expect(saved.json().fromMeetings).toEqual([{ meetingId: meeting.id, outcomeIndex: 2, meetingStartsAt: meeting.startsAt, text: debt, goalId: economy.id, actionId: fromMeeting.id }]);
    expect((await pending(base)).map((outcome) => outcome.outcomeIndex)).toEqual([0]);

    // Removing the action, with its goal kept, lets the outcome go back to pending.
    const removed = await put(coordinator, url, { version: saved.json().version, content: { followUpOn: today(), goals: [economy, asGoal] } });
    expectStatus(removed, 200);
    expect(removed.json().fromMeetings).toEqual([]);
    expect((await pending(base)).map((outcome) => outcome.outcomeIndex)).toEqual([0, 2]);

    // Taken up again and agreed, the next draft keeps the action and where it came from.
    const again = await put(coordinator, url, { version: removed.json().version, content: { followUpOn: today(), goals: [withAction] }, carriedOutcomes: [carry] });
    expectStatus(again, 200);
    expectStatus(await as(env, coordinator).post(`${url}/agree`, { version: again.json().version, agreedOn: today(), agreementForm: 'in_meeting' }), 200);
    const next = await startDraft(base);
    expect((await as(env, coordinator).get(`${base}/plan/versions/${next.number}`)).json().fromMeetings)
      .toMatchObject([{ text: debt, goalId: economy.id, actionId: fromMeeting.id }]);
  });

  it('answers 409 to a stale carry and changes nothing', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    const draft = await startDraft(base);
    expectStatus(await put(colleague, `${base}/plan/versions/${draft.number}`, { version: draft.version, content: { followUpOn: today(), goals: [goal('Annat mål')] } }), 200);
    const carried = goal(housing);
    const stale = await put(coordinator, `${base}/plan/versions/${draft.number}`, {
      version: draft.version, content: { followUpOn: today(), goals: [carried] }, carriedOutcomes: [{ meetingId: meeting.id, outcomeIndex: 0, goalId: carried.id }],
    });
    expectStatus(stale, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: draft.version + 1 } });
    expect((await pending(base)).map((outcome) => outcome.outcomeIndex)).toEqual([0, 2]);
  });

  it('lets the outcome go back to pending when its goal is removed from the draft', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    const draft = await startDraft(base);
    const carried = goal(housing);
    const saved = await put(coordinator, `${base}/plan/versions/${draft.number}`, {
      version: draft.version, content: { followUpOn: today(), goals: [carried] }, carriedOutcomes: [{ meetingId: meeting.id, outcomeIndex: 0, goalId: carried.id }],
    });
    expectStatus(saved, 200);
    // Saving again without naming it keeps what the draft already took up.
    const kept = await put(coordinator, `${base}/plan/versions/${draft.number}`, { version: saved.json().version, content: { followUpOn: today(), goals: [carried] } });
    expectStatus(kept, 200);
    expect(kept.json().fromMeetings).toHaveLength(1);
    const removed = await put(coordinator, `${base}/plan/versions/${draft.number}`, { version: kept.json().version, content: { followUpOn: today(), goals: [] } });
    expectStatus(removed, 200);
    expect(removed.json().fromMeetings).toEqual([]);
    expect((await pending(base)).map((outcome) => outcome.outcomeIndex)).toEqual([0, 2]);
  });

  it('names the rule for an outcome that is not a plan change, or a goal that is not in the plan, and stores nothing', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    const draft = await startDraft(base);
    const carried = goal(notAChange);
    const notPlanChange = await put(coordinator, `${base}/plan/versions/${draft.number}`, {
      version: draft.version, content: { followUpOn: today(), goals: [carried] }, carriedOutcomes: [{ meetingId: meeting.id, outcomeIndex: 1, goalId: carried.id }],
    });
    expectStatus(notPlanChange, 400);
    expect(notPlanChange.json().error.code).toBe('outcome_not_plan_change');
    const otherCase = await newCase();
    const foreign = await heldMeeting(otherCase);
    const fromAnotherCase = await put(coordinator, `${base}/plan/versions/${draft.number}`, {
      version: draft.version, content: { followUpOn: today(), goals: [carried] }, carriedOutcomes: [{ meetingId: foreign.id, outcomeIndex: 0, goalId: carried.id }],
    });
    expectStatus(fromAnotherCase, 400);
    const noGoal = await put(coordinator, `${base}/plan/versions/${draft.number}`, {
      version: draft.version, content: { followUpOn: today(), goals: [] }, carriedOutcomes: [{ meetingId: meeting.id, outcomeIndex: 0, goalId: carried.id }],
    });
    expectStatus(noGoal, 400);
    expect(noGoal.json().error).toMatchObject({ code: 'carried_outcome_invalid', details: { problems: ['goal_missing'] } });
    const plan = (await as(env, coordinator).get(`${base}/plan`)).json().plan;
    expect(plan).toMatchObject({ version: draft.version, content: { goals: [] }, fromMeetings: [] });
    expect(await pending(otherCase)).toHaveLength(2);
  });
});

describe('dismissing an outcome', () => {
  it('sets it aside with an encrypted reason through the draft\'s version, idempotently', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    const draft = await startDraft(base);
    const key = { 'idempotency-key': `dismiss-${randomUUID()}` };
    const body = { version: draft.version, meetingId: meeting.id, outcomeIndex: 2, reason };
    const dismissed = await as(env, coordinator).post(`${base}/plan/versions/${draft.number}/dismissals`, body, key);
    expectStatus(dismissed, 200);
    expect(dismissed.json()).toMatchObject({ number: draft.number, version: draft.version + 1, status: 'draft' });
    expect((await pending(base)).map((outcome) => outcome.outcomeIndex)).toEqual([0]);

    const replayed = await as(env, coordinator).post(`${base}/plan/versions/${draft.number}/dismissals`, body, key);
    expectStatus(replayed, 200);
    expect(replayed.json().version).toBe(draft.version + 1);
    const repeated = await as(env, coordinator).post(`${base}/plan/versions/${draft.number}/dismissals`, body);
    expectStatus(repeated, 200);
    expect(repeated.json().version).toBe(draft.version + 1);

    const meetings = (await as(env, coordinator).get(`${base}/meetings`)).json().meetings;
    expect(meetings[0].outcomeDecisions).toMatchObject([{ outcomeIndex: 2, planNumber: null, dismissedReason: reason }]);
    const stored = await env.database.db.selectFrom('meetingOutcomeDispositions').selectAll().where('meetingId', '=', meeting.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.dismissedReason!).toString('latin1')).not.toContain(reason.slice(0, 12));

    // A dismissed outcome is not taken up later.
    const carried = goal(debt);
    const carry = await put(coordinator, `${base}/plan/versions/${draft.number}`, {
      version: draft.version + 1, content: { followUpOn: today(), goals: [carried] }, carriedOutcomes: [{ meetingId: meeting.id, outcomeIndex: 2, goalId: carried.id }],
    });
    expectStatus(carry, 409);
    expect(carry.json().error.code).toBe('outcome_already_decided');
  });

  it('answers 409 to a stale dismissal, refuses an empty reason, and keeps the outcome pending', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    const draft = await startDraft(base);
    expectStatus(await put(colleague, `${base}/plan/versions/${draft.number}`, { version: draft.version, content: { followUpOn: today(), goals: [] } }), 200);
    const stale = await as(env, coordinator).post(`${base}/plan/versions/${draft.number}/dismissals`, { version: draft.version, meetingId: meeting.id, outcomeIndex: 0, reason });
    expectStatus(stale, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: draft.version + 1 } });
    const empty = await as(env, coordinator).post(`${base}/plan/versions/${draft.number}/dismissals`, { version: draft.version + 1, meetingId: meeting.id, outcomeIndex: 0, reason: ' ' });
    expectStatus(empty, 400);
    expect((await pending(base)).map((outcome) => outcome.outcomeIndex)).toEqual([0, 2]);
  });

  it('is for those who edit the plan: the nurse cannot dismiss', async () => {
    const base = await newCase();
    const meeting = await heldMeeting(base);
    const draft = await startDraft(base);
    const response = await as(env, nurse).post(`${base}/plan/versions/${draft.number}/dismissals`, { version: draft.version, meetingId: meeting.id, outcomeIndex: 0, reason });
    expectStatus(response, 403);
    expect((await pending(base)).map((outcome) => outcome.outcomeIndex)).toEqual([0, 2]);
  });
});
