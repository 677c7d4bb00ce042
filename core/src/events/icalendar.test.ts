import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, formatUtc } from './icalendar';

const enc = new TextEncoder();

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b; c, d\ne\r\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('folds long lines at 75 octets without cutting a French accent in two', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(enc.encode(p).length).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    // Unfolding gives back the line, and no replacement character appears.
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
    expect(foldLine('SUMMARY:court')).toBe('SUMMARY:court');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('writes a calendar with CRLF, UTC times, a stable UID and a DTSTAMP', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const text = buildCalendar({
      name: 'Palliance, événements',
      now,
      events: [
        {
          uid: 'occ-1@palliance',
          start: new Date('2027-02-09T19:00:00Z'),
          end: new Date('2027-02-09T20:30:00Z'),
          summary: 'Café mortel; parlons-en, librement',
          description: 'Ligne 1\nLigne 2',
          location: '12 rue de la Paix, Nice',
          organizer: { name: 'CPTS (démo)', email: 'contact@example.org' },
          status: 'CONFIRMED',
          sequence: 2,
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('UID:occ-1@palliance');
    expect(lines).toContain('DTSTAMP:20261122T100000Z');
    expect(lines).toContain('DTSTART:20270209T190000Z');
    expect(lines).toContain('DTEND:20270209T203000Z');
    expect(lines).toContain('SUMMARY:Café mortel\\; parlons-en\\, librement');
    expect(lines).toContain('DESCRIPTION:Ligne 1\\nLigne 2');
    expect(lines).toContain('LOCATION:12 rue de la Paix\\, Nice');
    expect(lines).toContain('ORGANIZER;CN="CPTS (démo)":mailto:contact@example.org');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(formatUtc(new Date('2027-01-01T00:00:00.123Z'))).toBe('20270101T000000Z');
  });
});
