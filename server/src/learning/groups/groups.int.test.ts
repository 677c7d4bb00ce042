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
  ({ t, admin } = await startCommunityPlatform('groups', 'admin-groupes@example.org', NOW));
});
afterAll(async () => stopAfterMails(t));

async function member(opts: { roles?: { role: string; scope?: string | null }[]; profession?: string } = {}) {
  n += 1;
  const u = await createUser(t, { email: `groupe${n}@example.org`, roles: opts.roles, profession: opts.profession });
  return { id: u.id, email: u.email, client: await signIn(t, u) };
}

async function course() {
  n += 1;
  const c = await admin.post('/api/v1/courses', { slug: `groupes-test-${n}`, title: `Cours groupes ${n}`, kind: 'mooc', estimatedHoursPerWeek: 1, status: 'published' });
  const s = await admin.post(`/api/v1/courses/${c.body.id}/sessions`, { title: 'S', registrationOpensAt: at(-10), registrationClosesAt: at(10), startsAt: at(-3), endsAt: at(45) });
  return { id: c.body.id as string, sessionId: s.body.sessionId as string };
}

async function learners(sessionId: string, professions: string[]) {
  const out = [];
  for (const profession of professions) {
    const m = await member({ profession });
    expect((await m.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).status).toBe(201);
    out.push({ ...m, profession });
  }
  return out;
}

