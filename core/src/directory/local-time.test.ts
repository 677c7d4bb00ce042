import { describe, expect, it } from 'vitest';
import { isoDateToDay } from './calendar';
import { computeLocal, localDayAt, offsetAt, readWall, resolveLocal, wallAt, zoneOf } from './local-time';

const HOUR = 3_600_000;
/** What Intl reads, without any cache. */
const intlOffset = (ms: number, timeZone: string) => readWall(ms, zoneOf(timeZone)) - Math.floor(ms / 1000) * 1000;

/** The first second of each change of offset over [from, to), found with Intl alone. */
function transitions(timeZone: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let h = from; h < to; h += HOUR) {
    const before = intlOffset(h, timeZone);
    if (intlOffset(h + HOUR, timeZone) === before) continue;
    let s = h;
    while (intlOffset(s + 1000, timeZone) === before) s += 1000;
    out.push(s + 1000);
  }
  return out;
}

describe('offsetAt', () => {
  // Transitions on the hour, on the half hour (Lord Howe changes by 30 minutes), at 02:45 local
  // (Chatham), at local midnight (Santiago), and the change from Paris mean time (+00:09:21) in 1911.
  const cases: [string, string, string][] = [
    ['Europe/Paris', '2026-01-01', '2027-01-01'],
    ['Australia/Lord_Howe', '2026-01-01', '2027-01-01'],
    ['Pacific/Chatham', '2026-01-01', '2027-01-01'],
    ['America/Santiago', '2026-01-01', '2027-01-01'],
    ['Europe/Paris', '1911-03-01', '1911-03-20'],
  ];
  it.each(cases)('reads as Intl does around every transition (%s from %s)', (timeZone, from, to) => {
    const zone = zoneOf(timeZone);
    const found = transitions(timeZone, Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`));
    expect(found.length).toBeGreaterThan(0);
    for (const t of found) {
      // Every 37 s over the hours either side, and each second (and millisecond edges) next to it.
      for (let ms = t - HOUR - 5000; ms < t + HOUR; ms += 37_000) expect(offsetAt(ms, zone)).toBe(intlOffset(ms, timeZone));
      for (let ms = t - 3000; ms <= t + 3000; ms += 1000) {
        for (const x of [ms - 1, ms, ms + 1, ms + 999]) expect(offsetAt(x, zone)).toBe(intlOffset(x, timeZone));
      }
      expect(offsetAt(t - 1, zone)).not.toBe(offsetAt(t, zone));
    }
  });
  it('reads as Intl does at random instants, in zones with and without daylight saving', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647);
    for (const timeZone of ['Europe/Paris', 'Indian/Reunion', 'America/Cayenne', 'Pacific/Noumea', 'America/Miquelon']) {
      const zone = zoneOf(timeZone);
      for (let i = 0; i < 300; i++) {
        const ms = Date.parse('2020-01-01T00:00:00Z') + Math.floor(random() * 10 * 365 * 86_400_000);
        expect(offsetAt(ms, zone)).toBe(intlOffset(ms, timeZone));
        expect(wallAt(ms, zone)).toBe(readWall(ms, zone));
      }
    }
  });
  it('throws RangeError for an invalid instant and an unknown zone', () => {
    expect(() => offsetAt(Number.NaN, zoneOf('Europe/Paris'))).toThrow(RangeError);
    expect(() => zoneOf('Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('localDayAt', () => {
  it('gives the local day number', () => {
    const paris = zoneOf('Europe/Paris');
    expect(localDayAt(Date.parse('2026-01-15T23:30:00Z'), paris)).toBe(isoDateToDay('2026-01-16'));
    expect(localDayAt(Date.parse('2026-06-09T21:59:59Z'), paris)).toBe(isoDateToDay('2026-06-09'));
    expect(localDayAt(Date.parse('2026-06-10T02:00:00Z'), zoneOf('America/Cayenne'))).toBe(isoDateToDay('2026-06-09'));
  });
});

describe('resolveLocal', () => {
  const paris = zoneOf('Europe/Paris');
  const march29 = isoDateToDay('2026-03-29');
  const october25 = isoDateToDay('2026-10-25');
  it('gives the same instants from its cache as computed afresh', () => {
    for (let minutes = 0; minutes <= 2880; minutes += 10) {
      for (const day of [march29 - 1, march29, october25 - 1, october25]) {
        const first = resolveLocal(day, minutes, paris);
        expect(first).toBe(computeLocal(day, minutes, paris));
        expect(resolveLocal(day, minutes, paris)).toBe(first);
      }
    }
  });
  it('resolves skipped and repeated local times', () => {
    expect(new Date(resolveLocal(march29, 150, paris)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(resolveLocal(october25, 150, paris)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(resolveLocal(october25 - 1, 18 * 60 + 14 * 60, paris)).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });
});
