import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unionIntervals, type Interval } from '@palliance/core';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

let t: TestPlatform;
let dataDir: string;
let admin: TestClient;
let learner: TestClient;
let outsider: TestClient;
const ids = { course: '', session: '', m1: '', m2: '', l1: '', l1b: '', l2: '', video: '', vtt: '', doc: '', videoBlock: '', lockedVideoBlock: '' };
const VIDEO_BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

async function signIn(email: string, roles?: { role: string; scope?: string | null }[]): Promise<TestClient> {
  const u = await createUser(t, { email, roles });
  const c = t.client();
  expect((await c.login(u.email, u.password)).status).toBe(200);
  return c;
}

/** Sends raw bytes as the body (the harness client sends JSON). */
async function upload(c: TestClient, courseId: string, body: Buffer | string, type: string, query = '') {
  const res = await fetch(`${t.baseUrl}/api/v1/courses/${courseId}/media${query}`, {
    method: 'POST',
    headers: { 'content-type': type, origin: t.baseUrl, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function raw(c: TestClient, url: string, headers: Record<string, string> = {}) {
  return fetch(t.baseUrl + url, { headers: { ...headers, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palliance-media-'));
  t = await startTestPlatform({ DATA_DIR: dataDir }, { now: () => NOW });
  admin = await signIn('admin-contenu@example.org', [{ role: 'admin' }]);
  learner = await signIn('infirmiere-contenu@example.org');
  outsider = await signIn('non-inscrit@example.org');
  const c = await admin.post('/api/v1/courses', { slug: 'cours-contenu', title: 'Cours contenu', kind: 'mooc', estimatedHoursPerWeek: 1, status: 'published' });
  ids.course = c.body.id;
  await admin.post(`/api/v1/courses/${ids.course}/modules`, { title: 'Module ouvert' });
  const withModules = await admin.post(`/api/v1/courses/${ids.course}/modules`, { title: 'Module à venir' });
  [ids.m1, ids.m2] = withModules.body.modules.map((m: { id: string }) => m.id);
  await admin.post(`/api/v1/modules/${ids.m1}/lessons`, { title: 'Leçon vidéo' });
  await admin.post(`/api/v1/modules/${ids.m1}/lessons`, { title: 'Leçon texte' });
  const d = await admin.post(`/api/v1/modules/${ids.m2}/lessons`, { title: 'Leçon verrouillée' });
  [ids.l1, ids.l1b] = d.body.modules[0].lessons.map((l: { id: string }) => l.id);
  ids.l2 = d.body.modules[1].lessons[0].id;
  // Started 3 days ago, a module a week: module 1 open, module 2 opens in 4 days.
  const s = await admin.post(`/api/v1/courses/${ids.course}/sessions`, { title: 'S1', registrationOpensAt: at(-10), registrationClosesAt: at(10), startsAt: at(-3), endsAt: at(40) });
  ids.session = s.body.sessionId;
  expect((await learner.post(`/api/v1/sessions/${ids.session}/enrolment`, {})).status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('uploads', () => {
  it('stores a video, subtitles and a document under the data folder', async () => {
    const v = await upload(admin, ids.course, VIDEO_BYTES, 'video/webm', '?name=cours.webm&duration=100');
    expect(v.status).toBe(201);
    expect(v.body).toMatchObject({ kind: 'video', mime: 'video/webm', sizeBytes: 1000, durationSeconds: 100, originalName: 'cours.webm' });
    ids.video = v.body.id;
    expect(fs.readdirSync(path.join(dataDir, 'media', ids.course))).toContain(`${ids.video}.webm`);
    const s = await upload(admin, ids.course, 'WEBVTT\n\n00:00.000 --> 00:05.000\nBonjour\n', 'text/vtt', '?name=fr.vtt');
    expect(s.status).toBe(201);
    ids.vtt = s.body.id;
    const d = await upload(admin, ids.course, '%PDF-1.4 test', 'application/pdf', '?name=Fiche%20soins.pdf');
    expect(d.status).toBe(201);
    ids.doc = d.body.id;
  });

  it('refuses other types, subtitles that are not WebVTT, and learners, with a French message', async () => {
    const exe = await upload(admin, ids.course, 'MZ...', 'application/x-msdownload');
    expect(exe.status).toBe(400);
    expect(exe.body).toMatchObject({ field: 'file', message: expect.stringContaining("n'est pas accepté") });
    const srt = await upload(admin, ids.course, '1\n00:00:00,000 --> 00:00:05,000\nBonjour\n', 'text/vtt');
    expect(srt.status).toBe(400);
    expect(srt.body.message).toContain('WEBVTT');
    const json = await upload(admin, ids.course, '{"a":1}', 'application/json');
    expect(json.status).toBe(400);
    expect((await upload(learner, ids.course, VIDEO_BYTES, 'video/webm')).status).toBe(403);
    // Nothing half-written: only the three accepted files are on disk.
    expect(fs.readdirSync(path.join(dataDir, 'media', ids.course))).toHaveLength(3);
  });
});

describe('authoring blocks', () => {
  it('adds blocks in order, renders Markdown to safe HTML, and reorders them in one go', async () => {
    const text = await admin.post(`/api/v1/lessons/${ids.l1}/blocks`, {
      kind: 'text',
      markdown: '**Important** <script>alert(1)</script> [lien](javascript:alert(1)) [HAS](https://www.has-sante.fr)',
    });
    expect(text.status).toBe(201);
    expect(text.body[0].html).toContain('<strong>Important</strong>');
    expect(text.body[0].html).not.toContain('<script>');
    expect(text.body[0].html).not.toContain('javascript:');
    expect(text.body[0].html).toContain('href="https://www.has-sante.fr"');
    const video = await admin.post(`/api/v1/lessons/${ids.l1}/blocks`, { kind: 'video', title: 'Vidéo', mediaId: ids.video, subtitlesId: ids.vtt, transcript: 'Transcription' });
    expect(video.status).toBe(201);
    ids.videoBlock = video.body[1].id;
    await admin.post(`/api/v1/lessons/${ids.l1}/blocks`, { kind: 'document', title: 'Fiche', mediaId: ids.doc });
    // A quiz block points at a quiz of the course (foreign key since migration 0018).
    const [q] = await t.query<{ id: string }>(
      `INSERT INTO quiz (course_id, title, kind, selection) VALUES ($1, 'Quiz du module', 'self_assessment', '{"mode":"fixed","questionIds":[]}') RETURNING id`,
      [ids.course],
    );
    const quiz = await admin.post(`/api/v1/lessons/${ids.l1}/blocks`, { kind: 'quiz', title: 'Quiz du module', quizId: q.id });
    expect(quiz.body.map((b: { kind: string; position: number }) => [b.kind, b.position])).toEqual([
      ['text', 1],
      ['video', 2],
      ['document', 3],
      ['quiz', 4],
    ]);
    const order = [quiz.body[1].id, quiz.body[0].id, quiz.body[3].id, quiz.body[2].id];
    const re = await admin.put(`/api/v1/lessons/${ids.l1}/blocks/order`, { ids: order });
    expect(re.status).toBe(200);
    expect(re.body.map((b: { id: string }) => b.id)).toEqual(order);
    expect(re.body.map((b: { position: number }) => b.position)).toEqual([1, 2, 3, 4]);
    const audit = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'lesson.blocks_reordered' AND object_id = $1", [ids.l1]);
    expect(audit[0].n).toBe(1);
  });

  it('refuses a reorder that forgets or repeats a block, a document posing as a video, and learners', async () => {
    const blocks = (await admin.get(`/api/v1/lessons/${ids.l1}`)).body.blocks as { id: string }[];
    const bad = await admin.put(`/api/v1/lessons/${ids.l1}/blocks/order`, { ids: [blocks[0].id, blocks[0].id, blocks[1].id, blocks[2].id] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('exactement une fois');
    const wrong = await admin.post(`/api/v1/lessons/${ids.l1b}/blocks`, { kind: 'video', mediaId: ids.doc });
    expect(wrong).toMatchObject({ status: 400, body: { field: 'mediaId' } });
    expect((await learner.post(`/api/v1/lessons/${ids.l1b}/blocks`, { kind: 'text', markdown: 'x' })).status).toBe(403);
    const locked = await admin.post(`/api/v1/lessons/${ids.l2}/blocks`, { kind: 'video', mediaId: ids.video });
    ids.lockedVideoBlock = locked.body[0].id;
  });
});

describe('who sees a lesson', () => {
  it('shows an open lesson to an enrolled learner, with its blocks in order', async () => {
    const res = await learner.get(`/api/v1/lessons/${ids.l1}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Leçon vidéo', tracked: true, mayEdit: false, previous: null, next: { id: ids.l1b, locked: false } });
    expect(res.body.blocks[0]).toMatchObject({ kind: 'video', media: { url: `/api/v1/media/${ids.video}` }, subtitles: { id: ids.vtt } });
  });

  it('refuses those not enrolled and keeps a locked module locked, saying when it opens', async () => {
    expect((await outsider.get(`/api/v1/lessons/${ids.l1}`)).status).toBe(403);
    expect((await t.client().get(`/api/v1/lessons/${ids.l1}`)).status).toBe(401);
    const locked = await learner.get(`/api/v1/lessons/${ids.l2}`);
    expect(locked.status).toBe(403);
    expect(locked.body.message).toContain('Ce module ouvre le 26 novembre 2026');
    // The lesson before a locked module points to it as locked.
    expect((await learner.get(`/api/v1/lessons/${ids.l1b}`)).body.next).toMatchObject({ id: ids.l2, locked: true });
    // Authors see everything, without their visits being counted.
    expect((await admin.get(`/api/v1/lessons/${ids.l2}`)).body).toMatchObject({ tracked: false, mayEdit: true });
  });
});

describe('serving media', () => {
  it('answers range requests with 206 and the exact bytes, the whole file with 200, and 416 outside it', async () => {
    const part = await raw(learner, `/api/v1/media/${ids.video}`, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(VIDEO_BYTES.subarray(100, 200));
    const open = await raw(learner, `/api/v1/media/${ids.video}`, { range: 'bytes=900-' });
    expect(open.headers.get('content-range')).toBe('bytes 900-999/1000');
    const suffix = await raw(learner, `/api/v1/media/${ids.video}`, { range: 'bytes=-10' });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(VIDEO_BYTES.subarray(990));
    const whole = await raw(learner, `/api/v1/media/${ids.video}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect((await whole.arrayBuffer()).byteLength).toBe(1000);
    const out = await raw(learner, `/api/v1/media/${ids.video}`, { range: 'bytes=1000-1100' });
    expect(out.status).toBe(416);
    expect(out.headers.get('content-range')).toBe('bytes */1000');
    const etag = whole.headers.get('etag')!;
    expect(whole.headers.get('last-modified')).toBeTruthy();
    expect((await raw(learner, `/api/v1/media/${ids.video}`, { 'if-none-match': etag })).status).toBe(304);
  });

  it('serves subtitles as text/vtt and documents as attachments', async () => {
    const vtt = await raw(learner, `/api/v1/media/${ids.vtt}`);
    expect(vtt.headers.get('content-type')).toContain('text/vtt');
    expect(await vtt.text()).toMatch(/^WEBVTT/);
    const doc = await raw(learner, `/api/v1/media/${ids.doc}`);
    expect(doc.headers.get('content-disposition')).toMatch(/^attachment; filename="Fiche soins.pdf"/);
  });

  it('hides files from those who may not open the lesson (404), including files of a locked module', async () => {
    expect((await raw(outsider, `/api/v1/media/${ids.video}`, { range: 'bytes=0-9' })).status).toBe(404);
    expect((await raw(t.client(), `/api/v1/media/${ids.video}`)).status).toBe(401);
    const lonely = await upload(admin, ids.course, VIDEO_BYTES, 'video/mp4');
    expect((await raw(learner, `/api/v1/media/${lonely.body.id}`)).status).toBe(404);
    expect((await raw(admin, `/api/v1/media/${lonely.body.id}`)).status).toBe(200);
  });
});

describe('progress', () => {
  const sent = Date.parse('2026-11-22T09:59:00Z');

  it('merges watched parts, ignores a retried report, and never moves the position back for a late one', async () => {
    const first = { positionSeconds: 30, durationSeconds: 100, watched: [[0, 30]], sentAt: sent };
    const a = await learner.post(`/api/v1/blocks/${ids.videoBlock}/progress`, first);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ positionSeconds: 30, watchedPercent: 30, watched: [[0, 30]] });
    const retry = await learner.post(`/api/v1/blocks/${ids.videoBlock}/progress`, first);
    expect(retry.body).toEqual(a.body);
    // The learner seeks to 80 and watches 10 s: seeking does not count.
    const b = await learner.post(`/api/v1/blocks/${ids.videoBlock}/progress`, { positionSeconds: 90, durationSeconds: 100, watched: [[80, 90]], sentAt: sent + 30_000 });
    expect(b.body).toMatchObject({ positionSeconds: 90, watchedPercent: 40, watched: [[0, 30], [80, 90]] });
    const late = await learner.post(`/api/v1/blocks/${ids.videoBlock}/progress`, { positionSeconds: 20, watched: [[10, 20]], sentAt: sent + 10_000 });
    expect(late.body).toMatchObject({ positionSeconds: 90, watchedPercent: 40 });
    const rows = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM video_progress WHERE block_id = $1', [ids.videoBlock]);
    expect(rows[0].n).toBe(1);
  });

  it('gives the lesson back at the same second, and the course progress with where to resume', async () => {
    expect((await learner.post(`/api/v1/lessons/${ids.l1}/visit`, {})).body).toEqual({ tracked: true });
    const lesson = await learner.get(`/api/v1/lessons/${ids.l1}`);
    expect(lesson.body.videoProgress).toEqual([expect.objectContaining({ blockId: ids.videoBlock, positionSeconds: 90, watchedPercent: 40 })]);
    const p = await learner.get(`/api/v1/courses/${ids.course}/progress`);
    expect(p.status).toBe(200);
    expect(p.body.resume).toEqual({ lessonId: ids.l1, lessonTitle: 'Leçon vidéo', blockId: ids.videoBlock, positionSeconds: 90 });
    expect(p.body.modules.map((m: { locked: boolean }) => m.locked)).toEqual([false, true]);
    expect(p.body.modules[0]).toMatchObject({ lessonsTotal: 2, lessonsComplete: 0, complete: false });
    expect(p.body.modules[0].lessons[0]).toMatchObject({ seen: true, complete: false });
    expect(p.body.percent).toBe(0);
    // With a lower video threshold and no quiz requirement the video lesson becomes complete.
    const rule = await admin.put(`/api/v1/courses/${ids.course}/completion-rule`, { requireLessonsSeen: true, videoPercent: 40, requireQuizzesPassed: false });
    expect(rule.status).toBe(200);
    const p2 = await learner.get(`/api/v1/courses/${ids.course}/progress`);
    expect(p2.body.modules[0]).toMatchObject({ lessonsComplete: 1, percent: 66 });
    expect(p2.body.percent).toBe(33);
  });

  it('records nothing for those not enrolled or in a locked module, and refuses bad reports in French', async () => {
    expect((await outsider.post(`/api/v1/blocks/${ids.videoBlock}/progress`, { positionSeconds: 5, sentAt: sent })).status).toBe(404);
    expect((await learner.post(`/api/v1/blocks/${ids.lockedVideoBlock}/progress`, { positionSeconds: 5, sentAt: sent })).status).toBe(404);
    const bad = await learner.post(`/api/v1/blocks/${ids.videoBlock}/progress`, { positionSeconds: -1, sentAt: sent });
    expect(bad).toMatchObject({ status: 400, body: { field: 'positionSeconds' } });
    const fake = await learner.post(`/api/v1/blocks/${ids.videoBlock}/progress`, { positionSeconds: 100, watched: [[0, 1000]], sentAt: sent + 60_000 });
    expect(fake.status).toBe(400);
    expect(fake.body.message).toContain('150 secondes');
  });
});

describe('editing what learners already use', () => {
  it('refuses to delete a watched video, an opened lesson or a session with learners, and says why', async () => {
    const v = await admin.delete(`/api/v1/blocks/${ids.videoBlock}`);
    expect(v.status).toBe(409);
    expect(v.body.message).toContain('Remplacez plutôt le fichier');
    expect((await admin.delete(`/api/v1/lessons/${ids.l1}`)).status).toBe(409);
    expect((await admin.delete(`/api/v1/modules/${ids.m1}`)).status).toBe(409);
    const s = await admin.delete(`/api/v1/sessions/${ids.session}`);
    expect(s.status).toBe(409);
    expect(s.body.message).toContain('1 inscrit(e)s');
  });

  it('deletes what nobody used, keeping positions 1..n, and moves release dates with the module order', async () => {
    const blocks = (await admin.get(`/api/v1/lessons/${ids.l1}`)).body.blocks as { id: string; kind: string }[];
    const text = blocks.find((b) => b.kind === 'text')!;
    const after = await admin.delete(`/api/v1/blocks/${text.id}`);
    expect(after.status).toBe(200);
    expect(after.body.map((b: { position: number }) => b.position)).toEqual([1, 2, 3]);
    const extra = await admin.post(`/api/v1/modules/${ids.m1}/lessons`, { title: 'Leçon en trop' });
    const extraId = extra.body.modules[0].lessons[2].id;
    const del = await admin.delete(`/api/v1/lessons/${extraId}`);
    expect(del.status).toBe(200);
    expect(del.body.modules[0].lessons.map((l: { position: number }) => l.position)).toEqual([1, 2]);
    const re = await admin.put(`/api/v1/courses/${ids.course}/modules/order`, { ids: [ids.m2, ids.m1] });
    expect(re.status).toBe(200);
    expect(re.body.modules.map((m: { id: string; opensAt: string }) => [m.id, m.opensAt])).toEqual([
      [ids.m2, at(-3)],
      [ids.m1, at(4)],
    ]);
    // Module 1 is now the later one: its lesson is locked for the learner.
    expect((await learner.get(`/api/v1/lessons/${ids.l1}`)).status).toBe(403);
    await admin.put(`/api/v1/courses/${ids.course}/modules/order`, { ids: [ids.m1, ids.m2] });
    const renamed = await admin.put(`/api/v1/lessons/${ids.l1b}`, { title: 'Leçon texte (revue)' });
    expect(renamed.body.modules[0].lessons[1].title).toBe('Leçon texte (revue)');
    const session = await admin.put(`/api/v1/sessions/${ids.session}`, { title: 'S1 bis', registrationOpensAt: at(-10), registrationClosesAt: at(10), startsAt: at(-10), endsAt: at(40) });
    expect(session.body.modules.map((m: { opensAt: string }) => m.opensAt)).toEqual([at(-10), at(-3)]);
    expect((await learner.get(`/api/v1/lessons/${ids.l2}`)).status).toBe(200);
  });
});

describe('watched_union() in the database', () => {
  it('gives the same union as the rule shared with the player', async () => {
    let seed = 7;
    const rnd = (max: number) => (seed = (seed * 48271) % 2147483647) % max;
    for (let i = 0; i < 25; i++) {
      const parts = (k: number): Interval[] => Array.from({ length: k }, () => { const s = rnd(300); return [s, s + 1 + rnd(60)] as Interval; });
      const a = parts(rnd(6));
      const b = parts(rnd(6));
      const [row] = await t.query<{ u: Interval[] }>('SELECT watched_union($1::jsonb, $2::jsonb) AS u', [JSON.stringify(a), JSON.stringify(b)]);
      expect(row.u).toEqual(unionIntervals(a, b));
    }
  });
});
