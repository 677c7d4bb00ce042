import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults for a newcomer: embedded database, demo data, local mail catcher', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demoData).toBe(true);
    expect(c.mailCatcherPort).toBe(1025);
    expect(c.publicUrl).toBe('http://localhost:3000');
  });

  it('turns demo data off on a server database and the catcher off with a real SMTP server', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', SMTP_URL: 'smtp://mail.example.org:587' });
    expect(c.demoData).toBe(false);
    expect(c.mailCatcherPort).toBeNull();
  });

  it('fails fast naming every wrong variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL doit commencer par postgres/);
    }
  });

  it('requires PUBLIC_URL and SMTP_URL in production, and the client credentials with OIDC', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL[\s\S]*SMTP_URL/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://auth.example.org' })).toThrow(/OIDC_CLIENT_ID/);
  });
});

describe('map tiles', () => {
  it('are off by default and need an https URL with {z}/{x}/{y}', () => {
    expect(loadConfig({}).mapTiles).toBeNull();
    expect(loadConfig({ MAP_TILE_URL: 'https://tuiles.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© contributeurs' }).mapTiles).toEqual({
      url: 'https://tuiles.example.org/{z}/{x}/{y}.png',
      attribution: '© contributeurs',
      origin: 'https://tuiles.example.org',
    });
    expect(() => loadConfig({ MAP_TILE_URL: 'http://tuiles.example.org/carte.png' })).toThrow(/MAP_TILE_URL/);
  });
});

describe('WORKERS', () => {
  it('defaults to one process and needs a PostgreSQL server and SMTP for more', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(/WORKERS supérieur à 1 demande DATABASE_URL/);
    expect(loadConfig({ WORKERS: '2', DATABASE_URL: 'postgres://u@h/db', SMTP_URL: 'smtp://mail.example.org' }).workers).toBe(2);
  });
});
