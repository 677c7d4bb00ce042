import type { AppInstance } from '../app-types';

/**
 * What a first request would otherwise fill (the directory held in memory, the commune index) is
 * filled once the server listens, in the background: the first people after a restart do not wait
 * behind it (about 1.5 s on the national directory), and the start is not delayed by it. A fill
 * that fails is only logged: the first request tries again.
 */
export function warmUpOnListen(app: AppInstance, what: string, fill: () => Promise<unknown>): void {
  if (!app.deps.config.warmCaches) return;
  app.addHook('onListen', async () => {
    const started = Date.now();
    fill().then(
      () => app.log.info({ cache: what, ms: Date.now() - started }, 'cache rempli au démarrage'),
      (err: unknown) => app.log.warn({ cache: what, err }, 'cache non rempli au démarrage : rempli à la première demande'),
    );
  });
}
