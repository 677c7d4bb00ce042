import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AppInstance } from '../app-types';
import { warmUpOnListen } from './warm-up';

// Registered from inside a route plugin, as the directory and territory routes do.
async function appWith(warmCaches: boolean, fill: () => Promise<unknown>) {
  const app = Fastify({ logger: false });
  app.decorate('deps', { config: { warmCaches } } as unknown as AppInstance['deps']);
  await app.register(async (child) => {
    warmUpOnListen(child as unknown as AppInstance, 'essai', fill);
    child.get('/ok', async () => ({ ok: true }));
  });
  return app;
}

describe('caches filled once the server listens', () => {
  it('fills in the background once listening, without delaying the start, and not before', async () => {
    let calls = 0;
    let release!: () => void;
    const app = await appWith(true, () => {
      calls++;
      return new Promise<void>((r) => (release = r));
    });
    await app.ready();
    expect(calls).toBe(0);
    // listen() resolves while the fill is still under way.
    await app.listen({ port: 0, host: '127.0.0.1' });
    expect(calls).toBe(1);
    release();
    await app.close();
  });

  it('does nothing when switched off (tests), and a failed fill does not stop the server', async () => {
    let calls = 0;
    const off = await appWith(false, async () => void calls++);
    await off.listen({ port: 0, host: '127.0.0.1' });
    expect(calls).toBe(0);
    await off.close();
    const failing = await appWith(true, async () => {
      throw new Error('base indisponible');
    });
    await failing.listen({ port: 0, host: '127.0.0.1' });
    expect((await failing.inject({ method: 'GET', url: '/ok' })).statusCode).toBe(200);
    await failing.close();
  });
});
