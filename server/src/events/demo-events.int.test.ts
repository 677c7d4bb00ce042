import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { startDemoCoursesPlatform } from '../test/demo-platform';
import type { TestPlatform } from '../test/harness';
import { seedDemoEvents } from './demo-events';

let t: TestPlatform;
beforeAll(async () => {
  t = await startDemoCoursesPlatform();
});
afterAll(async () => t?.stop());

describe('demo events', () => {
  it('loads the actions of seed 002 and the formats of seed 004 once, upcoming, citing their source', async () => {
    expect(await seedDemoEvents(t.platform.deps.handle)).toBe(true);
    expect(await seedDemoEvents(t.platform.deps.handle)).toBe(false);
    const list = await t.client().get('/api/v1/events?departement=73');
    expect(list.body.map((e: { kind: string }) => e.kind).sort()).toEqual(['exchange_group', 'webinar', 'workshop', 'workshop', 'workshop']);
    for (const e of list.body) {
      expect(e.nextOccurrence).not.toBeNull();
      expect(e.isDemo).toBe(true);
      expect(e.title).toContain('(démo)');
    }
    const cafe = list.body.find((e: { title: string }) => e.title.startsWith('Café mortel'));
    const detail = await t.client().get(`/api/v1/events/${cafe.id}`);
    expect(detail.body.source).toContain('document source 002');
    expect(detail.body.organiserPhone).toMatch(/^01 99 00 /);
    expect(detail.body.organiserEmail).toMatch(/@example\.org$/);
    // Evenings in Paris, as seed 004 asks.
    const hour = Number(new Date(detail.body.occurrences[0].startsAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', hour12: false }).slice(0, 2));
    expect(hour).toBeGreaterThanOrEqual(18);

    // The demo coordinator of Savoie organises them.
    const coord = t.client();
    await coord.login('coordinatrice@example.org', DEMO_PASSWORD);
    expect((await coord.get(`/api/v1/events/${cafe.id}`)).body.mayOrganise).toBe(true);
  });
});
