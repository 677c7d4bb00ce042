// Micro-benchmark of numberToCall, the per-structure cost of GET /api/v1/coverage.
//
//   npx tsx core/src/directory/bench-number-to-call.mjs [path/to/opening-hours.ts]
//
// Structures as the server holds them (parsed contacts, main hours), in Europe/Paris (75, 67) and
// Indian/Reunion (974); instants drawn over 2026 (uniform: days, nights, weekends) plus public
// holidays and both DST days. Two cases:
// - "same objects": the server's row cache hands the same parsed objects to every request;
// - "fresh objects": every request gets new objects (row cache just refreshed).
// Prints µs per numberToCall call (median of several rounds). Not a test: run it by hand.
const target = process.argv[2]
  ? new URL(process.argv[2], `file://${process.cwd()}/`).href
  : new URL('./opening-hours.ts', import.meta.url).href;
const { numberToCall, directoryContactSchema, scheduleSchema } = await import(target);

// Deterministic pseudo-random numbers (mulberry32).
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);

const weekdays = (slots) => ({ mon: slots, tue: slots, wed: slots, thu: slots, fri: slots });
const day = { open: '09:00', close: '17:30' };
const overnight = { open: '18:00', close: '08:00' };
const fullDay = { open: '08:00', close: '08:00' };
const main = { days: weekdays([day]) };
const split = { days: weekdays([{ open: '09:00', close: '12:30' }, { open: '13:30', close: '17:30' }]) };
const christmas = { ...main, exceptions: [{ date: '2026-12-24', slots: [{ open: '09:00', close: '12:30' }] }, { date: '2026-08-14', closed: true }] };
const night = { days: { ...weekdays([overnight]), sat: [fullDay], sun: [fullDay] }, holidays: [fullDay] };

/** A typical structure, and a few variants (split hours, exceptions, no night line). */
function structure(i) {
  const variant = i % 4;
  const mainSchedule = scheduleSchema.parse(variant === 1 ? split : variant === 2 ? christmas : main);
  const contacts = [
    { kind: 'accueil', label: 'Accueil', value: '01 23 45 67 89' },
    ...(variant === 3 ? [] : [{ kind: 'appui_territorial', label: 'Nuit / week-end', value: '0 800 00 00 00', schedule: night }]),
    { kind: 'email', value: 'contact@example.fr' },
  ].map((c) => directoryContactSchema.parse(c));
  const [timeZone, departement] = [
    ['Europe/Paris', '75'],
    ['Europe/Paris', '67'],
    ['Indian/Reunion', '974'],
  ][i % 3];
  return { contacts, mainSchedule, timeZone, departement };
}
const structures = Array.from({ length: 60 }, (_, i) => structure(i));

const year = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z')];
const special = ['2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25', '2026-04-06', '2026-05-14', '2026-07-14', '2026-11-01', '2026-12-20', '2026-12-24', '2026-12-25'];
const instants = Array.from({ length: 400 }, (_, i) => {
  if (i % 4 === 3) {
    // A holiday or DST day, any time of day.
    return new Date(Date.parse(`${special[i % special.length]}T00:00:00Z`) + Math.floor(random() * 86_400) * 1000 - 4 * 3_600_000);
  }
  return new Date(year[0] + Math.floor(random() * ((year[1] - year[0]) / 1000)) * 1000);
});

/** One "request": numberToCall for every structure; returns the number of calls. */
function request(at, list) {
  let sink = 0;
  for (const s of list) {
    const r = numberToCall(s.contacts, at, s.timeZone, s.departement, s.mainSchedule);
    sink += r.contact ? (r.openUntil ? 1 : 2) : r.nextOpening ? 3 : 4;
  }
  return sink;
}

function round(fresh) {
  // Fresh objects are made before the timed section: the server gets them from the database.
  const lists = instants.map(() => (fresh ? structuredClone(structures) : structures));
  let calls = 0;
  const t0 = performance.now();
  for (let i = 0; i < instants.length; i++) calls += request(instants[i], lists[i]) >= 0 ? lists[i].length : 0;
  return ((performance.now() - t0) * 1000) / calls;
}

function measure(fresh) {
  round(fresh); // warm-up: JIT and caches, as on a running server
  const runs = Array.from({ length: 5 }, () => round(fresh)).sort((a, b) => a - b);
  return runs[2];
}

console.log(`module: ${target}`);
console.log(`${structures.length} structures × ${instants.length} instants per round`);
console.log(`same objects : ${measure(false).toFixed(2)} µs per numberToCall`);
console.log(`fresh objects: ${measure(true).toFixed(2)} µs per numberToCall`);
