import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startCommunityPlatform, stopAfterMails } from '../../test/course-community';
import { createUser, type TestClient, type TestPlatform } from '../../test/harness';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

let t: TestPlatform;
let admin: TestClient;
let n = 0;

beforeAll(async () => {
  ({ t, admin } = await startCommunityPlatform('forum', 'admin-forum@example.org', NOW));
});
afterAll(async () => stopAfterMails(t));

interface Member {
  id: string;
  email: string;
  client: TestClient;
}

async function member(opts: { roles?: { role: string; scope?: string | null }[]; profession?: string; firstName?: string } = {}): Promise<Member> {
  n += 1;
  const u = await createUser(t, { email: `forum${n}@example.org`, roles: opts.roles, profession: opts.profession });
  // Distinct display names so that @mentions resolve to one person.
  await t.query('UPDATE app_user SET first_name = $2, last_name = $3 WHERE id = $1', [u.id, opts.firstName ?? `Prénom${n}`, `Nom${n}`]);
  return { id: u.id, email: u.email, client: await signIn(t, u) };
}

/** A published course with two modules and an open session. */
async function course() {
  n += 1;
  const c = await admin.post('/api/v1/courses', { slug: `forum-test-${n}`, title: `Cours forum ${n}`, kind: 'mooc', estimatedHoursPerWeek: 1, status: 'published' });
  expect(c.status).toBe(201);
  const id = c.body.id as string;
  await admin.post(`/api/v1/courses/${id}/modules`, { title: 'La douleur' });
  const d = await admin.post(`/api/v1/courses/${id}/modules`, { title: 'Autres symptômes' });
  const s = await admin.post(`/api/v1/courses/${id}/sessions`, { title: 'S', registrationOpensAt: at(-10), registrationClosesAt: at(10), startsAt: at(-3), endsAt: at(45) });
  expect(s.status).toBe(201);
  return { id, sessionId: s.body.sessionId as string, moduleIds: d.body.modules.map((m: { id: string }) => m.id) as string[] };
}

async function enrolled(sessionId: string, opts: Parameters<typeof member>[0] = {}) {
  const m = await member(opts);
  expect((await m.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).status).toBe(201);
  return m;
}

const thread = (over: Record<string, unknown> = {}) => ({ title: 'Morphine et constipation', body: 'Quel laxatif **associez-vous** ?', ...over });

describe('forum access', () => {
  it('lets enrolled learners and the teaching team read and post; refuses others in French', async () => {
    const c = await course();
    const learner = await enrolled(c.sessionId);
    const outsider = await member();
    const teacher = await member({ roles: [{ role: 'teacher', scope: c.id }] });
    const animator = await member({ roles: [{ role: 'forum_animator', scope: c.id }] });

    const post = await learner.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ moduleId: c.moduleIds[0] }));
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({ title: 'Morphine et constipation', moduleId: c.moduleIds[0], following: true, mayModerate: false, mayReply: true });
    expect(post.body.posts[0].bodyHtml).toBe('<p>Quel laxatif <strong>associez-vous</strong> ?</p>');

    const denied = await outsider.client.get(`/api/v1/courses/${c.id}/forum`);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/réservé à ses inscrits/);
    expect((await outsider.client.get(`/api/v1/forum/threads/${post.body.id}`)).status).toBe(403);
    expect((await outsider.client.post(`/api/v1/forum/threads/${post.body.id}/replies`, { body: 'Intrus' })).status).toBe(403);
    expect((await outsider.client.put(`/api/v1/forum/posts/${post.body.posts[0].id}/like`)).status).toBe(403);
    expect((await t.client().get(`/api/v1/courses/${c.id}/forum`)).status).toBe(401);
    expect((await learner.client.get('/api/v1/courses/00000000-0000-4000-8000-000000000999/forum')).status).toBe(404);

    // A withdrawn learner no longer reads the forum.
    const gone = await enrolled(c.sessionId);
    expect((await gone.client.get(`/api/v1/courses/${c.id}/forum`)).status).toBe(200);
    await gone.client.delete(`/api/v1/sessions/${c.sessionId}/enrolment`);
    expect((await gone.client.get(`/api/v1/courses/${c.id}/forum`)).status).toBe(403);

    for (const m of [teacher, animator]) {
      const f = await m.client.get(`/api/v1/courses/${c.id}/forum?module=${c.moduleIds[0]}`);
      expect(f.status).toBe(200);
      expect(f.body).toMatchObject({ mayModerate: true, module: { title: 'La douleur' } });
      expect(f.body.threads.map((x: { id: string }) => x.id)).toEqual([post.body.id]);
    }
    // The thread is in the module forum, not in the course forum.
    expect((await learner.client.get(`/api/v1/courses/${c.id}/forum`)).body.threads).toEqual([]);
    expect((await learner.client.get(`/api/v1/courses/${c.id}/forum`)).body.modules.map((m: { threadCount: number }) => m.threadCount)).toEqual([1, 0]);
  });

  it('answers 400 naming the field for bad input', async () => {
    const c = await course();
    const l = await enrolled(c.sessionId);
    expect(await l.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ title: '  ' }))).toMatchObject({ status: 400, body: { field: 'title' } });
    expect(await l.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ moduleId: '00000000-0000-4000-8000-000000000999' }))).toMatchObject({ status: 400, body: { field: 'moduleId' } });
    const other = await course();
    expect(await l.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ moduleId: other.moduleIds[0] }))).toMatchObject({ status: 400, body: { field: 'moduleId' } });
  });
});

