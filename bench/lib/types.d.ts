/** Shapes shared by the runner and the scenario files (checked by `tsc -p bench`). */

export type Engine = 'postgres' | 'pglite';

/** One request as sent: what a request kind produces for its i-th request. */
export interface BuiltRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Given to `setup` hooks, once the server answers /healthz. */
export interface SetupContext {
  baseUrl: string;
  /** Logs in through POST /api/v1/auth/login and returns a `Cookie` header value. */
  login(email: string, password: string): Promise<string>;
}

export interface RequestKind {
  /** Name in results and budgets, e.g. "communes-search". */
  name: string;
  method?: string;
  /** Path (with query string) of the i-th request of this kind; i counts from 0 across warm-up and measure. */
  path: (i: number, state: KindState) => string;
  /** Share of this kind in `--mode mix` (default 1). */
  weight?: number;
  headers?: Record<string, string>;
  body?: string | ((i: number, state: KindState) => string);
  /** Runs once before the load; what it returns is handed to `path`/`body` and its headers are sent. */
  setup?: (ctx: SetupContext) => Promise<KindState | void>;
  /** Requests sent before the timed warm-up (e.g. one pass over a list, to reach a steady state); skipped with --warmup 0. */
  warmupRequests?: number;
  /** What the kind needs besides the API: "web" = the built web app (web/dist). */
  requires?: Array<'web'>;
  /** One line shown in the table and README. */
  description?: string;
}

export interface KindState {
  headers?: Record<string, string>;
  [key: string]: unknown;
}

export interface ServerOptions {
  /** DEMO_DATA for the server (default false). */
  demoData?: boolean;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Run the server with --trace-gc and collect the heap after each full collection (majorGcs). */
  traceGc?: boolean;
}

export interface StartedServer {
  baseUrl: string;
  port: number;
  pid: number;
  /** ms from spawn to the first 200 on /healthz. */
  readyMs: number;
  /** The server's own "prête … en N ms" figure, when it printed one. */
  reportedMs: number | null;
  /** With traceGc: the heap (MB) after each full collection, with when it was read. */
  majorGcs: { atMs: number; heapMB: number }[];
  stop(): Promise<void>;
}

export interface DatabaseTarget {
  engine: Engine;
  /** PostgreSQL: the bench database URL. */
  databaseUrl?: string;
  /** PGlite: the DATA_DIR. */
  dataDir?: string;
  dispose(): Promise<void>;
}

/** Given to a scenario's custom `measure` (scenarios that are not plain HTTP load). */
export interface MeasureContext {
  options: RunOptions;
  engine: Engine;
  /** A fresh, empty database for this scenario (recreated on PostgreSQL, a temp folder for PGlite). */
  freshDatabase(): Promise<DatabaseTarget>;
  startServer(db: DatabaseTarget, opts?: ServerOptions & { logName?: string; readyTimeoutMs?: number }): Promise<StartedServer>;
  log(message: string): void;
}

export interface KindResult {
  name: string;
  count: number;
  errors: number;
  rps: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  [extra: string]: unknown;
}

/** Given to a scenario's `database` hook. */
export interface DatabaseContext {
  engine: Engine;
  options: RunOptions;
  log(message: string): void;
  /** --pg-url: a PostgreSQL database to connect to in order to create others. */
  adminUrl: string;
  startServer(db: DatabaseTarget, opts?: ServerOptions & { logName?: string; readyTimeoutMs?: number }): Promise<StartedServer>;
}

/** A measurement that is not autocannon load (e.g. bytes of a page), run once the load kinds are done. */
export interface Probe {
  name: string;
  description?: string;
  requires?: Array<'web'>;
  run(ctx: { baseUrl: string; options: RunOptions; log(message: string): void }): Promise<Partial<KindResult> & Record<string, unknown>>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Engine used when --engine is not given (default "postgres"). */
  defaultEngine?: Engine;
  server?: ServerOptions;
  /**
   * The database the server runs on, instead of a fresh empty `palliance_bench_<scenario>` (e.g. a
   * cached, generated one). Its dispose() decides whether it is kept.
   */
  database?: (ctx: DatabaseContext) => Promise<DatabaseTarget>;
  /** Plain HTTP load: the request kinds, measured one after another (or mixed with --mode mix). */
  requests?: RequestKind[];
  /** Other measurements on the same server, after the load. */
  probes?: Probe[];
  /** Anything else (e.g. cold start): returns the request rows itself. */
  measure?: (ctx: MeasureContext) => Promise<KindResult[]>;
}

export interface RunOptions {
  scenario: string;
  engine: Engine | undefined;
  connections: number;
  durationS: number;
  warmupS: number;
  mode: 'separate' | 'mix';
  /** --rate: fixed rate (req/s over all connections) measured after the saturation run. */
  rate: number | null;
  pacing: 'smooth' | 'burst';
  /** --only: the request kinds (and probes) to measure. */
  only: string[] | null;
  /** --regenerate: rebuild what a scenario caches between runs. */
  regenerate: boolean;
  runs: number;
  enforce: boolean;
  keep: boolean;
  pgUrl: string;
  /** Whether --duration was given (scenarios with their own default length, e.g. national). */
  durationGiven?: boolean;
  /** --learners, --coordinators, --users (scenario national); null when not given. */
  learners?: number | null;
  coordinators?: number | null;
  users?: number | null;
}

/** A budget for one request kind; every given bound must hold. Latencies in ms. */
export interface Budget {
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
  /** Server-side duration percentiles (server-timing header), ms. */
  serverP50?: number;
  serverP95?: number;
  serverP99?: number;
  /** Judge latencies measured at this fixed rate (req/s); the kind is measured at it unless --rate says otherwise. */
  rate?: number;
  /** Maximum throughput (saturation run), req/s. */
  minRps?: number;
  /** Bytes transferred (probes that report `bytes`). */
  maxBytes?: number;
  maxErrors?: number;
  /** The budget is only judged on runs that match (e.g. { "engine": "postgres", "connections": 50 }). */
  when?: { engine?: Engine; connections?: number };
  note?: string;
}
