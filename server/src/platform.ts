import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDeps, AppInstance } from './app-types';
import { buildApp } from './app';
import type { Config } from './config';
import { openDatabase, type DbHandle } from './db/client';
import { migrate } from './db/migrate';
import { seedDemoData } from './db/seed/demo';
import { seedDemoStructures } from './directory/demo-structures';
import { seedDemoCourses } from './learning/demo-courses';
import { seedDemoEvents } from './events/demo-events';
import { startEventReminders } from './events/reminders';
import { seedDemoLessonContent } from './learning/content/demo-content';
import { seedDemoCommunity } from './learning/groups/demo-community';
import { seedDemoLearners } from './learning/analytics/demo-learners';
import { seedDemoKit } from './resources/demo-kit';
import { sendStaleReminders } from './directory/stale-reminders';
import { purgeOldAuditEvents } from './privacy/audit-retention';
import { startMailCatcher, type MailCatcher } from './notifications/mail-catcher';
import { createDirectMailer, createQueuedMailer, type Mailer } from './notifications/mailer';
import { startJobQueue, type JobQueue } from './queue/job-queue';
import { loadTerritory } from './territory/load-territory';
import { loadStructureTypes } from './directory/structure-types';
import { seedSurveys } from './surveys/seed-surveys';
import { startCoordinationJobs } from './coordination/jobs';
import { seedDemoPatients } from './coordination/demo-patients';
import { seedDemoIndicatorRequests } from './indicators/demo-requests';
import { seedDemoPathway } from './coordination/pathway/demo-pathway';

export interface Platform {
  app: AppInstance;
  deps: AppDeps;
  queue: JobQueue | null;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** Tests hand over a database they prepared (a copy of the migrated template). */
  handle?: DbHandle;
  webDir?: string | null;
  logger?: boolean;
  now?: () => Date;
  pollingSeconds?: number;
}

export function defaultWebDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // server/src or server/dist -> web/dist
  return path.resolve(here, '..', '..', 'web', 'dist');
}

/** Opens the database, brings it up to date, starts mail and jobs, and builds the HTTP app. */
export async function startPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const handle =
    opts.handle ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite'), poolMax: config.dbPoolMax }));
  let catcher: MailCatcher | null = null;
  let queue: JobQueue | null = null;
  try {
    await migrate(handle);
    await loadTerritory(handle);
    await loadStructureTypes(handle);
    await seedSurveys(handle, { demo: config.demoData });
    if (config.demoData) {
      await seedDemoData(handle);
      await seedDemoStructures(handle);
      await seedDemoCourses(handle);
      await seedDemoEvents(handle);
      await seedDemoLessonContent(handle, config.dataDir);
      await seedDemoCommunity(handle);
      await seedDemoLearners(handle);
      await seedDemoKit(handle);
      await seedDemoPatients(handle);
      await seedDemoIndicatorRequests(handle, opts.now?.());
      await seedDemoPathway(handle);
    }

    if (config.mailCatcherPort !== null) catcher = await startMailCatcher(config.mailCatcherPort);
    const smtpUrl = config.smtpUrl ?? catcher!.url;
    let mailer: Mailer;
    if (config.queueEnabled) {
      queue = await startJobQueue(handle, { pollingSeconds: opts.pollingSeconds });
      mailer = await createQueuedMailer(queue, smtpUrl, config.mailFrom);
    } else {
      mailer = createDirectMailer(smtpUrl, config.mailFrom);
    }
    const deps: AppDeps = { config, handle, db: handle.db, mailer, catcher, now: opts.now ?? (() => new Date()) };
    if (queue) {
      // Every Monday at 07:00, managers hear about their entries gone stale.
      await queue.work('directory-stale-reminders', async () => {
        await sendStaleReminders(deps);
      });
      await queue.schedule('directory-stale-reminders', '0 7 * * 1');
      if (config.auditRetentionDays) {
        await queue.work('audit-retention', async () => {
          await purgeOldAuditEvents(deps);
        });
        await queue.schedule('audit-retention', '30 3 * * *');
      }
    }
    await startEventReminders(deps, queue);
    await startCoordinationJobs(deps, queue);
    const app = await buildApp(deps, { webDir: opts.webDir === undefined ? defaultWebDir() : opts.webDir, logger: opts.logger });
    return {
      app,
      deps,
      queue,
      async stop() {
        await app.close();
        await queue?.stop();
        await catcher?.close();
        if (!opts.handle) await handle.close();
      },
    };
  } catch (err) {
    await queue?.stop().catch(() => {});
    await catcher?.close().catch(() => {});
    if (!opts.handle) await handle.close().catch(() => {});
    throw err;
  }
}
