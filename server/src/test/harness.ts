import type { AddressInfo } from 'node:net';
import { loadConfig } from '../config';
import { startPlatform, type Platform } from '../platform';
import type { CaughtMail } from '../notifications/mail-catcher';
import { openTestDatabase } from './template';

export interface TestPlatform {
  platform: Platform;
  baseUrl: string;
  /** A browser-like client: keeps its cookies, sends Origin on unsafe requests. */
  client(): TestClient;
  /** Waits until a mail for this address arrives at the local SMTP catcher. */
  waitForMail(to: string, match?: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestClient {
  get<T = any>(path: string, headers?: Record<string, string>): Promise<TestResponse<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  delete<T = any>(path: string, headers?: Record<string, string>): Promise<TestResponse<T>>;
  login(email: string, password: string): Promise<TestResponse>;
  cookies: Map<string, string>;
}

export async function startTestPlatform(env: Record<string, string> = {}, opts: { now?: () => Date } = {}): Promise<TestPlatform> {
  const { handle, drop } = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    MAIL_CATCHER_PORT: '0',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    ...env,
  });
  const platform = await startPlatform(config, { handle, webDir: null, logger: false, pollingSeconds: 0.5, now: opts.now });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (platform.app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  // Mail links and the Origin check use the public URL: make it this test server.
  platform.deps.config.publicUrl = baseUrl;

  const client = (): TestClient => {
    const cookies = new Map<string, string>();
    const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const h: Record<string, string> = { ...headers };
      if (cookies.size) h.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (body !== undefined) h['content-type'] ??= 'application/json';
      if (method !== 'GET' && !('origin' in h)) h.origin = baseUrl;
      const res = await fetch(baseUrl + path, {
        method,
        headers: h,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        redirect: 'manual',
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair, ...attrs] = c.split(';');
        const [k, v] = pair.split('=');
        const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim())) || v === '';
        if (expired) cookies.delete(k.trim());
        else cookies.set(k.trim(), v);
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    };
    return {
      cookies,
      get: (p, h) => request('GET', p, undefined, h),
      post: (p, b, h) => request('POST', p, b ?? {}, h),
      put: (p, b, h) => request('PUT', p, b ?? {}, h),
      delete: (p, h) => request('DELETE', p, undefined, h),
      login: (email, password) => request('POST', '/api/v1/auth/login', { email, password }),
    };
  };

  return {
    platform,
    baseUrl,
    client,
    query: (sql, params) => handle.query(sql, params),
    async waitForMail(to, match = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = platform.deps.catcher!.list(to).find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Aucun courriel pour ${to} après ${timeoutMs} ms`);
    },
    async stop() {
      await platform.stop();
      await drop();
    },
  };
}

/** Creates a verified account directly (fast path for tests that are not about registration). */
export async function createUser(
  t: TestPlatform,
  opts: { email: string; password?: string; roles?: { role: string; scope?: string | null }[]; departement?: string; profession?: string },
): Promise<{ id: string; email: string; password: string }> {
  const { hashPassword } = await import('../accounts/secrets');
  const password = opts.password ?? 'mot-de-passe-de-test-1';
  const [u] = await t.query<{ id: string }>(
    `INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, profession, practice_mode, departement)
     VALUES ($1, now(), $2, 'Test', 'Utilisateur', $3, 'liberal', $4) RETURNING id`,
    [opts.email, await hashPassword(password), opts.profession ?? 'infirmier', opts.departement ?? '06'],
  );
  for (const r of opts.roles ?? []) {
    await t.query('INSERT INTO role_grant (user_id, role, scope) VALUES ($1, $2, $3)', [u.id, r.role, r.scope ?? null]);
  }
  return { id: u.id, email: opts.email, password };
}
