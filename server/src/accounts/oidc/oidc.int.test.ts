import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../../test/harness';
import { startTestProvider, type TestProvider } from './test-provider';

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

interface Page {
  url: string;
  status: number;
  html: string;
  /** Every address visited, the first one included. */
  trail: string[];
}

/**
 * Just enough of a browser: one cookie jar per origin (paths honoured), redirects followed by hand,
 * form posts. Navigation stops before a page of the platform's web app (anything outside /api/),
 * which these tests serve without a web build.
 */
class Browser {
  private jars = new Map<string, Map<string, StoredCookie>>();

  constructor(private readonly platformOrigin: string) {}

  private jar(origin: string): Map<string, StoredCookie> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  cookie(url: string, name: string): string | undefined {
    return [...this.jar(new URL(url).origin).values()].find((c) => c.name === name)?.value;
  }

  setCookie(url: string, name: string, value: string, path = '/'): void {
    this.jar(new URL(url).origin).set(`${path};${name}`, { name, value, path });
  }

  async request(url: string, form?: Record<string, string>): Promise<Response> {
    const u = new URL(url);
    const jar = this.jar(u.origin);
    const sent = [...jar.values()].filter((c) => c.path === '/' || u.pathname === c.path || u.pathname.startsWith(`${c.path.replace(/\/$/, '')}/`));
    const headers: Record<string, string> = {};
    if (sent.length) headers.cookie = sent.map((c) => `${c.name}=${c.value}`).join('; ');
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = u.origin;
    }
    const res = await fetch(url, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form) : undefined, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const expired = value === '' || attrs.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
      if (expired) jar.delete(`${path};${name}`);
      else jar.set(`${path};${name}`, { name, value, path });
    }
    return res;
  }

  async navigate(url: string, opts: { form?: Record<string, string>; stopBefore?: (u: URL) => boolean } = {}): Promise<Page> {
    const trail = [url];
    let current = url;
    let res = await this.request(url, opts.form);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 20) throw new Error('trop de redirections');
      const next = new URL(res.headers.get('location')!, current);
      trail.push(next.href);
      await res.body?.cancel();
      const webPage = next.origin === this.platformOrigin && !next.pathname.startsWith('/api/');
      if (webPage || opts.stopBefore?.(next)) return { url: next.href, status: res.status, html: '', trail };
      current = next.href;
      res = await this.request(current);
    }
    return { url: current, status: res.status, html: await res.text(), trail };
  }

  async getJson(url: string): Promise<{ status: number; body: any }> {
    const res = await this.request(url);
    return { status: res.status, body: await res.json() };
  }
}

const CALLBACK = '/api/v1/auth/oidc/callback';

let provider: TestProvider;
let t: TestPlatform;

beforeAll(async () => {
  // The issuer's port must be known before the platform starts; the client's redirect URI only after.
  provider = await startTestProvider();
  t = await startTestPlatform({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_ALLOW_HTTP: 'true',
    OIDC_PROVIDER_NAME: 'Pro Santé Connect',
  });
  provider.registerClient(`${t.baseUrl}${CALLBACK}`);
});
afterAll(async () => {
  await t?.stop();
  await provider?.close();
});

const formAction = (html: string, base: string) => {
  const m = html.match(/<form[^>]*action="([^"]+)"[^>]*method="post"/);
  if (!m) throw new Error(`pas de formulaire dans : ${html.slice(0, 500)}`);
  return new URL(m[1].replace(/&amp;/g, '&'), base).href;
};

/** Drives the provider's login and consent pages up to the platform's callback (stopped before it, or not). */
async function throughProvider(browser: Browser, sub: string, page: Page, stopAtCallback = false): Promise<Page> {
  const stopBefore = stopAtCallback ? (u: URL) => u.origin === t.baseUrl && u.pathname === CALLBACK : undefined;
  for (let step = 0; step < 4 && new URL(page.url).origin === provider.issuer; step++) {
    if (page.html.includes('name="prompt" value="login"')) {
      page = await browser.navigate(formAction(page.html, page.url), { form: { prompt: 'login', login: sub, password: 'peu-importe' }, stopBefore });
    } else if (page.html.includes('name="prompt" value="consent"')) {
      page = await browser.navigate(formAction(page.html, page.url), { form: { prompt: 'consent' }, stopBefore });
    } else {
      throw new Error(`page inattendue du fournisseur (${page.status}) : ${page.html.slice(0, 300)}`);
    }
  }
  return page;
}

