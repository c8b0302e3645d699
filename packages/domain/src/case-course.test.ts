import { describe, expect, it } from 'vitest';
import { canEditCase } from './access';
import {
  CaseTransitionRequest, ClosingReason, EntryChannel, allowedTransitions, applyTransition, canChangeCaseCourse, courseStages, transitionKind,
  type TransitionRequest,
} from './case-course';
import { CaseCreate, CaseStatus } from './cases';

const today = '2026-11-22';
const pause = { reason: 'Vill ta en paus under sommaren.', checkInOn: '2026-12-01' };
const close = { closingReason: 'goals_reached' as const };

/** The extras a transition of each kind needs to pass. */
function complete(from: CaseStatus, to: CaseStatus): TransitionRequest {
  const kind = transitionKind(from, to);
  if (kind === 'pause') return { to, ...pause };
  if (kind === 'close') return { to, ...close };
  return { to };
}

/** Every edge of the state machine, written out: a change to it shows up here. */
const edges: Record<CaseStatus, CaseStatus[]> = {
  contact: ['assessment', 'paused', 'closed'],
  assessment: ['planning', 'paused', 'closed'],
  planning: ['active', 'paused', 'closed'],
  active: ['follow_up', 'paused', 'closed'],
  follow_up: ['paused', 'closed'],
  paused: ['contact', 'assessment', 'planning', 'active', 'follow_up', 'closed'],
  closed: ['contact', 'assessment', 'planning', 'active', 'follow_up'],
};

describe('the case course', () => {
  it('lists exactly the allowed transitions from every status, in the order of the course', () => {
    for (const status of CaseStatus.options) {
      expect(allowedTransitions(status).map((transition) => transition.to), status).toEqual(edges[status]);
    }
  });

  it('names the kind of each transition', () => {
    expect(transitionKind('contact', 'assessment')).toBe('advance');
    expect(transitionKind('follow_up', 'closed')).toBe('close');
    expect(transitionKind('planning', 'paused')).toBe('pause');
    expect(transitionKind('paused', 'active')).toBe('resume');
    expect(transitionKind('paused', 'closed')).toBe('close');
    expect(transitionKind('closed', 'assessment')).toBe('reopen');
    expect(transitionKind('active', 'active')).toBeNull();
    expect(transitionKind('active', 'planning')).toBeNull();
  });

  it('accepts every allowed transition with what it needs, and refuses every other pair', () => {
    for (const from of CaseStatus.options) {
      for (const to of CaseStatus.options) {
        const outcome = applyTransition(from, complete(from, to), today);
        if (edges[from].includes(to)) expect(outcome, `${from} → ${to}`).toEqual({ ok: true, status: to, kind: transitionKind(from, to) });
        else expect(outcome, `${from} → ${to}`).toEqual({ ok: false, violation: 'transition_not_allowed' });
      }
    }
  });

  it('runs forward one stage at a time, never skipping or going back', () => {
    expect(courseStages).toEqual(['contact', 'assessment', 'planning', 'active', 'follow_up']);
    expect(applyTransition('contact', { to: 'planning' }, today)).toEqual({ ok: false, violation: 'transition_not_allowed' });
    expect(applyTransition('active', { to: 'assessment' }, today)).toEqual({ ok: false, violation: 'transition_not_allowed' });
    expect(applyTransition('active', { to: 'active' }, today)).toEqual({ ok: false, violation: 'transition_not_allowed' });
  });

  it('pauses only with a reason and a planned check-in that is not in the past', () => {
    expect(applyTransition('active', { to: 'paused', checkInOn: '2026-12-01' }, today)).toEqual({ ok: false, violation: 'pause_requires_reason' });
    expect(applyTransition('active', { to: 'paused', reason: '   ', checkInOn: '2026-12-01' }, today)).toEqual({ ok: false, violation: 'pause_requires_reason' });
    expect(applyTransition('active', { to: 'paused', reason: pause.reason }, today)).toEqual({ ok: false, violation: 'pause_requires_check_in' });
    expect(applyTransition('active', { to: 'paused', reason: pause.reason, checkInOn: '2026-11-21' }, today)).toEqual({ ok: false, violation: 'check_in_in_past' });
    expect(applyTransition('active', { to: 'paused', reason: pause.reason, checkInOn: today }, today)).toEqual({ ok: true, status: 'paused', kind: 'pause' });
    expect(applyTransition('paused', { to: 'paused', ...pause }, today)).toEqual({ ok: false, violation: 'transition_not_allowed' });
    expect(applyTransition('closed', { to: 'paused', ...pause }, today)).toEqual({ ok: false, violation: 'transition_not_allowed' });
  });

  it('closes only with a closing reason, and "other" only with a note', () => {
    for (const from of ['contact', 'assessment', 'planning', 'active', 'follow_up', 'paused'] as const) {
      expect(applyTransition(from, { to: 'closed' }, today)).toEqual({ ok: false, violation: 'close_requires_reason' });
      for (const closingReason of ClosingReason.options.filter((r) => r !== 'other')) {
        expect(applyTransition(from, { to: 'closed', closingReason }, today)).toEqual({ ok: true, status: 'closed', kind: 'close' });
      }
    }
    expect(applyTransition('active', { to: 'closed', closingReason: 'other' }, today)).toEqual({ ok: false, violation: 'closing_other_requires_note' });
    expect(applyTransition('active', { to: 'closed', closingReason: 'other', reason: 'Flyttar utomlands.' }, today)).toEqual({ ok: true, status: 'closed', kind: 'close' });
    expect(applyTransition('closed', { to: 'closed', ...close }, today)).toEqual({ ok: false, violation: 'transition_not_allowed' });
  });

  it('refuses a check-in or a closing reason on a transition that has no use for it', () => {
    expect(applyTransition('contact', { to: 'assessment', checkInOn: '2026-12-01' }, today)).toEqual({ ok: false, violation: 'check_in_only_when_pausing' });
    expect(applyTransition('active', { to: 'closed', closingReason: 'moved', checkInOn: '2026-12-01' }, today)).toEqual({ ok: false, violation: 'check_in_only_when_pausing' });
    expect(applyTransition('contact', { to: 'assessment', closingReason: 'moved' }, today)).toEqual({ ok: false, violation: 'closing_reason_only_when_closing' });
    expect(applyTransition('active', { to: 'paused', ...pause, closingReason: 'moved' }, today)).toEqual({ ok: false, violation: 'closing_reason_only_when_closing' });
  });

  it('lets a paused case come back, and a closed one reopen, at any stage of the course', () => {
    for (const stage of courseStages) {
      expect(applyTransition('paused', { to: stage }, today)).toEqual({ ok: true, status: stage, kind: 'resume' });
      expect(applyTransition('closed', { to: stage, reason: 'Personen har hört av sig igen.' }, today)).toEqual({ ok: true, status: stage, kind: 'reopen' });
    }
  });

  it('is changed by the same people who may edit the case', () => {
    expect(canChangeCaseCourse).toBe(canEditCase);
  });
});

