import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';

/**
 * Envelope encryption. Identifying data is encrypted with AES-256-GCM under a data key; data keys
 * are stored wrapped (AES-256-GCM) by a master key that only the environment holds. Rotating the
 * master key re-wraps the data keys; no row needs re-encrypting for that.
 */
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 16;

export class KeyringError extends Error {}

export function masterKeyId(masterKey: Buffer): string {
  return createHash('sha256').update(masterKey).digest('hex').slice(0, 16);
}

/** Parses a base64 (or hex) 32-byte master key from configuration. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new KeyringError('A master key must be 32 bytes, given as base64 or hex.');
  return key;
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** PGlite hands bytea back as a Uint8Array, pg as a Buffer: treat both as a Buffer. */
const asBuffer = (bytes: Uint8Array) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
const uuidToBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesToUuid = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const wrapAad = (purpose: string) => Buffer.from(`utvag:key:${purpose}`);

export class Keyring {
  private dataKeys = new Map<string, Buffer>();
  private activeDataKeyId: string | null = null;
  private blindIndexKey: Buffer | null = null;
  private auditChainKey: Buffer | null = null;
  private readonly current: { id: string; key: Buffer };
  private readonly masters = new Map<string, Buffer>();

  /**
   * `masterKey` wraps new keys; `previousMasterKeys` can still unwrap keys not yet re-wrapped.
   * `reloadOnUnknownKey` lets an instance find a data key another instance made; only on PostgreSQL,
   * since PGlite has one connection and a reload inside a transaction would wait for itself.
   */
  constructor(
    private readonly db: Db,
    masterKey: Buffer,
    previousMasterKeys: Buffer[] = [],
    private readonly reloadOnUnknownKey = false,
  ) {
    this.current = { id: masterKeyId(masterKey), key: masterKey };
    for (const key of [masterKey, ...previousMasterKeys]) this.masters.set(masterKeyId(key), key);
  }

  /** Loads the data keys, creating the first ones on a new database. Runs as the owning role. */
  async load(): Promise<void> {
    await this.ensureKey('data');
    await this.ensureKey('blind_index');
    await this.ensureKey('audit_chain');
    await this.reload();
  }

  private async ensureKey(purpose: 'data' | 'blind_index' | 'audit_chain'): Promise<void> {
    const existing = await this.db.selectFrom('encryptionKeys').select('id').where('purpose', '=', purpose).where('active', '=', true).executeTakeFirst();
    if (existing) return;
    await this.db
      .insertInto('encryptionKeys')
      .values({ purpose, wrappedKey: seal(this.current.key, randomBytes(32), wrapAad(purpose)), masterKeyId: this.current.id })
      .onConflict((oc) => oc.column('purpose').where('active', '=', true).doNothing())
      .execute();
  }

  /** Picks up keys made or re-wrapped by another instance (a rotation). */
  refresh(): Promise<void> {
    return this.reload();
  }

  private async reload(): Promise<void> {
    const rows = await this.db.selectFrom('encryptionKeys').selectAll().execute();
    const dataKeys = new Map<string, Buffer>();
    let active: string | null = null;
    let blind: Buffer | null = null;
    let chain: Buffer | null = null;
    for (const row of rows) {
      const master = this.masters.get(row.masterKeyId);
      if (!master) {
        if (row.active) throw new KeyringError(`Key ${row.id} is wrapped by master key ${row.masterKeyId}, which is not configured.`);
        continue;
      }
      const key = open(master, asBuffer(row.wrappedKey), wrapAad(row.purpose));
      if (row.purpose === 'blind_index') {
        if (row.active) blind = key;
      } else if (row.purpose === 'audit_chain') {
        if (row.active) chain = key;
      } else {
        dataKeys.set(row.id, key);
        if (row.active) active = row.id;
      }
    }
    if (!active || !blind || !chain) throw new KeyringError('The keyring has no active keys; run migrations first.');
    this.dataKeys = dataKeys;
    this.activeDataKeyId = active;
    this.blindIndexKey = blind;
    this.auditChainKey = chain;
  }