async function start(browser: Browser, returnTo?: string): Promise<{ page: Page; authUrl: URL }> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const page = await browser.navigate(`${t.baseUrl}/api/v1/auth/oidc/start${query}`);
  return { page, authUrl: new URL(page.trail[1]) };
}

async function signIn(sub: string, returnTo?: string) {
  const browser = new Browser(t.baseUrl);
  const { page, authUrl } = await start(browser, returnTo);
  const done = await throughProvider(browser, sub, page);
  return { browser, authUrl, done, me: await browser.getJson(`${t.baseUrl}/api/v1/me`) };
}

const actions = async (userId: string) =>
  (await t.query<{ action: string }>('SELECT action FROM audit_event WHERE object_id = $1 ORDER BY id', [userId])).map((r) => r.action);

const failures = async () =>
  (await t.query<{ reason: string }>("SELECT details->>'reason' AS reason FROM audit_event WHERE action = 'auth.oidc_failed' ORDER BY id")).map(
    (r) => r.reason,
  );

describe('OpenID Connect sign-in against a local provider', () => {
  it('says it is enabled, with the provider name, and documents its routes', async () => {
    const c = t.client();
    expect((await c.get('/api/v1/auth/oidc')).body).toEqual({ enabled: true, name: 'Pro Santé Connect' });
    const doc = (await c.get('/api/docs/json')).body;
    for (const path of ['/api/v1/auth/oidc', '/api/v1/auth/oidc/start', CALLBACK]) expect(doc.paths[path].get.tags).toEqual(['Comptes']);
  });

  it('redirects to the provider with the authorization code flow, PKCE S256, state and nonce', async () => {
    const browser = new Browser(t.baseUrl);
    const { page, authUrl } = await start(browser, '/parcours/12?onglet=2');
    expect(authUrl.origin + authUrl.pathname).toBe(`${provider.issuer}/auth`);
    const p = authUrl.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(provider.clientId);
    expect(p.get('redirect_uri')).toBe(`${t.baseUrl}${CALLBACK}`);
    expect(p.get('scope')).toBe('openid email profile');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('nonce')).toBeTruthy();
    const state = p.get('state')!;
    expect(browser.cookie(t.baseUrl, 'palliance_oidc_state')).toBe(state);
    const [row] = await t.query<{ return_to: string; code_verifier: string }>('SELECT return_to, code_verifier FROM oidc_login_state WHERE state = $1', [
      state,
    ]);
    expect(row.return_to).toBe('/parcours/12?onglet=2');
    expect(row.code_verifier).not.toBe(p.get('code_challenge'));
    expect(page.html).toContain('name="login"'); // the provider's own login form

    // Anything but a path of this site is ignored.
    for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'compte', '/a\nb']) {
      const { authUrl: u } = await start(new Browser(t.baseUrl), bad);
      const [r] = await t.query<{ return_to: string | null }>('SELECT return_to FROM oidc_login_state WHERE state = $1', [u.searchParams.get('state')]);
      expect(r.return_to, bad).toBeNull();
    }
  });

  it('creates the account at the first sign-in, then signs the same person in to it', async () => {
    provider.accounts.set('sub-ines', { sub: 'sub-ines', email: 'Ines.Oidc@example.org', email_verified: true, given_name: 'Inès', family_name: 'Durand' });
    const first = await signIn('sub-ines', '/parcours/12');
    expect(first.done.url).toBe(`${t.baseUrl}/parcours/12`);
    expect(first.done.trail.some((u) => u.startsWith(`${t.baseUrl}${CALLBACK}?`))).toBe(true);
    expect(first.me.status).toBe(200);
    expect(first.me.body).toMatchObject({
      email: 'ines.oidc@example.org',
      emailVerified: true,
      firstName: 'Inès',
      lastName: 'Durand',
      profession: 'autre',
      practiceMode: 'autre',
      departement: null,
      profileComplete: false,
      rpps: null,
    });
    const userId = first.me.body.id;
    const [u] = await t.query<{ password_hash: string | null }>('SELECT password_hash FROM app_user WHERE id = $1', [userId]);
    expect(u.password_hash).toBeNull();
    expect(await t.query('SELECT provider, subject FROM user_identity WHERE user_id = $1', [userId])).toEqual([
      { provider: provider.issuer, subject: 'sub-ines' },
    ]);
    expect(await actions(userId)).toEqual(['account.oidc_created', 'auth.oidc_login']);
    // The state cookie is gone, and so is the state row.
    expect(first.browser.cookie(t.baseUrl, 'palliance_oidc_state')).toBeUndefined();

    const second = await signIn('sub-ines');
    expect(second.done.url).toBe(`${t.baseUrl}/compte`);
    expect(second.me.body.id).toBe(userId);
    const [{ n }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE lower(email) = 'ines.oidc@example.org'");
    expect(n).toBe(1);
    expect(await actions(userId)).toEqual(['account.oidc_created', 'auth.oidc_login', 'auth.oidc_login']);
    // Two browsers, two sessions; the first one still works.
    expect((await first.browser.getJson(`${t.baseUrl}/api/v1/me`)).status).toBe(200);
  });

  it('reads the claims from UserInfo when the ID token has only sub, and the RPPS from SubjectNameID', async () => {
    provider.accounts.set('sub-psc', {
      sub: 'sub-psc',
      email: 'psc@example.org',
      email_verified: true,
      given_name: 'Paul',
      family_name: 'Santé',
      SubjectNameID: '810001234567',
      userinfoOnly: true,
    });
    const { me } = await signIn('sub-psc');
    expect(me.body).toMatchObject({ email: 'psc@example.org', firstName: 'Paul', lastName: 'Santé', rpps: '10001234567', profileComplete: false });
  });

  it('links an existing verified account with the address the provider has verified', async () => {
    const local = await createUser(t, { email: 'locale@example.org' });
    provider.accounts.set('sub-locale', { sub: 'sub-locale', email: 'LOCALE@example.org', email_verified: true, given_name: 'Autre', family_name: 'Nom' });
    const { me } = await signIn('sub-locale');
    expect(me.body).toMatchObject({ id: local.id, firstName: 'Test', departement: '06', profileComplete: true });
    expect(await t.query('SELECT subject FROM user_identity WHERE user_id = $1', [local.id])).toEqual([{ subject: 'sub-locale' }]);
    expect(await actions(local.id)).toEqual(['account.oidc_linked', 'auth.oidc_login']);
    // The password still works.
    expect((await t.client().login(local.email, local.password)).status).toBe(200);
  });

  it('does not link an account when the provider has not verified the address', async () => {
    const local = await createUser(t, { email: 'non-verifiee@example.org' });
    provider.accounts.set('sub-nv', { sub: 'sub-nv', email: 'non-verifiee@example.org', email_verified: false });
    const { done, me } = await signIn('sub-nv');
    expect(done.url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
    expect(me.status).toBe(401);
    expect(await t.query('SELECT * FROM user_identity WHERE user_id = $1', [local.id])).toEqual([]);
    expect((await failures()).at(-1)).toBe('email_not_verified');
  });

  it('refuses a disabled account', async () => {
    provider.accounts.set('sub-off', { sub: 'sub-off', email: 'off@example.org', email_verified: true, given_name: 'Hors', family_name: 'Service' });
    const { me } = await signIn('sub-off');
    await t.query('UPDATE app_user SET disabled_at = now() WHERE id = $1', [me.body.id]);
    const again = await signIn('sub-off');
    expect(again.done.url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
    expect(again.me.status).toBe(401);
    expect(again.browser.cookie(t.baseUrl, 'palliance_session')).toBeUndefined();
    expect((await failures()).at(-1)).toBe('account_disabled');
  });

  it('refuses a tampered or replayed state, without a session', async () => {
    provider.accounts.set('sub-state', { sub: 'sub-state', email: 'state@example.org', email_verified: true, given_name: 'É', family_name: 'Tat' });

    // Tampered: the state in the callback is not the one this browser was given.
    const b1 = new Browser(t.baseUrl);
    const atCallback = await throughProvider(b1, 'sub-state', (await start(b1)).page, true);
    const tampered = new URL(atCallback.url);
    expect(tampered.pathname).toBe(CALLBACK);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    const refused = await b1.navigate(tampered.href);
    expect(refused.url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
    expect(b1.cookie(t.baseUrl, 'palliance_session')).toBeUndefined();
    expect((await failures()).at(-1)).toBe('state_mismatch');

    // Replayed: a callback that worked once does not work again, cookie or not.
    const b2 = new Browser(t.baseUrl);
    const callback = (await throughProvider(b2, 'sub-state', (await start(b2)).page, true)).url;
    const state = new URL(callback).searchParams.get('state')!;
    expect((await b2.navigate(callback)).url).toBe(`${t.baseUrl}/compte`);
    expect(await t.query('SELECT state FROM oidc_login_state WHERE state = $1', [state])).toEqual([]);
    const replay = new Browser(t.baseUrl);
    replay.setCookie(t.baseUrl, 'palliance_oidc_state', state, '/api/v1/auth/oidc');
    expect((await replay.navigate(callback)).url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
    expect(replay.cookie(t.baseUrl, 'palliance_session')).toBeUndefined();
    expect((await failures()).at(-1)).toBe('unknown_state');
    expect((await b2.navigate(callback)).url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
    expect((await failures()).at(-1)).toBe('state_mismatch');
  });

  it('refuses a state older than 10 minutes, an error from the provider and a code the provider does not know', async () => {
    provider.accounts.set('sub-late', { sub: 'sub-late', email: 'late@example.org', email_verified: true });
    const b1 = new Browser(t.baseUrl);
    const callback = (await throughProvider(b1, 'sub-late', (await start(b1)).page, true)).url;
    await t.query("UPDATE oidc_login_state SET created_at = created_at - interval '11 minutes' WHERE state = $1", [new URL(callback).searchParams.get('state')]);
    expect((await b1.navigate(callback)).url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
    expect((await failures()).at(-1)).toBe('expired_state');

    const b2 = new Browser(t.baseUrl);
    const state2 = (await start(b2)).authUrl.searchParams.get('state')!;
    const denied = await b2.navigate(`${t.baseUrl}${CALLBACK}?error=access_denied&error_description=annul%C3%A9&state=${state2}`);
    expect(denied.url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
    expect((await failures()).at(-1)).toBe('provider_error');

    const b3 = new Browser(t.baseUrl);
    const state3 = (await start(b3)).authUrl.searchParams.get('state')!;
    const forged = await b3.navigate(`${t.baseUrl}${CALLBACK}?code=pas-un-code&state=${state3}&iss=${encodeURIComponent(provider.issuer)}`);
    expect(forged.url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
    expect((await failures()).at(-1)).toBe('exchange_failed');

    // No parameters at all: still a redirect, never an error page.
    expect((await new Browser(t.baseUrl).navigate(`${t.baseUrl}${CALLBACK}`)).url).toBe(`${t.baseUrl}/connexion?erreur=oidc`);
  });
});

describe('OpenID Connect not configured', () => {
  it('says so and answers 404 to its routes', async () => {
    const off = await startTestPlatform();
    try {
      const c = off.client();
      expect((await c.get('/api/v1/auth/oidc')).body).toEqual({ enabled: false, name: '' });
      for (const path of ['/api/v1/auth/oidc/start?returnTo=/compte', `${CALLBACK}?code=x&state=y`]) {
        const res = await c.get(path);
        expect(res.status, path).toBe(404);
        expect(res.body.code).toBe('not_found');
        expect(res.body.message).toMatch(/n'est pas activée/);
      }
    } finally {
      await off.stop();
    }
  });
});
