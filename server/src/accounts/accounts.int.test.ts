import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../test/harness';
import { totpCode, totpStep } from './totp';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.stop());

const registration = (email: string) => ({
  email,
  password: 'un-mot-de-passe-solide',
  firstName: 'Inès',
  lastName: 'Martin',
  profession: 'infirmier',
  practiceMode: 'liberal',
  departement: '73',
  rpps: '',
});

const linkToken = (text: string, path: string) => {
  const m = text.match(new RegExp(`${path}\\?jeton=([A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`pas de lien ${path} dans : ${text}`);
  return m[1];
};

/** The first `count` mails to this address, in order of arrival. */
async function waitForMails(to: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const mails = t.platform.deps.catcher!.list(to);
    if (mails.length >= count) return mails.slice(0, count);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moins de ${count} courriels pour ${to}`);
}

describe('registration, verification and login', () => {
  it('registers, mails a verification link that works once, then logs in and out', async () => {
    const c = t.client();
    const reg = await c.post('/api/v1/auth/register', registration('ines@example.org'));
    expect(reg.status).toBe(201);

    const early = await c.login('ines@example.org', 'un-mot-de-passe-solide');
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('email_not_verified');

    const mail = await t.waitForMail('ines@example.org');
    expect(mail.subject).toMatch(/Confirmez/);
    const token = linkToken(mail.text, '/verifier-email');
    expect((await c.post('/api/v1/auth/verify-email', { token })).status).toBe(200);
    const again = await c.post('/api/v1/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.field).toBe('token');

    const login = await c.login('INES@example.org', 'un-mot-de-passe-solide');
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'ines@example.org', profession: 'infirmier', departement: '73', emailVerified: true });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    expect((await c.get('/api/v1/me')).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await c.get('/api/v1/me')).status).toBe(401);

    const actions = (await t.query<{ action: string }>('SELECT action FROM audit_event ORDER BY id')).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['account.register', 'account.verify_email', 'auth.login', 'auth.logout']));
  });

  it('rejects bad input with a French message naming the field, and writes nothing', async () => {
    const c = t.client();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...registration('a@example.org'), email: 'pas-une-adresse' }, 'email'],
      [{ ...registration('b@example.org'), password: 'court' }, 'password'],
      [{ ...registration('c@example.org'), profession: 'sorcier' }, 'profession'],
      [{ ...registration('d@example.org'), rpps: '123' }, 'rpps'],
      [{ ...registration('e@example.org'), departement: '00' }, 'departement'],
      [{ ...registration('f@example.org'), firstName: '' }, 'firstName'],
    ];
    for (const [body, field] of cases) {
      const res = await c.post('/api/v1/auth/register', body);
      expect(res.status, field).toBe(400);
      expect(res.body.field).toBe(field);
      expect(res.body.message).toMatch(/[a-zé]/);
    }
    const [{ n }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE email LIKE '_@example.org'");
    expect(n).toBe(0);
    const badJson = await c.post('/api/v1/auth/register', '{"email":', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('invalid_json');
  });

  it('answers the same to a second registration with the same address and mails its owner', async () => {
    const c = t.client();
    expect((await c.post('/api/v1/auth/register', registration('double@example.org'))).status).toBe(201);
    expect((await c.post('/api/v1/auth/register', { ...registration('Double@example.org'), firstName: 'Autre' })).status).toBe(201);
    const [{ n }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE lower(email) = 'double@example.org'");
    expect(n).toBe(1);
    const mail = await t.waitForMail('double@example.org', (m) => /déjà un compte/.test(m.subject));
    // The mail's reset link works, and it proves the address.
    const token = linkToken(mail.text, '/mot-de-passe/nouveau');
    expect((await c.post('/api/v1/auth/password-reset', { token, password: 'nouveau-mot-de-passe-2' })).status).toBe(200);
    expect((await c.login('double@example.org', 'nouveau-mot-de-passe-2')).status).toBe(200);
  });

  it('sends a new verification link on request, valid once; answers the same for an unknown address', async () => {
    const c = t.client();
    expect((await c.post('/api/v1/auth/register', registration('renvoi@example.org'))).status).toBe(201);
    await t.waitForMail('renvoi@example.org');
    expect((await c.post('/api/v1/auth/resend-verification', { email: 'renvoi@example.org' })).status).toBe(202);
    expect((await c.post('/api/v1/auth/resend-verification', { email: 'inconnu-renvoi@example.org' })).status).toBe(202);
    const mails = await waitForMails('renvoi@example.org', 2);
    const token = linkToken(mails[1].text, '/verifier-email');
    expect(token).not.toBe(linkToken(mails[0].text, '/verifier-email'));
    expect((await c.post('/api/v1/auth/verify-email', { token })).status).toBe(200);
    expect((await c.post('/api/v1/auth/verify-email', { token })).status).toBe(400);
    expect((await c.login('renvoi@example.org', 'un-mot-de-passe-solide')).status).toBe(200);
  });

  it('locks an account after five wrong passwords', async () => {
    const u = await createUser(t, { email: 'lock@example.org' });
    const c = t.client();
    for (let i = 0; i < 5; i++) expect((await c.login(u.email, 'mauvais-mot-de-passe')).status).toBe(401);
    const locked = await c.login(u.email, u.password);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('account_locked');
  });

  it('answers a login with the account and its roles as /me gives them, the failed attempts cleared', async () => {
    const u = await createUser(t, { email: 'roles-login@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:73' }] });
    const c = t.client();
    expect((await c.login(u.email, 'mauvais-mot-de-passe')).status).toBe(401);
    const ok = await c.login(u.email, u.password);
    expect(ok.status).toBe(200);
    expect(ok.body.user.roles).toEqual([expect.objectContaining({ role: 'territory_coordinator', scope: 'dep:73', scopeLabel: 'Savoie (73)' })]);
    expect(ok.body.user).toEqual((await c.get('/api/v1/me')).body);
    const [row] = await t.query<{ failed_logins: number }>('SELECT failed_logins FROM app_user WHERE id = $1', [u.id]);
    expect(row!.failed_logins).toBe(0);
  });

  it('rotates the session token at each login', async () => {
    const u = await createUser(t, { email: 'rotate@example.org' });
    const c = t.client();
    await c.login(u.email, u.password);
    const first = c.cookies.get('palliance_session');
    await c.login(u.email, u.password);
    const second = c.cookies.get('palliance_session');
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const old = t.client();
    old.cookies.set('palliance_session', first!);
    expect((await old.get('/api/v1/me')).status).toBe(401);
  });
});

