import { luhnValid, parseIdentityNumber } from '@utvag/domain';
import type { Municipality } from '../db/reference-data';

/**
 * Synthetic, clearly fictional people for the benchmark. Names are drawn from lists of common
 * Swedish first and last names and combined at random; personnummer are random birth dates with a
 * random serial and a correct Luhn check digit; phone numbers come only from the series that the
 * Swedish Post and Telecom Authority (PTS) reserves for use in fiction, so none reaches a real
 * subscriber; street addresses are generic street names in real municipalities. No real person's
 * data is used anywhere.
 */

/** A small, fast, seedable PRNG (mulberry32), so a run's data can be reproduced. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct items (fewer when the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }
}

export const FEMALE_FIRST_NAMES = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Kristina', 'Lena', 'Emma', 'Kerstin', 'Ingrid', 'Malin', 'Jenny', 'Hanna', 'Linnéa',
  'Elin', 'Ida', 'Johanna', 'Sofia', 'Julia', 'Amanda', 'Maja', 'Alva', 'Ella', 'Wilma', 'Ebba', 'Klara', 'Moa', 'Frida',
  'Matilda', 'Louise', 'Camilla', 'Therese', 'Jessica', 'Sandra', 'Emelie', 'Lisa', 'Nora', 'Saga', 'Agnes', 'Astrid',
];
export const MALE_FIRST_NAMES = [
  'Erik', 'Lars', 'Karl', 'Anders', 'Johan', 'Per', 'Nils', 'Mikael', 'Jan', 'Hans', 'Lennart', 'Olof', 'Peter', 'Fredrik',
  'Daniel', 'Alexander', 'Oscar', 'William', 'Lucas', 'Hugo', 'Elias', 'Viktor', 'Filip', 'Axel', 'Emil', 'Isak', 'Jonas',
  'Mattias', 'Andreas', 'Magnus', 'Stefan', 'Marcus', 'Simon', 'Adam', 'Gustav', 'Albin', 'Leo', 'Noah', 'Liam', 'Theo',
];
export const LAST_NAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
  'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Olofsson',
  'Lindström', 'Lindqvist', 'Lindgren', 'Axelsson', 'Berg', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist',
  'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
  'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson',
];
const STREETS = [
  'Storgatan', 'Kyrkogatan', 'Drottninggatan', 'Skolgatan', 'Järnvägsgatan', 'Parkvägen', 'Skogsvägen', 'Björkvägen',
  'Ringvägen', 'Industrigatan', 'Södra vägen', 'Norra vägen', 'Ängsvägen', 'Strandvägen', 'Kvarngatan', 'Torggatan',
];
/** Pseudonyms participants go by before (or instead of) giving a name: plants and trees, as in the demo. */
export const ALIASES = [
  'Björk', 'Lilja', 'Sälg', 'Vinter', 'Ek', 'Lind', 'Asp', 'Rönn', 'Hassel', 'Ljung', 'Vide', 'Al', 'Lönn', 'Tall', 'Gran',
  'Vallmo', 'Viol', 'Vitsippa', 'Blåklint', 'Kaprifol', 'Syren', 'Hägg', 'Fläder', 'Mistel', 'Kastanj', 'Idegran', 'Nypon',
];
const LANGUAGE_SETS: readonly string[][] = [
  ['sv'], ['sv'], ['sv'], ['sv'], ['sv', 'en'], ['ro', 'en'], ['ro'], ['bg'], ['hu', 'en'], ['ar', 'sv'], ['es', 'en'],
  ['th'], ['en'], ['pl'], ['ti'], ['so', 'sv'], ['ru'], ['uk', 'en'],
];

/**
 * Number series PTS reserves for fiction (films, books, examples): they are never assigned. Each is
 * a prefix, in national format, and the size of the series (the last two digits run 00–99, or from 05).
 */
const FICTION_PHONE_SERIES: readonly { prefix: string; format: (suffix: string) => string; from: number }[] = [
  { prefix: '0701740', format: (s) => `070-174 06 ${s}`, from: 5 },
  { prefix: '0846500', format: (s) => `08-465 004 ${s}`, from: 0 },
  { prefix: '0313900', format: (s) => `031-390 06 ${s}`, from: 0 },
  { prefix: '0406280', format: (s) => `040-628 04 ${s}`, from: 0 },
  { prefix: '0980319', format: (s) => `0980-319 2 ${s}`, from: 0 },
];

export function swedishPhone(random: Random): string {
  const series = random.pick(FICTION_PHONE_SERIES);
  return series.format(String(random.int(series.from, 99)).padStart(2, '0'));
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A personnummer YYYYMMDD-NNNC for someone born between `fromYear` and `toYear`. The third serial
 * digit is odd for men and even for women, as in the real scheme; C is the Luhn check digit, found
 * with packages/domain's own `luhnValid` and verified with `parseIdentityNumber`.
 */
export function personnummer(random: Random, fromYear: number, toYear: number, sex: 'female' | 'male'): string {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  let serial = random.int(0, 99) * 10 + random.int(0, 4) * 2 + (sex === 'male' ? 1 : 0);
  if (serial === 0) serial = 2; // 000 is never issued
  const body = `${pad(year % 100)}${pad(month)}${pad(day)}${pad(serial, 3)}`;
  let check = 0;
  while (!luhnValid(body + check)) check++;
  const value = `${year}${pad(month)}${pad(day)}-${pad(serial, 3)}${check}`;
  if (!parseIdentityNumber(value).valid) throw new Error(`generated an invalid personnummer ${value}`);
  return value;
}

export interface SyntheticPerson {
  firstName: string;
  lastName: string;
  identityNumber: string;
  phone: string;
  email: string | null;
  address: string;
}

const asciiFold = (text: string) => text.toLowerCase().replace(/å|ä/g, 'a').replace(/ö/g, 'o').replace(/é/g, 'e');

/** A fictional person born in [fromYear, toYear] living in `municipality`. */
export function syntheticPerson(random: Random, municipality: Municipality, fromYear: number, toYear: number): SyntheticPerson {
  const sex = random.chance(0.8) ? 'female' : 'male';
  const firstName = random.pick(sex === 'female' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const postcode = `${random.int(100, 989)} ${pad(random.int(0, 99))}`;
  return {
    firstName,
    lastName,
    identityNumber: personnummer(random, fromYear, toYear, sex),
    phone: swedishPhone(random),
    // example.com is reserved for examples (RFC 2606): no real mailbox.
    email: random.chance(0.3) ? `${asciiFold(firstName)}.${asciiFold(lastName)}${random.int(1, 999)}@example.com` : null,
    address: `${random.pick(STREETS)} ${random.int(1, 120)}, ${postcode} ${municipality.name}`,
  };
}

export function languages(random: Random): string[] {
  return [...random.pick(LANGUAGE_SETS)];
}

/** Information categories typically shared with each kind of organisation on a team. */
export const CATEGORY_SETS: Record<'region' | 'civil_society' | 'municipality', string[][]> = {
  region: [['health'], ['health', 'sexual_health'], ['health', 'trauma_care'], ['health', 'trauma_care', 'sexual_health', 'identity']],
  civil_society: [['contact_details'], ['contact_details', 'protection_housing'], ['relationships', 'work_education']],
  municipality: [['income', 'debt'], ['protection_housing', 'identity', 'contact_details']],
};