describe('posting', () => {
  it('stores a retried thread and a retried reply once (client idempotency key)', async () => {
    const c = await course();
    const l = await enrolled(c.sessionId);
    const first = await l.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ idempotencyKey: 'cle-fil-0001' }));
    const again = await l.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ idempotencyKey: 'cle-fil-0001' }));
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const r1 = await l.client.post(`/api/v1/forum/threads/${first.body.id}/replies`, { body: 'Un complément', idempotencyKey: 'cle-reponse-1' });
    const r2 = await l.client.post(`/api/v1/forum/threads/${first.body.id}/replies`, { body: 'Un complément', idempotencyKey: 'cle-reponse-1' });
    expect([r1.status, r2.status]).toEqual([201, 200]);
    expect(r2.body.id).toBe(r1.body.id);
    const [{ threads, posts }] = await t.query<{ threads: number; posts: number }>(
      'SELECT (SELECT count(*)::int FROM forum_thread WHERE course_id = $1) AS threads, (SELECT count(*)::int FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id WHERE t.course_id = $1) AS posts',
      [c.id],
    );
    expect({ threads, posts }).toEqual({ threads: 1, posts: 2 });
  });

  it('counts one like per member, whatever the retries, and lets them take it back', async () => {
    const c = await course();
    const a = await enrolled(c.sessionId);
    const b = await enrolled(c.sessionId);
    const th = await a.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread());
    const postId = th.body.posts[0].id;
    for (let i = 0; i < 3; i++) expect((await b.client.put(`/api/v1/forum/posts/${postId}/like`)).body).toEqual({ postId, liked: true, likeCount: 1 });
    expect((await a.client.put(`/api/v1/forum/posts/${postId}/like`)).body.likeCount).toBe(2);
    expect((await b.client.delete(`/api/v1/forum/posts/${postId}/like`)).body).toEqual({ postId, liked: false, likeCount: 1 });
    expect((await b.client.delete(`/api/v1/forum/posts/${postId}/like`)).body.likeCount).toBe(1);
    const view = await b.client.get(`/api/v1/forum/threads/${th.body.id}`);
    expect(view.body.posts[0]).toMatchObject({ likeCount: 1, likedByMe: false });
  });

  it('lets the author edit (marked modifié) and delete (soft) their post, not someone else', async () => {
    const c = await course();
    const a = await enrolled(c.sessionId);
    const b = await enrolled(c.sessionId);
    const th = await a.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread());
    const reply = await a.client.post(`/api/v1/forum/threads/${th.body.id}/replies`, { body: 'Premier jet' });
    expect((await b.client.put(`/api/v1/forum/posts/${reply.body.id}`, { body: 'Vandalisme' })).status).toBe(403);
    expect((await b.client.delete(`/api/v1/forum/posts/${reply.body.id}`)).status).toBe(403);
    const edited = await a.client.put(`/api/v1/forum/posts/${reply.body.id}`, { body: 'Version *corrigée*' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ bodyHtml: '<p>Version <em>corrigée</em></p>', editedAt: NOW.toISOString() });
    const del = await a.client.delete(`/api/v1/forum/posts/${reply.body.id}`);
    expect(del.body).toMatchObject({ deleted: true, bodySource: '', bodyHtml: '' });
    const [row] = await t.query<{ body_source: string }>('SELECT body_source FROM forum_post WHERE id = $1', [reply.body.id]);
    expect(row.body_source).toBe('Version *corrigée*');
    const audit = await t.query<{ action: string }>("SELECT action FROM audit_event WHERE object_id = $1 ORDER BY id", [reply.body.id]);
    expect(audit.map((x) => x.action)).toEqual(['forum.reply_posted', 'forum.post_edited', 'forum.post_deleted']);
  });

  it('renders Markdown inert: no script, no event handler, no javascript: or data: SVG', async () => {
    const c = await course();
    const l = await enrolled(c.sessionId);
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[clic](javascript:alert(1))',
      '[clic](JaVaScRiPt:alert(1))',
      '<svg onload=alert(1)><script>alert(2)</script></svg>',
      '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
      '<a href="javascript:alert(1)">x</a>',
    ].join('\n\n');
    const th = await l.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ body: payloads }));
    const html: string = th.body.posts[0].bodyHtml;
    // No live element or attribute: tags only as escaped text, no on…= inside a tag, no dangerous address.
    expect(html).not.toMatch(/<script|<svg|<[a-z][^>]*\son\w+=|(href|src)="\s*(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<img src="" alt="x" />');
    const preview = await l.client.post('/api/v1/forum/preview', { body: '<img src=x onerror=alert(1)> [a](https://www.sfap.org)' });
    expect(preview.body.html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; <a rel="nofollow ugc noopener" href="https://www.sfap.org">a</a></p>');
  });
});

