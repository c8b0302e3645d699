import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_CONTEXT, IDENTITY_CONTEXT, IDENTITY_NUMBER_INDEX } from '../src/cases/store';
import { Keyring, KeyringError, masterKeyId } from '../src/crypto/keyring';
import { counties, municipalities } from '../src/db/reference-data';
import { as, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';

/** Encryption at rest of identifying data, the blind index, key rotation; and the reference data. */

let env: TestEnv;
let coordinator: TestUser;

beforeAll(async () => {
  env = await testEnv();
  const orgId = await organisations.municipality(env);
  coordinator = await makeUser(env, orgId, ['coordinator']);
});
afterAll(async () => { await env?.close(); });

const person = {
  firstName: 'Oksana',
  lastName: 'Kovalenko-Lindqvist',
  identityNumber: '19121212-1212',
  normalisedNumber: '191212121212',
  phone: '+46 70 987 65 43',
  email: 'oksana.kovalenko@example.org',
  address: 'Hemligvägen 17, 702 11 Örebro',
};

/** The plain values a reader of the raw database must not find. */
const secrets = [person.firstName, person.lastName, person.normalisedNumber, '121212-1212', '1212121212', person.phone, '70 987 65 43', '709876543', person.email, 'Hemligvägen'];

async function createIdentifiedCase(alias: string, identityNumber = person.identityNumber): Promise<{ caseId: string; participantId: string }> {
  const created = await as(env, coordinator).post('/api/v1/cases', {
    program: 'exit_program',
    participant: { alias, firstName: person.firstName, lastName: person.lastName, identityNumber, phone: person.phone, email: person.email, address: person.address },
  });
  expect(created.statusCode, created.body).toBe(201);
  return { caseId: created.json().id, participantId: created.json().participant.id };
}

async function participantRow(participantId: string) {
  return env.database.db.selectFrom('participants').selectAll().where('id', '=', participantId).executeTakeFirstOrThrow();
}

const bytes = (value: Uint8Array | null) => {
  if (!value) throw new Error('expected stored bytes');
  return Buffer.from(value);
};

describe('encryption at rest', () => {
  let caseId: string;
  let participantId: string;
  beforeAll(async () => {
    ({ caseId, participantId } = await createIdentifiedCase('Ek'));
  });

  it('stores names, personnummer and contact details only as ciphertext', async () => {
    const row = await participantRow(participantId);
    const stored = [bytes(row.identityData), bytes(row.contactData)];
    for (const blob of stored) {
      for (const secret of secrets) {
        expect(blob.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
        expect(blob.includes(Buffer.from(secret, 'utf16le')), secret).toBe(false);
        expect(blob.toString('latin1').toLowerCase()).not.toContain(secret.toLowerCase());
      }
    }
    // Not the same bytes twice: a fresh IV each time.
    expect(stored[0]!.equals(stored[1]!)).toBe(false);

    // They are the real data, though: the owner of the key reads them back.
    const identity = await env.keyring.decryptJson<{ firstName: string; identityNumber: string }>(stored[0]!, IDENTITY_CONTEXT);
    expect(identity.firstName).toBe(person.firstName);
    expect(identity.identityNumber).toBe(person.normalisedNumber);
    const contact = await env.keyring.decryptJson<{ phone: string }>(stored[1]!, CONTACT_CONTEXT);
    expect(contact.phone).toBe(person.phone);
    const read = await as(env, coordinator).get(`/api/v1/cases/${caseId}`);
    expect(read.json().participant).toMatchObject({ firstName: person.firstName, identityNumber: person.normalisedNumber, phone: person.phone });
  });

  it('leaves no plain copy anywhere in the database', async () => {
    const tables = await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`.execute(env.database.db);
    expect(tables.rows.map((table) => table.name)).toEqual(expect.arrayContaining(['participants', 'audit_events', 'idempotency_keys']));
    for (const { name } of tables.rows) {
      const rows = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(name)} t`.execute(env.database.db);
      const text = rows.rows.map((row) => row.row).join('\n');
      for (const secret of secrets) expect(text, `${secret} in ${name}`).not.toContain(secret);
    }
  });

  it('does not decrypt under another context', async () => {
    const row = await participantRow(participantId);
    await expect(env.keyring.decrypt(bytes(row.identityData), CONTACT_CONTEXT)).rejects.toThrow();
    await expect(env.keyring.decrypt(bytes(row.contactData), IDENTITY_CONTEXT)).rejects.toThrow();
    await expect(env.keyring.decrypt(bytes(row.identityData), 'user.totp')).rejects.toThrow();
  });

  it('detects any flipped byte (GCM authentication)', async () => {
    const blob = bytes((await participantRow(participantId)).identityData);
    expect(await env.keyring.decrypt(blob, IDENTITY_CONTEXT)).toContain(person.firstName);
    // Key id, IV, tag, the first and last byte of the ciphertext.
    for (const position of [0, 5, 1 + 16 + 3, 1 + 16 + 12 + 4, 1 + 16 + 12 + 16, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[position] = tampered[position]! ^ 0x01;
      await expect(env.keyring.decrypt(tampered, IDENTITY_CONTEXT), `byte ${position}`).rejects.toThrow();
    }
    await expect(env.keyring.decrypt(blob.subarray(0, blob.length - 1), IDENTITY_CONTEXT)).rejects.toThrow();
  });

  it('finds the same personnummer by blind index, in any written form, and tells different ones apart', async () => {
    const indexOf = (value: string) => env.keyring.blindIndex(value, IDENTITY_NUMBER_INDEX);
    const row = await participantRow(participantId);
    expect(row.identityNumberIndex).toBe(indexOf(person.normalisedNumber));
    expect(row.identityNumberIndex).toMatch(/^[0-9a-f]{64}$/);
    // A keyed hash: not the plain SHA-256 anyone could compute from a guessed number.
    expect(row.identityNumberIndex).not.toBe(createHash('sha256').update(person.normalisedNumber).digest('hex'));

    const same = await createIdentifiedCase('Alm', '191212121212');
    const other = await createIdentifiedCase('Lönn', '19800101-0001');
    expect((await participantRow(same.participantId)).identityNumberIndex).toBe(row.identityNumberIndex);
    expect((await participantRow(other.participantId)).identityNumberIndex).not.toBe(row.identityNumberIndex);
    expect(indexOf('198001010001')).not.toBe(indexOf(person.normalisedNumber));
    expect(env.keyring.blindIndex(person.normalisedNumber, 'another.purpose')).not.toBe(indexOf(person.normalisedNumber));

    const found = await env.database.db.selectFrom('participants').select('id')
      .where('identityNumberIndex', '=', indexOf(person.normalisedNumber)).execute();
    expect(found.map((participant) => participant.id).sort()).toEqual([participantId, same.participantId].sort());
  });
});

describe('key rotation', () => {
  it('re-wraps the keys under a new master key; only the new master key opens them afterwards', async () => {
    const { participantId } = await createIdentifiedCase('Björk');
    const oldBlob = bytes((await participantRow(participantId)).identityData);
    const oldIndex = env.keyring.blindIndex(person.normalisedNumber, IDENTITY_NUMBER_INDEX);
    const oldDataKey = await env.database.db.selectFrom('encryptionKeys').select('id').where('purpose', '=', 'data').where('active', '=', true).executeTakeFirstOrThrow();

    const newMaster = randomBytes(32);
    const rotating = new Keyring(env.database.db, newMaster, [env.masterKey]);
    await rotating.load();
    const result = await rotating.rotate();
    expect(result.rewrapped).toBe(3); // the data key, the blind-index key and the audit-chain key
    const newBlob = rotating.encrypt('written after the rotation', 'test.rotation');

    const keys = await env.database.db.selectFrom('encryptionKeys').selectAll().execute();
    expect(keys.every((key) => key.masterKeyId === masterKeyId(newMaster))).toBe(true);
    const activeData = keys.filter((key) => key.purpose === 'data' && key.active);
    expect(activeData.map((key) => key.id)).toEqual([result.newDataKeyId]);
    expect(result.newDataKeyId).not.toBe(oldDataKey.id);
    // New data goes under the new data key (its id is in the ciphertext header).
    expect(newBlob.subarray(1, 17).toString('hex')).toBe(result.newDataKeyId.replace(/-/g, ''));

    const fresh = new Keyring(env.database.db, newMaster);
    await fresh.load();
    expect(await fresh.decryptJson<{ firstName: string }>(oldBlob, IDENTITY_CONTEXT)).toMatchObject({ firstName: person.firstName });
    expect(await fresh.decrypt(newBlob, 'test.rotation')).toBe('written after the rotation');
    // Look-ups keep working: the blind-index key was re-wrapped, not replaced.
    expect(fresh.blindIndex(person.normalisedNumber, IDENTITY_NUMBER_INDEX)).toBe(oldIndex);

    const oldOnly = new Keyring(env.database.db, env.masterKey);
    await expect(oldOnly.load()).rejects.toThrow(KeyringError);
  });
});

describe('reference data', () => {
  const expectedPerCounty = { '14': 49, '12': 33, '01': 26, '09': 1 };

  function checkReferenceData(countyRows: { code: string }[], municipalityRows: { code: string; countyCode: string }[]): void {
    expect(countyRows).toHaveLength(21);
    expect(municipalityRows).toHaveLength(290);
    expect(new Set(countyRows.map((county) => county.code)).size).toBe(21);
    expect(new Set(municipalityRows.map((municipality) => municipality.code)).size).toBe(290);
    const countyCodes = new Set(countyRows.map((county) => county.code));
    for (const municipality of municipalityRows) {
      expect(countyCodes.has(municipality.countyCode), municipality.code).toBe(true);
      // Statistics Sweden's municipality codes begin with their county's code.
      expect(municipality.code.slice(0, 2), municipality.code).toBe(municipality.countyCode);
    }
    for (const [county, count] of Object.entries(expectedPerCounty)) {
      expect(municipalityRows.filter((municipality) => municipality.countyCode === county), `county ${county}`).toHaveLength(count);
    }
  }

  it('holds 290 municipalities in 21 counties in the source files', () => {
    checkReferenceData(counties(), municipalities());
    expect(counties().find((county) => county.code === '14')?.name).toBe('Västra Götalands län');
    expect(municipalities().find((municipality) => municipality.code === '0980')?.name).toBe('Gotland');
  });

  it('holds the same in the database after migrating', async () => {
    const countyRows = await env.database.db.selectFrom('counties').select(['code', 'name']).execute();
    const municipalityRows = await env.database.db.selectFrom('municipalities').select(['code', 'name', 'countyCode']).execute();
    checkReferenceData(countyRows, municipalityRows);
    expect(new Map(municipalityRows.map((m) => [m.code, m.name]))).toEqual(new Map(municipalities().map((m) => [m.code, m.name])));
    expect(new Map(countyRows.map((c) => [c.code, c.name]))).toEqual(new Map(counties().map((c) => [c.code, c.name])));
  });
});
