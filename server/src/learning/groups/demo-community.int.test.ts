import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, DEMO_PASSWORD } from '../../db/seed/demo';
import { startDemoCoursesPlatform } from '../../test/demo-platform';
import type { TestPlatform } from '../../test/harness';
import { DEMO_SPOC_ID } from '../demo-courses';
import { seedDemoCommunity } from './demo-community';

let t: TestPlatform;
beforeAll(async () => {
  t = await startDemoCoursesPlatform();
});
afterAll(async () => t?.stop());

describe('demo community', () => {
  it('gives the demo learner a MOOC forum with a pinned welcome thread and a mixed group on the SPOC', async () => {
    expect(await seedDemoCommunity(t.platform.deps.handle)).toBe(true);
    expect(await seedDemoCommunity(t.platform.deps.handle)).toBe(false);
    const ines = t.client();
    expect((await ines.login('apprenante@example.org', DEMO_PASSWORD)).status).toBe(200);
    const forum = await ines.get(`/api/v1/courses/${DEMO_IDS.course}/forum`);
    expect(forum.status).toBe(200);
    expect(forum.body.threads[0]).toMatchObject({ title: 'Présentez-vous !', pinned: true, replyCount: 3, likeCount: 4 });
    expect(forum.body.modules.filter((m: { threadCount: number }) => m.threadCount > 0)).toHaveLength(2);
    const th = await ines.get(`/api/v1/forum/threads/${forum.body.threads[0].id}`);
    expect(th.body.posts[0].bodyHtml).toContain('<em>Message fictif de démonstration.</em>');

    const groups = await ines.get(`/api/v1/courses/${DEMO_SPOC_ID}/groups`);
    expect(groups.body.groups).toHaveLength(1);
    expect(groups.body.groups[0].assignment).toContain('document source 001');
    expect(new Set(groups.body.groups[0].members.map((m: { profession: string }) => m.profession)).size).toBe(3);
  });
});