describe('password reset', () => {
  it('mails a single-use link, sets the new password and closes sessions', async () => {
    const u = await createUser(t, { email: 'reset@example.org' });
    const other = t.client();
    await other.login(u.email, u.password);
    const c = t.client();
    expect((await c.post('/api/v1/auth/password-reset/request', { email: u.email })).status).toBe(202);
    expect((await c.post('/api/v1/auth/password-reset/request', { email: 'inconnu@example.org' })).status).toBe(202);
    const mail = await t.waitForMail(u.email, (m) => /nouveau mot de passe/.test(m.subject));
    const token = linkToken(mail.text, '/mot-de-passe/nouveau');
    expect((await c.post('/api/v1/auth/password-reset', { token, password: 'nouveau-mot-de-passe-1' })).status).toBe(200);
    const reused = await c.post('/api/v1/auth/password-reset', { token, password: 'encore-un-autre-mdp' });
    expect(reused.status).toBe(400);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    expect((await c.login(u.email, u.password)).status).toBe(401);
    expect((await c.login(u.email, 'nouveau-mot-de-passe-1')).status).toBe(200);
  });

  it('refuses an expired link', async () => {
    const u = await createUser(t, { email: 'expired@example.org' });
    const c = t.client();
    await c.post('/api/v1/auth/password-reset/request', { email: u.email });
    const mail = await t.waitForMail(u.email);
    const token = linkToken(mail.text, '/mot-de-passe/nouveau');
    await t.query("UPDATE user_token SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [u.id]);
    const res = await c.post('/api/v1/auth/password-reset', { token, password: 'nouveau-mot-de-passe-1' });
    expect(res.status).toBe(400);
  });
});

describe('profile', () => {
  it('updates the profile, validates the department, audits the change', async () => {
    const u = await createUser(t, { email: 'profil@example.org' });
    const c = t.client();
    await c.login(u.email, u.password);
    const body = { firstName: 'Paul', lastName: 'Durand', profession: 'masseur_kinesitherapeute', practiceMode: 'liberal', departement: '2A', rpps: '10001234567' };
    const res = await c.put('/api/v1/me/profile', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...body });
    const bad = await c.put('/api/v1/me/profile', { ...body, departement: '99' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('departement');
    expect((await c.get('/api/v1/me')).body.departement).toBe('2A');
    const ev = await t.query<{ details: { changed: string[] } }>("SELECT details FROM audit_event WHERE action = 'account.profile_updated' AND object_id = $1", [u.id]);
    expect(ev[0].details.changed).toEqual(expect.arrayContaining(['firstName', 'profession', 'departement', 'rpps']));
  });

  it('requires a session', async () => {
    const res = await t.client().put('/api/v1/me/profile', {});
    expect(res.status).toBe(401);
  });
});

describe('TOTP second factor', () => {
  it('is set up with a code, then required at login, and a code cannot be replayed', async () => {
    const u = await createUser(t, { email: 'totp@example.org' });
    const c = t.client();
    await c.login(u.email, u.password);
    const setup = await c.post('/api/v1/me/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.qrSvg).toContain('<svg');
    const secret: string = setup.body.secret;
    const now = new Date();
    const wrong = await c.post('/api/v1/me/totp/confirm', { code: '000000' === totpCode(secret, totpStep(now)) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    const confirm = await c.post('/api/v1/me/totp/confirm', { code: totpCode(secret, totpStep(now)) });
    expect(confirm.status).toBe(200);
    expect(confirm.body.totpEnabled).toBe(true);

    const d = t.client();
    const first = await d.login(u.email, u.password);
    expect(first.body.status).toBe('totp_required');
    expect(d.cookies.has('palliance_session')).toBe(false);
    // The code used to confirm is spent; the next step's code works once (one step of drift allowed).
    const replay = await d.post('/api/v1/auth/login', { email: u.email, password: u.password, totp: totpCode(secret, totpStep(now)) });
    expect(replay.status).toBe(401);
    expect(replay.body.field).toBe('totp');
    const next = totpCode(secret, totpStep(now) + 1);
    const ok = await d.post('/api/v1/auth/login', { email: u.email, password: u.password, totp: next });
    expect(ok.status).toBe(200);
    const again = await t.client().post('/api/v1/auth/login', { email: u.email, password: u.password, totp: next });
    expect(again.status).toBe(401);
  });
});

describe('CSRF origin check', () => {
  it('refuses an unsafe request from another origin', async () => {
    const u = await createUser(t, { email: 'csrf@example.org' });
    const c = t.client();
    await c.login(u.email, u.password);
    const res = await c.post('/api/v1/auth/logout', {}, { origin: 'https://evil.example.com' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('bad_origin');
    expect((await c.get('/api/v1/me')).status).toBe(200);
  });
});

describe('GET /api/v1/session', () => {
  it('answers null for a visitor and the user once signed in', async () => {
    const c = t.client();
    expect(await c.get('/api/v1/session')).toMatchObject({ status: 200, body: { user: null } });
    const u = await createUser(t, { email: 'session@example.org' });
    await c.login(u.email, u.password);
    expect((await c.get('/api/v1/session')).body.user.email).toBe(u.email);
  });
});