describe('following and mentions', () => {
  it('mails each follower once per reply (not the replier), and stops after unfollowing', async () => {
    const c = await course();
    const author = await enrolled(c.sessionId);
    const follower = await enrolled(c.sessionId);
    const replier = await enrolled(c.sessionId);
    const th = await author.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ title: 'Sujet suivi' }));
    expect((await follower.client.put(`/api/v1/forum/threads/${th.body.id}/follow`)).body).toEqual({ threadId: th.body.id, following: true });
    await follower.client.put(`/api/v1/forum/threads/${th.body.id}/follow`);

    const key = { body: 'Je réponds', idempotencyKey: 'cle-suivi-01' };
    await replier.client.post(`/api/v1/forum/threads/${th.body.id}/replies`, key);
    await replier.client.post(`/api/v1/forum/threads/${th.body.id}/replies`, key);
    const mail = await t.waitForMail(author.email, (m) => m.subject.includes('Sujet suivi'));
    expect(mail.text).toContain('Je réponds');
    expect(mail.text).toContain(`/se-former/forum/sujets/${th.body.id}?ne-plus-suivre=1`);
    await t.waitForMail(follower.email, (m) => m.subject.includes('Sujet suivi'));
    await new Promise((r) => setTimeout(r, 1500));
    const catcher = t.platform.deps.catcher!;
    expect(catcher.list(author.email).filter((m) => m.subject.includes('Sujet suivi'))).toHaveLength(1);
    expect(catcher.list(follower.email).filter((m) => m.subject.includes('Sujet suivi'))).toHaveLength(1);
    expect(catcher.list(replier.email)).toHaveLength(0);
    // Replying made the replier a follower.
    expect((await replier.client.get(`/api/v1/forum/threads/${th.body.id}`)).body.following).toBe(true);

    expect((await follower.client.delete(`/api/v1/forum/threads/${th.body.id}/follow`)).body.following).toBe(false);
    await author.client.post(`/api/v1/forum/threads/${th.body.id}/replies`, { body: 'Merci' });
    await t.waitForMail(replier.email, (m) => m.text.includes('Merci'));
    await new Promise((r) => setTimeout(r, 1000));
    expect(catcher.list(follower.email).filter((m) => m.subject.includes('Sujet suivi'))).toHaveLength(1);
  });

  it('tells a member named with @ (once, even when also following), and lists members for the picker', async () => {
    const c = await course();
    const a = await enrolled(c.sessionId, { firstName: 'Agathe' });
    const b = await enrolled(c.sessionId, { firstName: 'Bertrand' });
    const outsider = await member({ firstName: 'Zoé' });
    const bName = (await a.client.get(`/api/v1/courses/${c.id}/forum/members?q=Bertrand`)).body;
    expect(bName).toEqual([{ id: b.id, displayName: expect.stringMatching(/^Bertrand Nom/), profession: expect.any(String) }]);
    const outsiderName = `Zoé Nom${n}`;
    const th = await a.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ title: 'Avis pharmaceutique', body: `Qu'en pensez-vous @${bName[0].displayName} ? Et @${outsiderName} ?` }));
    expect(th.status).toBe(201);
    const m = await t.waitForMail(b.email, (x) => x.subject.includes('vous a mentionné'));
    expect(m.subject).toContain('Avis pharmaceutique');
    const rows = await t.query<{ user_id: string }>('SELECT user_id FROM forum_mention WHERE post_id = $1', [th.body.posts[0].id]);
    expect(rows.map((r) => r.user_id)).toEqual([b.id]);
    // b follows, then is named in a reply: one mail (the mention), not two.
    await b.client.put(`/api/v1/forum/threads/${th.body.id}/follow`);
    await a.client.post(`/api/v1/forum/threads/${th.body.id}/replies`, { body: `Relance @${bName[0].displayName}` });
    await t.waitForMail(b.email, (x) => x.text.includes('Relance'));
    await new Promise((r) => setTimeout(r, 1000));
    expect(t.platform.deps.catcher!.list(b.email).filter((x) => x.text.includes('Relance'))).toHaveLength(1);
    expect(t.platform.deps.catcher!.list(outsider.email)).toHaveLength(0);
  });
});

