import { describe, expect, it } from 'vitest';
import { moduleOpensAt, registrationState, spocAdmits } from './rules';

describe('moduleOpensAt', () => {
  const start = new Date('2026-11-16T08:00:00.000Z');
  it('opens module 1 at the start and each next module one week later', () => {
    expect(moduleOpensAt(start, 1).toISOString()).toBe('2026-11-16T08:00:00.000Z');
    expect(moduleOpensAt(start, 2).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(moduleOpensAt(start, 6).toISOString()).toBe('2026-12-21T08:00:00.000Z');
  });
  it('follows another rhythm, and opens everything at once with 0 days', () => {
    expect(moduleOpensAt(start, 3, 14).toISOString()).toBe('2026-12-14T08:00:00.000Z');
    expect(moduleOpensAt(start, 5, 0).toISOString()).toBe(start.toISOString());
  });
  it('refuses a position that is not a positive integer', () => {
    expect(() => moduleOpensAt(start, 0)).toThrow(RangeError);
    expect(() => moduleOpensAt(start, 1.5)).toThrow(RangeError);
  });
});

describe('registrationState', () => {
  const s = { registrationOpensAt: new Date('2026-11-01T00:00:00Z'), registrationClosesAt: new Date('2026-12-01T00:00:00Z') };
  it('is not yet open before, open from the opening instant, closed from the closing instant', () => {
    expect(registrationState(s, new Date('2026-10-31T23:59:59Z'))).toBe('not_yet_open');
    expect(registrationState(s, new Date('2026-11-01T00:00:00Z'))).toBe('open');
    expect(registrationState(s, new Date('2026-11-30T23:59:59Z'))).toBe('open');
    expect(registrationState(s, new Date('2026-12-01T00:00:00Z'))).toBe('closed');
  });
});

describe('spocAdmits', () => {
  const who = { profession: 'infirmier', email: 'Ines@Example.org' };
  it('admits by invitation code, ignoring case and spaces', () => {
    expect(spocAdmits({ invitationCode: 'SPOC-DEMO-2026' }, { ...who, invitationCode: ' spoc-demo-2026 ' })).toEqual({ ok: true });
  });
  it('says the code is wrong when one was given and does not match', () => {
    expect(spocAdmits({ invitationCode: 'SPOC-DEMO-2026' }, { ...who, invitationCode: 'AUTRE' })).toEqual({ ok: false, reason: 'wrong_code' });
  });
  it('admits by profession or by address, whatever the code', () => {
    expect(spocAdmits({ invitationCode: 'X', professions: ['infirmier'] }, { ...who, invitationCode: 'faux' })).toEqual({ ok: true });
    expect(spocAdmits({ emails: ['ines@example.org'] }, who)).toEqual({ ok: true });
  });
  it('refuses anyone else, and everyone when the SPOC has no door', () => {
    expect(spocAdmits({ professions: ['pharmacien'] }, who)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(spocAdmits({}, { ...who, invitationCode: 'X' })).toEqual({ ok: false, reason: 'not_allowed' });
  });
});
