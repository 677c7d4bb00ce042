// The npm registry reachable from our build machines does not serve every platform build of
// rollup (Vite's bundler), so `npm install` here leaves those optional packages out of
// package-lock.json and `npm ci` then refuses the lock. This adds the missing entries, marked
// optional with their platform, exactly as npm writes them where the registry serves them:
// npm ci skips them on other platforms and fetches them by name and version on their own.
// Run after `npm install` changes the lock: node scripts/complete-lock.mjs
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

const platform = (name) => {
  const m = name.match(/^@rollup\/rollup-(android|darwin|freebsd|linux|openbsd|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-(gnu|musl|gnueabihf|musleabihf|eabi|msvc))?$/);
  if (!m) return null;
  const [, os, cpu, abi] = m;
  const libc = abi === 'gnu' || abi === 'gnueabihf' ? ['glibc'] : abi === 'musl' || abi === 'musleabihf' ? ['musl'] : undefined;
  return { os: [os], cpu: [cpu], libc };
};

let added = 0;
for (const [key, pkg] of Object.entries(packages)) {
  if (!pkg.optionalDependencies) continue;
  for (const [dep, version] of Object.entries(pkg.optionalDependencies)) {
    const at = `node_modules/${dep}`;
    if (packages[at]) continue;
    const p = platform(dep);
    if (!p) continue;
    packages[at] = { version, cpu: p.cpu, dev: pkg.dev, ...(p.libc ? { libc: p.libc } : {}), license: 'MIT', optional: true, os: p.os };
    if (!pkg.dev) delete packages[at].dev;
    added++;
    void key;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json : ${added} entrées de plateforme ajoutées`);