describe('moderation', () => {
  it('lets an animator pin and lock; a locked thread refuses replies; learners cannot moderate', async () => {
    const c = await course();
    const l = await enrolled(c.sessionId);
    const animator = await member({ roles: [{ role: 'forum_animator', scope: c.id }] });
    const otherAnimator = await member({ roles: [{ role: 'forum_animator', scope: (await course()).id }] });
    const older = await l.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ title: 'Ancien' }));
    await l.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ title: 'Récent' }));
    expect((await l.client.put(`/api/v1/forum/threads/${older.body.id}/moderation`, { pinned: true })).status).toBe(403);
    expect((await otherAnimator.client.put(`/api/v1/forum/threads/${older.body.id}/moderation`, { pinned: true })).status).toBe(403);
    const pinned = await animator.client.put(`/api/v1/forum/threads/${older.body.id}/moderation`, { pinned: true, locked: true });
    expect(pinned.body).toMatchObject({ pinned: true, locked: true, mayReply: false });
    const list = await l.client.get(`/api/v1/courses/${c.id}/forum`);
    expect(list.body.threads.map((x: { title: string }) => x.title)).toEqual(['Ancien', 'Récent']);
    const refused = await l.client.post(`/api/v1/forum/threads/${older.body.id}/replies`, { body: 'Encore une chose' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/verrouillée/);
    await animator.client.put(`/api/v1/forum/threads/${older.body.id}/moderation`, { locked: false });
    expect((await l.client.post(`/api/v1/forum/threads/${older.body.id}/replies`, { body: 'Encore une chose' })).status).toBe(201);
    const audit = await t.query<{ action: string }>("SELECT action FROM audit_event WHERE object_id = $1 AND action LIKE 'forum.thread_%' ORDER BY id", [older.body.id]);
    expect(audit.map((x) => x.action)).toEqual(['forum.thread_created', 'forum.thread_pinned', 'forum.thread_locked', 'forum.thread_unlocked']);
  });

  it('hides a post from learners but shows it, marked, to moderators; handles reports in a queue', async () => {
    const c = await course();
    const a = await enrolled(c.sessionId);
    const b = await enrolled(c.sessionId);
    const teacher = await member({ roles: [{ role: 'teacher', scope: c.id }] });
    const th = await a.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread());
    const bad = await b.client.post(`/api/v1/forum/threads/${th.body.id}/replies`, { body: 'Propos déplacés' });
    expect(await a.client.post(`/api/v1/forum/posts/${bad.body.id}/reports`, { reason: '' })).toMatchObject({ status: 400, body: { field: 'reason' } });
    const rep = await a.client.post(`/api/v1/forum/posts/${bad.body.id}/reports`, { reason: 'Propos irrespectueux' });
    expect(rep.status).toBe(201);
    expect((await a.client.post(`/api/v1/forum/posts/${bad.body.id}/reports`, { reason: 'Encore' })).status).toBe(200);
    expect((await a.client.get(`/api/v1/courses/${c.id}/forum/reports`)).status).toBe(403);
    const queue = await teacher.client.get(`/api/v1/courses/${c.id}/forum/reports`);
    expect(queue.body).toEqual([expect.objectContaining({ id: rep.body.id, reason: 'Propos irrespectueux', post: expect.objectContaining({ id: bad.body.id, bodySource: 'Propos déplacés' }) })]);
    expect((await teacher.client.get(`/api/v1/courses/${c.id}/forum`)).body.openReports).toBe(1);

    const done = await teacher.client.post(`/api/v1/forum/reports/${rep.body.id}/resolution`, { outcome: 'hidden' });
    expect(done.body).toMatchObject({ outcome: 'hidden', resolvedCount: 1 });
    expect((await teacher.client.post(`/api/v1/forum/reports/${rep.body.id}/resolution`, { outcome: 'hidden' })).status).toBe(409);
    expect((await teacher.client.get(`/api/v1/courses/${c.id}/forum/reports`)).body).toEqual([]);

    const learnerView = (await a.client.get(`/api/v1/forum/threads/${th.body.id}`)).body.posts[1];
    expect(learnerView).toMatchObject({ hidden: true, bodySource: '', bodyHtml: '' });
    const modView = (await teacher.client.get(`/api/v1/forum/threads/${th.body.id}`)).body.posts[1];
    expect(modView).toMatchObject({ hidden: true, bodySource: 'Propos déplacés' });
    expect((await teacher.client.put(`/api/v1/forum/posts/${bad.body.id}/hidden`, { hidden: false })).body.hidden).toBe(false);
    expect((await a.client.put(`/api/v1/forum/posts/${bad.body.id}/hidden`, { hidden: true })).status).toBe(403);
    const audit = await t.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE (object_id = $1 OR object_id = $2) AND action LIKE 'forum.%' ORDER BY id",
      [bad.body.id, rep.body.id],
    );
    expect(audit.map((x) => x.action)).toEqual(['forum.reply_posted', 'forum.post_reported', 'forum.post_hidden', 'forum.report_resolved', 'forum.post_unhidden']);
  });
});

