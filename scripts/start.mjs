// `npm start`: builds what is missing or out of date (web assets, server bundle), then runs the platform.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (entry !== 'node_modules' && entry !== 'dist') walk(path.join(p, entry));
    } else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach((p) => walk(path.join(root, p)));
  return newest;
}

function ensureBuilt(label, output, sources, workspace) {
  const outFile = path.join(root, output);
  const builtAt = fs.existsSync(outFile) ? fs.statSync(outFile).mtimeMs : 0;
  if (builtAt && builtAt >= newestMtime(sources)) return;
  console.log(`Construction : ${label}…`);
  const res = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`La construction (${label}) a échoué.`);
    process.exit(res.status ?? 1);
  }
}

ensureBuilt('interface web', 'web/dist/index.html', ['web/src', 'web/index.html', 'web/vite.config.ts', 'core/src'], 'web');
ensureBuilt('serveur', 'server/dist/main.js', ['server/src', 'server/build.mjs', 'core/src'], 'server');
await import(path.join(root, 'server', 'dist', 'main.js'));
