import { describe, expect, it } from 'vitest';
import { formatAccessDelay, formatFrenchDate, formatFrenchDateTime } from './french-format';

describe('dates and delays in French', () => {
  it('writes the generation time on the reader’s wall clock', () => {
    expect(formatFrenchDateTime(new Date('2026-11-21T20:00:00Z'), 'Europe/Paris')).toBe('le 21 novembre 2026 à 21 h 00');
    expect(formatFrenchDateTime(new Date('2026-07-01T07:05:00Z'), 'Europe/Paris')).toBe('le 1er juillet 2026 à 9 h 05');
    expect(formatFrenchDateTime(new Date('2026-11-21T20:00:00Z'), 'Indian/Reunion')).toBe('le 22 novembre 2026 à 0 h 00');
  });

  it('writes dates and access delays', () => {
    expect(formatFrenchDate('2026-10-01')).toBe('1er octobre 2026');
    expect(formatFrenchDate('2026-08-15')).toBe('15 août 2026');
    expect(formatAccessDelay(2, '2026-10-01')).toBe('Délai d’accès annoncé : 2 jours, confirmé le 1er octobre 2026');
    expect(formatAccessDelay(1, null)).toBe('Délai d’accès annoncé : 1 jour');
    expect(formatAccessDelay(0, null)).toBe('Délai d’accès annoncé : le jour même');
    expect(formatAccessDelay(null, '2026-10-01')).toBeNull();
  });
});