describe('the schemas of the course', () => {
  it('know every entry channel and take one, or none, on a new case', () => {
    // The twelve ways in that the issue names, and social services' own screening.
    expect(EntryChannel.options).toHaveLength(13);
    expect(EntryChannel.options).toContain('social_services');
    const base = { program: 'exit_program', participant: { alias: 'Vinter' } };
    expect(CaseCreate.safeParse({ ...base, entryChannel: 'youth_clinic' }).success).toBe(true);
    expect(CaseCreate.safeParse(base).success).toBe(true);
    expect(CaseCreate.safeParse({ ...base, entryChannel: 'friend' }).success).toBe(false);
  });

  it('validate a transition request strictly', () => {
    expect(CaseTransitionRequest.safeParse({ version: 1, to: 'assessment' }).success).toBe(true);
    expect(CaseTransitionRequest.safeParse({ version: 1, to: 'paused', reason: 'Paus', checkInOn: '2026-12-01' }).success).toBe(true);
    expect(CaseTransitionRequest.safeParse({ version: 1, to: 'assessment', status: 'closed' }).success).toBe(false);
    expect(CaseTransitionRequest.safeParse({ version: 0, to: 'assessment' }).success).toBe(false);
    expect(CaseTransitionRequest.safeParse({ version: 1, to: 'finished' }).success).toBe(false);
    expect(CaseTransitionRequest.safeParse({ version: 1, to: 'paused', reason: 'Paus', checkInOn: '1 december' }).success).toBe(false);
    expect(CaseTransitionRequest.safeParse({ version: 1, to: 'closed', closingReason: 'bored' }).success).toBe(false);
  });
});
