import type { AppDeps } from '../app-types';
import { sendDailyDigests } from '../notifications/in-app/notify';
import type { JobQueue } from '../queue/job-queue';
import { fireDueTimers, rememberQueue, SWEEP_JOB, TIMER_JOB } from './request-timers';

/** Background work of Coordonner: request reminders and escalations, the morning digest of notifications. */
export async function startCoordinationJobs(deps: AppDeps, queue: JobQueue | null): Promise<void> {
  if (!queue) return;
  rememberQueue(deps, queue);
  await queue.work<{ requestId: string }>(TIMER_JOB, async (job) => {
    await fireDueTimers(deps, job.requestId);
  });
  // The safety net for timers lost between a commit and their scheduling.
  await queue.work(SWEEP_JOB, async () => {
    await fireDueTimers(deps);
  });
  await queue.schedule(SWEEP_JOB, '*/5 * * * *');
  await queue.work('notification-daily-digest', async () => {
    await sendDailyDigests(deps);
  });
  await queue.schedule('notification-daily-digest', '0 7 * * *');
}
