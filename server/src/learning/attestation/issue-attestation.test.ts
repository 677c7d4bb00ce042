import { describe, expect, it } from 'vitest';
import { attestationHours, newVerificationCode } from './issue-attestation';

describe('attestation hours', () => {
  const d = (s: string) => new Date(s);
  it('multiplies the weekly estimate by the weeks of the session, a started week counting', () => {
    expect(attestationHours(2, d('2026-01-05T08:00:00Z'), d('2026-02-16T08:00:00Z'))).toBe(12); // exactly 6 weeks
    expect(attestationHours(2, d('2026-01-05T08:00:00Z'), d('2026-02-16T09:00:00Z'))).toBe(14); // 6 weeks and an hour
    expect(attestationHours(1, d('2025-04-22T06:00:00Z'), d('2025-06-15T21:00:00Z'))).toBe(8); // the 2025 MOOC session of seed 000
    expect(attestationHours(1.25, d('2026-01-05T08:00:00Z'), d('2026-01-06T08:00:00Z'))).toBe(1.5); // at least one week, to the half hour
  });
});

describe('verification codes', () => {
  it('are 24 characters of Crockford base 32 in groups of four, and do not repeat', () => {
    const codes = new Set(Array.from({ length: 1000 }, newVerificationCode));
    expect(codes.size).toBe(1000);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
  });
});
