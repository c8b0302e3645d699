import { describe, expect, it } from 'vitest';
import { hashToken, newSecretToken } from '../src/auth/tokens';

describe('secret tokens', () => {
  it('are stored under their SHA-256 in hex, so the hashes of sessions and tokens already stored still match', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashToken('åäö')).toBe('5d0d31f63d1712b2ea533b0c4946c2f1014faf152f0c0e5ee5b81c85e8799953');
  });

  it('are fresh each time, with their prefix, and hashed', () => {
    const first = newSecretToken('utv_');
    const second = newSecretToken('utv_');
    expect(first.token.startsWith('utv_')).toBe(true);
    expect(first.token).not.toBe(second.token);
    expect(first.hash).toBe(hashToken(first.token));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
