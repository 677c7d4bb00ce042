// Starts the report worker from the TypeScript sources (tests, `npm run dev`): registers tsx in the
// worker thread, then loads it. The build bundles report-worker.ts as dist/report-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./report-worker.ts');
