import type { AppDeps } from '../app-types';
import { sendDailyDigests } from '../notifications/in-app/notify';
import type { JobQueue } from '../queue/job-queue';

/** Background work of Coordonner: the morning digest of notifications. */
export async function startCoordinationJobs(deps: AppDeps, queue: JobQueue | null): Promise<void> {
  if (!queue) return;
  await queue.work('notification-daily-digest', async () => {
    await sendDailyDigests(deps);
  });
  await queue.schedule('notification-daily-digest', '0 7 * * *');
}