describe('forum counts for teachers', () => {
  it('counts threads, replies and likes per module and per week; refused to learners', async () => {
    const c = await course();
    const a = await enrolled(c.sessionId);
    const b = await enrolled(c.sessionId);
    const teacher = await member({ roles: [{ role: 'teacher', scope: c.id }] });
    const t1 = await a.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread());
    const t2 = await a.client.post(`/api/v1/courses/${c.id}/forum/threads`, thread({ moduleId: c.moduleIds[1] }));
    await b.client.post(`/api/v1/forum/threads/${t1.body.id}/replies`, { body: 'r1' });
    const r2 = await b.client.post(`/api/v1/forum/threads/${t2.body.id}/replies`, { body: 'r2' });
    await a.client.put(`/api/v1/forum/posts/${r2.body.id}/like`);
    await b.client.put(`/api/v1/forum/posts/${t2.body.posts[0].id}/like`);
    expect((await a.client.get(`/api/v1/courses/${c.id}/forum/stats`)).status).toBe(403);
    const s = await teacher.client.get(`/api/v1/courses/${c.id}/forum/stats?bucket=week`);
    expect(s.status).toBe(200);
    expect(s.body.totals).toEqual({ threads: 2, replies: 2, likes: 2 });
    expect(s.body.modules.map((m: { threads: number; replies: number; likes: number }) => [m.threads, m.replies, m.likes])).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [1, 1, 2],
    ]);
    // 22 November 2026 is a Sunday: its week starts on Monday the 16th.
    expect(s.body.series.map((r: { period: string }) => r.period)).toEqual(['2026-11-16', '2026-11-16']);
    expect((await teacher.client.get(`/api/v1/courses/${c.id}/forum/stats?bucket=year`))).toMatchObject({ status: 400, body: { field: 'bucket' } });
  });
});
