import { describe, expect, it } from 'vitest';
import type { Actor } from './access';
import {
  ScreeningCreate, canScreen, entryChannelOfSetting, followUpViolation, screeningOutcome, type ScreeningAnswer, type ScreeningAnswers, type ScreeningQuestion,
} from './screening';

const answers = (overrides: Partial<Record<ScreeningQuestion, ScreeningAnswer>> = {}): ScreeningAnswers => ({
  given_something_for_sex: 'no', pressured_or_threatened: 'no', controlled_by_someone: 'no', images_spread: 'no', owes_someone: 'no', wants_help: 'no',
  ...overrides,
});

describe('the outcome of the routine questions', () => {
  it('is no indication when every answer is no or unanswered, whatever the person wants', () => {
    expect(screeningOutcome(answers(), false)).toEqual({ indication: 'no_indication', nextStep: 'none' });
    expect(screeningOutcome(answers({ wants_help: 'yes', images_spread: 'not_answered' }), true)).toEqual({ indication: 'no_indication', nextStep: 'none' });
  });

  it('is a possible exploitation for one yes or an uncertain answer, and offers an adult a referral', () => {
    expect(screeningOutcome(answers({ owes_someone: 'yes' }), false)).toEqual({ indication: 'possible_exploitation', nextStep: 'offer_referral' });
    expect(screeningOutcome(answers({ images_spread: 'unsure' }), false)).toEqual({ indication: 'possible_exploitation', nextStep: 'offer_referral' });
    expect(screeningOutcome(answers({ given_something_for_sex: 'yes' }), false).indication).toBe('possible_exploitation');
  });

  it('is a clear indication for coercion or control, or two yeses', () => {
    expect(screeningOutcome(answers({ pressured_or_threatened: 'yes' }), false).indication).toBe('clear_indication');
    expect(screeningOutcome(answers({ controlled_by_someone: 'yes' }), false).indication).toBe('clear_indication');
    expect(screeningOutcome(answers({ images_spread: 'yes', owes_someone: 'yes' }), false).indication).toBe('clear_indication');
  });

  it('for a child: being given something for sex is clear, and any indication means a report of concern', () => {
    expect(screeningOutcome(answers({ given_something_for_sex: 'yes' }), true)).toEqual({ indication: 'clear_indication', nextStep: 'report_of_concern' });
    expect(screeningOutcome(answers({ owes_someone: 'unsure' }), true)).toEqual({ indication: 'possible_exploitation', nextStep: 'report_of_concern' });
  });
});

describe('the step that follows', () => {
  const childWithSigns = screeningOutcome(answers({ images_spread: 'yes' }), true);
  const adultWithSigns = screeningOutcome(answers({ images_spread: 'yes' }), false);
  const none = screeningOutcome(answers(), false);

  it('must be a report of concern for a child with any indication', () => {
    expect(followUpViolation(childWithSigns, true, null)).toBe('report_of_concern_required');
    expect(followUpViolation(childWithSigns, true, { kind: 'program_referral', personAgrees: true })).toBe('report_of_concern_required');
    expect(followUpViolation(childWithSigns, true, { kind: 'report_of_concern', municipalityCode: '1880' })).toBeNull();
  });

  it('is a referral or nothing for an adult, and nothing without an indication', () => {
    expect(followUpViolation(adultWithSigns, false, null)).toBeNull();
    expect(followUpViolation(adultWithSigns, false, { kind: 'program_referral', personAgrees: true })).toBeNull();
    expect(followUpViolation(adultWithSigns, false, { kind: 'report_of_concern', municipalityCode: '1880' })).toBe('report_of_concern_only_for_child');
    expect(followUpViolation(none, false, { kind: 'program_referral', personAgrees: true })).toBe('referral_without_indication');
    expect(followUpViolation(screeningOutcome(answers(), true), true, { kind: 'program_referral', personAgrees: true })).toBe('referral_for_child');
  });

  it('needs the person\'s yes for a referral', () => {
    const body = { setting: 'healthcare', isChild: false, answers: answers({ owes_someone: 'yes' }) };
    expect(ScreeningCreate.safeParse({ ...body, followUp: { kind: 'program_referral', personAgrees: false } }).success).toBe(false);
    expect(ScreeningCreate.safeParse({ ...body, followUp: { kind: 'program_referral', personAgrees: true } }).success).toBe(true);
  });
});

describe('screening', () => {
  it('counts as an identification through the channel where it was asked', () => {
    expect(entryChannelOfSetting('youth_clinic')).toBe('youth_clinic');
    expect(entryChannelOfSetting('social_services')).toBe('social_services');
  });

  it('is done by intake staff, team members and coordinators', () => {
    const actor = (roles: Actor['roles']): Actor => ({ userId: 'u', organisationId: 'o', organisationType: 'region', roles });
    expect(canScreen(actor(['team_member']))).toBe(true);
    expect(canScreen(actor(['analyst', 'org_admin']))).toBe(false);
  });
});