describe('groups', () => {
  it('mixes professions over N groups; members see only their group, teachers see all', async () => {
    const c = await course();
    const teacher = await member({ roles: [{ role: 'teacher', scope: c.id }] });
    const ls = await learners(c.sessionId, ['infirmier', 'infirmier', 'medecin_generaliste', 'medecin_generaliste', 'pharmacien', 'pharmacien']);
    const outsider = await member();

    expect((await ls[0].client.post(`/api/v1/courses/${c.id}/groups/auto-mix`, { groupCount: 2 })).status).toBe(403);
    expect(await teacher.client.post(`/api/v1/courses/${c.id}/groups/auto-mix`, { groupCount: 7 })).toMatchObject({ status: 400, body: { field: 'groupCount' } });
    const mix = await teacher.client.post(`/api/v1/courses/${c.id}/groups/auto-mix`, { groupCount: 2, assignment: 'Construisez ensemble le parcours de Mme D. (cas fictif).' });
    expect(mix.status).toBe(201);
    expect(mix.body.groups).toHaveLength(2);
    expect(mix.body.unassigned).toEqual([]);
    for (const g of mix.body.groups) {
      expect(g.members).toHaveLength(3);
      expect(new Set(g.members.map((m: { profession: string }) => m.profession)).size).toBe(3);
      expect(g).toMatchObject({ status: 'aucun_rendu', latestVersion: null, discussionThreadId: expect.any(String) });
    }

    const mine = await ls[0].client.get(`/api/v1/courses/${c.id}/groups`);
    expect(mine.body).toMatchObject({ mayManage: false, unassigned: [] });
    expect(mine.body.groups).toHaveLength(1);
    const myGroup = mine.body.groups[0];
    expect(myGroup.members.map((m: { id: string }) => m.id)).toContain(ls[0].id);
    const otherGroup = mix.body.groups.find((g: { id: string }) => g.id !== myGroup.id);
    expect((await ls[0].client.get(`/api/v1/groups/${otherGroup.id}`)).status).toBe(404);
    expect((await ls[0].client.get(`/api/v1/forum/threads/${otherGroup.discussionThreadId}`)).status).toBe(404);
    expect((await outsider.client.get(`/api/v1/groups/${myGroup.id}`)).status).toBe(403);
    expect((await teacher.client.get(`/api/v1/groups/${otherGroup.id}`)).status).toBe(200);

    // The group's discussion is a thread of the forum model, private to the group.
    const reply = await ls[0].client.post(`/api/v1/forum/threads/${myGroup.discussionThreadId}/replies`, { body: 'Je prends la partie soins de support.' });
    expect(reply.status).toBe(201);
    const mate = ls.find((l) => l.id !== ls[0].id && myGroup.members.some((m: { id: string }) => m.id === l.id))!;
    await t.waitForMail(mate.email, (m) => m.text.includes('soins de support'));
    expect((await ls[0].client.get(`/api/v1/courses/${c.id}/forum`)).body.threads).toEqual([]);

    // A report in a group's discussion reaches the teachers' queue, not the learner-animators'.
    const animator = await member({ roles: [{ role: 'forum_animator', scope: c.id }] });
    expect((await mate.client.post(`/api/v1/forum/posts/${reply.body.id}/reports`, { reason: 'Hors sujet' })).status).toBe(201);
    expect((await teacher.client.get(`/api/v1/courses/${c.id}/forum/reports`)).body.map((r: { post: { id: string } }) => r.post.id)).toEqual([reply.body.id]);
    expect((await animator.client.get(`/api/v1/courses/${c.id}/forum/reports`)).body).toEqual([]);
    expect((await animator.client.get(`/api/v1/forum/threads/${myGroup.discussionThreadId}`)).status).toBe(404);
  });

  it('creates a group by hand from enrolled learners not yet grouped', async () => {
    const c = await course();
    const teacher = await member({ roles: [{ role: 'teacher', scope: c.id }] });
    const ls = await learners(c.sessionId, ['infirmier', 'psychologue']);
    const stranger = await member();
    expect(await teacher.client.post(`/api/v1/courses/${c.id}/groups`, { name: 'Groupe A', memberIds: [stranger.id] })).toMatchObject({ status: 400, body: { field: 'memberIds' } });
    const g = await teacher.client.post(`/api/v1/courses/${c.id}/groups`, { name: 'Groupe A', memberIds: [ls[0].id] });
    expect(g.status).toBe(201);
    expect(g.body.unassigned.map((u: { id: string }) => u.id)).toEqual([ls[1].id]);
    expect(await teacher.client.post(`/api/v1/courses/${c.id}/groups`, { name: 'Groupe B', memberIds: [ls[0].id] })).toMatchObject({ status: 409, body: { field: 'memberIds' } });
    expect(await teacher.client.post(`/api/v1/courses/${c.id}/groups`, { name: 'Groupe A', memberIds: [ls[1].id] })).toMatchObject({ status: 409, body: { field: 'name' } });
  });

  it('keeps versions of the work with a file served only to the group and teachers; teachers review', async () => {
    const c = await course();
    const teacher = await member({ roles: [{ role: 'teacher', scope: c.id }] });
    const ls = await learners(c.sessionId, ['infirmier', 'pharmacien', 'medecin_generaliste', 'psychologue']);
    const mix = await teacher.client.post(`/api/v1/courses/${c.id}/groups/auto-mix`, { groupCount: 2 });
    const [g1, g2] = mix.body.groups;
    const inG1 = ls.find((l) => g1.members.some((m: { id: string }) => m.id === l.id))!;
    const inG2 = ls.find((l) => g2.members.some((m: { id: string }) => m.id === l.id))!;

    expect(await inG1.client.post(`/api/v1/groups/${g1.id}/submissions`, { body: '' })).toMatchObject({ status: 400, body: { field: 'body' } });
    expect((await inG2.client.post(`/api/v1/groups/${g1.id}/submissions`, { body: 'intrus' })).status).toBe(404);
    expect((await teacher.client.post(`/api/v1/groups/${g1.id}/submissions`, { body: 'enseignant' })).status).toBe(403);

    const content = 'Synthèse du groupe 1 (fictif)';
    const file = { name: 'synthese.txt', type: 'text/plain', contentBase64: Buffer.from(content).toString('base64') };
    const v1 = await inG1.client.post(`/api/v1/groups/${g1.id}/submissions`, { body: 'Première version', file, idempotencyKey: 'rendu-g1-v1' });
    expect(v1.status).toBe(201);
    const retry = await inG1.client.post(`/api/v1/groups/${g1.id}/submissions`, { body: 'Première version', file, idempotencyKey: 'rendu-g1-v1' });
    expect(retry.status).toBe(200);
    expect(retry.body.submissions).toHaveLength(1);
    const sub = v1.body.submissions[0];
    expect(sub).toMatchObject({ version: 1, body: 'Première version', file: { name: 'synthese.txt', size: Buffer.byteLength(content) } });

    const dl = await fetch(t.baseUrl + sub.file.url, { headers: { cookie: [...inG1.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await dl.text()).toBe(content);
    expect((await inG2.client.get(sub.file.url)).status).toBe(404);
    expect((await teacher.client.get(sub.file.url)).status).toBe(200);

    expect((await inG1.client.post(`/api/v1/group-submissions/${sub.id}/reviews`, { status: 'valide' })).status).toBe(403);
    expect(await teacher.client.post(`/api/v1/group-submissions/${sub.id}/reviews`, { status: 'ok' })).toMatchObject({ status: 400, body: { field: 'status' } });
    const rev = await teacher.client.post(`/api/v1/group-submissions/${sub.id}/reviews`, { status: 'a_revoir', comment: 'Précisez le rôle du pharmacien.' });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ status: 'a_revoir', latestVersion: 1 });
    const told = await t.waitForMail(inG1.email, (m) => m.subject.includes('version 1 à revoir'));
    expect(told.text).toContain('Précisez le rôle du pharmacien.');
    const v2 = await inG1.client.post(`/api/v1/groups/${g1.id}/submissions`, { body: 'Deuxième version' });
    expect(v2.body).toMatchObject({ status: 'soumis', latestVersion: 2 });
    expect(v2.body.submissions.map((s: { version: number }) => s.version)).toEqual([2, 1]);
    expect(v2.body.submissions[1].reviews).toEqual([expect.objectContaining({ status: 'a_revoir', comment: 'Précisez le rôle du pharmacien.' })]);

    // Once work is handed in, the platform no longer reshuffles the groups.
    expect((await teacher.client.post(`/api/v1/courses/${c.id}/groups/auto-mix`, { groupCount: 2 })).status).toBe(409);
    const audit = await t.query<{ action: string }>("SELECT action FROM audit_event WHERE action LIKE 'group.%' AND (details->>'groupId' = $1 OR object_id = $2) ORDER BY id", [g1.id, c.id]);
    expect(audit.map((a) => a.action)).toEqual(['group.auto_mixed', 'group.work_submitted', 'group.work_reviewed', 'group.work_submitted']);
  });
});
