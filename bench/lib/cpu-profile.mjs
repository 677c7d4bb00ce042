// A CPU profile of this process (the in-process measuring tools: cpu-per-request, send-cost).

/**
 * Starts the V8 profiler when `file` is given; the returned stop() writes the .cpuprofile there.
 * @param {string | undefined} file
 * @returns {Promise<() => Promise<void>>}
 */
export async function startCpuProfile(file) {
  if (!file) return async () => {};
  const inspector = await import('node:inspector/promises');
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}
