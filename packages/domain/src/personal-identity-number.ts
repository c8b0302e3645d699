/**
 * Swedish personnummer and samordningsnummer (coordination number): format, date and the
 * Luhn check digit. Accepted forms: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN.
 */
export type IdentityNumberKind = 'personal_identity_number' | 'coordination_number';

export type IdentityNumberResult =
  | { valid: true; normalized: string; kind: IdentityNumberKind; birthDate: string }
  | { valid: false; reason: 'format' | 'date' | 'checksum' };

const pattern = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

/** Luhn sum over the ten digits YYMMDDNNNC; valid when the sum is a multiple of ten. */
export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let digit = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Validates and normalises to twelve digits (YYYYMMDDNNNN). `today` decides the century of short forms. */
export function parseIdentityNumber(input: string, today: Date = new Date()): IdentityNumberResult {
  const match = pattern.exec(input.trim().replace(/\s/g, ''));
  if (!match) return { valid: false, reason: 'format' };
  const [, century, yy, mm, dd, separator, serial, check] = match as unknown as string[];
  if (century && separator === '+') return { valid: false, reason: 'format' };
  const rawDay = Number(dd);
  const kind: IdentityNumberKind = rawDay > 60 ? 'coordination_number' : 'personal_identity_number';
  const day = kind === 'coordination_number' ? rawDay - 60 : rawDay;
  let year: number;
  if (century) {
    year = Number(century + yy);
  } else {
    const thisYear = today.getUTCFullYear();
    year = Math.floor(thisYear / 100) * 100 + Number(yy);
    // Compare whole dates, not years: a date later this year is a 99-year-old's, not a birth in the future.
    if (Date.UTC(year, Number(mm) - 1, day) > today.getTime()) year -= 100;
    if (separator === '+') year -= 100; // "+" marks someone who has turned 100
  }
  if (!isRealDate(year, Number(mm), day)) return { valid: false, reason: 'date' };
  if (!luhnValid(`${yy}${mm}${dd}${serial}${check}`)) return { valid: false, reason: 'checksum' };
  const birthDate = `${year}-${mm}-${String(day).padStart(2, '0')}`;
  return { valid: true, normalized: `${year}${mm}${dd}${serial}${check}`, kind, birthDate };
}

/** Age in whole years on `on`, from a birth date YYYY-MM-DD. */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age -= 1;
  return age;
}
