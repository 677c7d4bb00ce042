import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, totpCode, totpStep, verifyTotp } from './totp';

// RFC 6238 appendix B test secret "12345678901234567890" (SHA-1), truncated to 6 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it('matches the RFC 6238 reference values', () => {
    expect(totpCode(RFC_SECRET, totpStep(new Date(59_000)))).toBe('287082');
    expect(totpCode(RFC_SECRET, totpStep(new Date(1111111109_000)))).toBe('081804');
    expect(totpCode(RFC_SECRET, totpStep(new Date(2000000000_000)))).toBe('279037');
  });

  it('round-trips base32', () => {
    const buf = Buffer.from([0, 1, 2, 250, 255, 7, 9]);
    expect(base32Decode(base32Encode(buf))).toEqual(buf);
  });

  it('accepts one step of drift and refuses a replayed step', () => {
    const at = new Date(1_700_000_000_000);
    const step = totpStep(at);
    const previous = totpCode(RFC_SECRET, step - 1);
    expect(verifyTotp(RFC_SECRET, previous, at, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, previous, at, step - 1)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), at, null)).toBeNull();
  });
});
