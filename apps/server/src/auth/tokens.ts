import { hash, randomBytes } from 'node:crypto';

/** A fresh secret for a cookie or bearer token, and the hash under which it is stored. */
export function newSecretToken(prefix = ''): { token: string; hash: string } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** SHA-256 in hex, in one call: every request hashes its cookie or token, and this makes no hash object for it. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}
