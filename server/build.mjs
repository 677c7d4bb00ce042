// Bundles the server (and the @palliance/core sources it imports) into server/dist/main.js.
// Dependencies stay in node_modules; SQL migrations are copied beside the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'dist');

const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@palliance/') ? undefined : { path: args.path, external: true }));
  },
};

fs.rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [path.join(here, 'src', 'main.ts')],
  outfile: path.join(out, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [externalPackages],
  logLevel: 'warning',
});
fs.cpSync(path.join(here, 'src', 'db', 'migrations'), path.join(out, 'migrations'), { recursive: true });
console.log('server/dist/main.js construit');
