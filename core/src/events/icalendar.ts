/**
 * iCalendar (RFC 5545) text, pure: the server serves it, tests read it. Times are written in UTC
 * ("Z" form), which every calendar shows in its own zone and which needs no VTIMEZONE block.
 */
export interface IcsEvent {
  /** Stable across edits and feeds, so a calendar updates the event instead of duplicating it. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  organizer?: { name: string; email?: string | null };
  /** Raised when the event changes, so calendars take the new version. */
  sequence?: number;
  lastModified?: Date;
  categories?: string[];
}

export interface IcsCalendar {
  name: string;
  events: IcsEvent[];
  /** DTSTAMP of every event: when this text was produced. */
  now: Date;
  /** METHOD:PUBLISH for feeds and single files alike. */
  prodId?: string;
}

const CRLF = '\r\n';

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * RFC 5545 §3.1: lines longer than 75 octets are split with CRLF + one space. Splits fall between
 * characters (never inside a UTF-8 sequence) so accented French text survives.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (size + n > limit) {
      out.push(current);
      current = '';
      size = 0;
      // Continuation lines begin with a space, which counts in their 75 octets.
      limit = 74;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** 20261122T100000Z */
export function formatUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function eventLines(e: IcsEvent, now: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${formatUtc(now)}`,
    `DTSTART:${formatUtc(e.start)}`,
    `DTEND:${formatUtc(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.organizer) {
    const cn = e.organizer.name.replace(/["\r\n]/g, ' ');
    lines.push(e.organizer.email ? `ORGANIZER;CN="${cn}":mailto:${e.organizer.email}` : `X-PALLIANCE-ORGANIZER:${escapeText(e.organizer.name)}`);
  }
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
  if (e.status) lines.push(`STATUS:${e.status}`);
  if (e.sequence !== undefined) lines.push(`SEQUENCE:${e.sequence}`);
  if (e.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(e.lastModified)}`);
  lines.push('END:VEVENT');
  return lines;
}

export function buildCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.prodId ?? '-//Palliance//Evenements//FR'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    ...cal.events.flatMap((e) => eventLines(e, cal.now)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
