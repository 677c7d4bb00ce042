import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, DEMO_PASSWORD, seedDemoData } from '../../db/seed/demo';
import { startTestPlatform, type TestPlatform } from '../../test/harness';
import { seedDemoCourses } from '../demo-courses';
import { seedDemoLessonContent } from './demo-content';

let t: TestPlatform;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palliance-demo-media-'));
  t = await startTestPlatform({ DATA_DIR: dataDir });
  await seedDemoData(t.platform.deps.handle);
  await seedDemoCourses(t.platform.deps.handle);
});
afterAll(async () => {
  await t?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('demo lesson content', () => {
  it('gives every demo lesson a placeholder citing its seed, and the first MOOC lesson a subtitled video', async () => {
    expect(await seedDemoLessonContent(t.platform.deps.handle, dataDir)).toBe(true);
    expect(await seedDemoLessonContent(t.platform.deps.handle, dataDir)).toBe(false);
    const empty = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM lesson l WHERE NOT EXISTS (SELECT 1 FROM lesson_block b WHERE b.lesson_id = l.id)');
    expect(empty[0].n).toBe(0);

    const teacher = t.client();
    expect((await teacher.login('enseignant@example.org', DEMO_PASSWORD)).status).toBe(200);
    const course = await teacher.get(`/api/v1/courses/${DEMO_IDS.course}`);
    const first = await teacher.get(`/api/v1/lessons/${course.body.modules[0].lessons[0].id}`);
    expect(first.body.blocks.map((b: { kind: string }) => b.kind)).toEqual(['video', 'text']);
    expect(first.body.blocks[1].html).toContain('document source 000');
    const video = first.body.blocks[0];
    expect(video.media).toMatchObject({ mime: 'video/webm', durationSeconds: 24 });
    expect(video.media.sizeBytes).toBeLessThanOrEqual(300 * 1024);
    const head = await teacher.get(video.media.url, { range: 'bytes=0-3' });
    expect(head.status).toBe(206);
    const vtt = await teacher.get(video.subtitles.url);
    expect(vtt.body).toMatch(/^WEBVTT/);
    expect(vtt.body).toContain('Bienvenue');
  });
});
