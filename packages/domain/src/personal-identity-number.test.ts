import { describe, expect, it } from 'vitest';
import { ageOn, luhnValid, parseIdentityNumber } from './personal-identity-number';

// Check digits below were worked out by hand (Luhn over YYMMDDNNN), not by the code under test.
const midsummer2025 = new Date('2025-06-20T12:00:00Z');

describe('luhnValid', () => {
  it('accepts a correct check digit and rejects every other', () => {
    expect(luhnValid('1212121212')).toBe(true);
    for (const wrong of ['1212121210', '1212121211', '1212121213', '1212121219']) expect(luhnValid(wrong)).toBe(false);
  });
});

describe('parseIdentityNumber', () => {
  it('accepts the twelve-digit form with and without the hyphen', () => {
    for (const input of ['19121212-1212', '191212121212', ' 19121212 1212 ']) {
      expect(parseIdentityNumber(input, midsummer2025)).toEqual({
        valid: true, normalized: '191212121212', kind: 'personal_identity_number', birthDate: '1912-12-12',
      });
    }
  });

  it('places a ten-digit number with a hyphen in the last hundred years', () => {
    expect(parseIdentityNumber('121212-1212', midsummer2025)).toMatchObject({ valid: true, normalized: '201212121212', birthDate: '2012-12-12' });
    expect(parseIdentityNumber('1212121212', midsummer2025)).toMatchObject({ valid: true, normalized: '201212121212' });
    expect(parseIdentityNumber('991231-1231', midsummer2025)).toMatchObject({ valid: true, normalized: '199912311231', birthDate: '1999-12-31' });
  });

  it('reads "+" as someone who has turned one hundred', () => {
    expect(parseIdentityNumber('121212+1212', midsummer2025)).toMatchObject({ valid: true, normalized: '191212121212', birthDate: '1912-12-12' });
  });

  it('puts a short-form date later than today in the previous century', () => {
    // On 2025-06-20, 250615 has passed this year but a 99-year-old's 251231 has not: nobody is born in the future.
    expect(parseIdentityNumber('250615-1238', midsummer2025)).toMatchObject({ valid: true, birthDate: '2025-06-15' });
    expect(parseIdentityNumber('991231-1231', new Date('2099-06-20T12:00:00Z'))).toMatchObject({ valid: true, birthDate: '1999-12-31' });
    expect(parseIdentityNumber('080815-2342', new Date('2008-08-14T12:00:00Z'))).toMatchObject({ valid: true, birthDate: '1908-08-15' });
    expect(parseIdentityNumber('080815-2342', new Date('2008-08-15T12:00:00Z'))).toMatchObject({ valid: true, birthDate: '2008-08-15' });
  });

  it('refuses "+" together with a century', () => {
    expect(parseIdentityNumber('19121212+1212', midsummer2025)).toEqual({ valid: false, reason: 'format' });
  });

  it('recognises a coordination number by its day plus sixty', () => {
    expect(parseIdentityNumber('701063-2391', midsummer2025)).toEqual({
      valid: true, normalized: '197010632391', kind: 'coordination_number', birthDate: '1970-10-03',
    });
    expect(parseIdentityNumber('19701063-2391', midsummer2025)).toMatchObject({ valid: true, kind: 'coordination_number' });
  });

  it('rejects a wrong check digit', () => {
    expect(parseIdentityNumber('19121212-1213', midsummer2025)).toEqual({ valid: false, reason: 'checksum' });
    expect(parseIdentityNumber('701063-2390', midsummer2025)).toEqual({ valid: false, reason: 'checksum' });
  });

  it('rejects dates that do not exist, leap days included', () => {
    expect(parseIdentityNumber('20000229-1235', midsummer2025)).toMatchObject({ valid: true, birthDate: '2000-02-29' });
    expect(parseIdentityNumber('19000229-1235', midsummer2025)).toEqual({ valid: false, reason: 'date' });
    expect(parseIdentityNumber('19190229-1234', midsummer2025)).toEqual({ valid: false, reason: 'date' });
    expect(parseIdentityNumber('19121312-1212', midsummer2025)).toEqual({ valid: false, reason: 'date' });
    expect(parseIdentityNumber('19121200-1212', midsummer2025)).toEqual({ valid: false, reason: 'date' });
    expect(parseIdentityNumber('19120431-1212', midsummer2025)).toEqual({ valid: false, reason: 'date' });
    // Day 92 is a coordination number for the 32nd: no such day.
    expect(parseIdentityNumber('19121292-1212', midsummer2025)).toEqual({ valid: false, reason: 'date' });
  });

  it('rejects what is not a number of the right shape', () => {
    for (const input of ['', '1212121', '12121212121212', '191212-121', 'abcdef-1234', '19121212--1212', '1912121212a2', '121212/1212']) {
      expect(parseIdentityNumber(input, midsummer2025)).toEqual({ valid: false, reason: 'format' });
    }
  });
});

describe('ageOn', () => {
  it('counts whole years and turns on the birthday', () => {
    expect(ageOn('2007-06-20', new Date('2025-06-19T23:59:00Z'))).toBe(17);
    expect(ageOn('2007-06-20', new Date('2025-06-20T00:00:00Z'))).toBe(18);
    expect(ageOn('2007-06-20', new Date('2025-12-01T00:00:00Z'))).toBe(18);
    expect(ageOn('2007-06-20', new Date('2025-05-30T00:00:00Z'))).toBe(17);
  });
});