  /** Encrypts `plaintext`; `context` (e.g. 'participant.identity') binds the ciphertext to its column. */
  encrypt(plaintext: string, context: string): Buffer {
    const keyId = this.activeDataKeyId;
    const key = keyId ? this.dataKeys.get(keyId) : undefined;
    if (!keyId || !key) throw new KeyringError('The keyring is not loaded.');
    const header = Buffer.concat([Buffer.from([FORMAT_VERSION]), uuidToBytes(keyId)]);
    return Buffer.concat([header, seal(key, Buffer.from(plaintext, 'utf8'), Buffer.concat([header, Buffer.from(context)]))]);
  }

  async decrypt(stored: Uint8Array, context: string): Promise<string> {
    const blob = asBuffer(stored);
    if (blob[0] !== FORMAT_VERSION) throw new KeyringError('Unknown ciphertext format.');
    const header = blob.subarray(0, 1 + KEY_ID_BYTES);
    const keyId = bytesToUuid(header.subarray(1));
    // A key made by another instance's rotation is found by reloading once.
    if (!this.dataKeys.has(keyId) && this.reloadOnUnknownKey) await this.reload();
    const key = this.dataKeys.get(keyId);
    if (!key) throw new KeyringError('Ciphertext under an unknown data key.');
    return open(key, blob.subarray(header.length), Buffer.concat([header, Buffer.from(context)])).toString('utf8');
  }

  encryptJson(value: unknown, context: string): Buffer {
    return this.encrypt(JSON.stringify(value), context);
  }

  async decryptJson<T>(blob: Uint8Array, context: string): Promise<T> {
    return JSON.parse(await this.decrypt(blob, context)) as T;
  }

  /** Deterministic keyed hash for exact look-up of a value that is stored encrypted. */
  blindIndex(value: string, purpose: string): string {
    if (!this.blindIndexKey) throw new KeyringError('The keyring is not loaded.');
    return createHmac('sha256', this.blindIndexKey).update(`${purpose}\u0000${value}`).digest('hex');
  }

  /**
   * The audit log's chain link: a keyed hash, so that someone who can write to the database but does
   * not hold the master key cannot recompute a chain over changed events.
   */
  chainLink(previous: string, content: string): string {
    if (!this.auditChainKey) throw new KeyringError('The keyring is not loaded.');
    return createHmac('sha256', this.auditChainKey).update(previous).update(content).digest('hex');
  }

  /**
   * Re-wraps every key under the current master key and starts a new data key for new writes.
   * Old data keys stay, so existing rows decrypt; running servers pick up the new key on first use.
   */
  async rotate(): Promise<{ rewrapped: number; newDataKeyId: string }> {
    let rewrapped = 0;
    const newDataKeyId = await this.db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('encryptionKeys').selectAll().forUpdate().execute();
      for (const row of rows) {
        if (row.masterKeyId === this.current.id) continue;
        const master = this.masters.get(row.masterKeyId);
        if (!master) throw new KeyringError(`Key ${row.id} is wrapped by master key ${row.masterKeyId}, which is not configured.`);
        const key = open(master, asBuffer(row.wrappedKey), wrapAad(row.purpose));
        await trx
          .updateTable('encryptionKeys')
          .set({ wrappedKey: seal(this.current.key, key, wrapAad(row.purpose)), masterKeyId: this.current.id })
          .where('id', '=', row.id)
          .execute();
        rewrapped++;
      }
      await trx.updateTable('encryptionKeys').set({ active: false }).where('purpose', '=', 'data').where('active', '=', true).execute();
      const created = await trx
        .insertInto('encryptionKeys')
        .values({ purpose: 'data', wrappedKey: seal(this.current.key, randomBytes(32), wrapAad('data')), masterKeyId: this.current.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      return created.id;
    });
    await this.reload();
    return { rewrapped, newDataKeyId };
  }
}
