// Debian packages the project's tests and scaled mode need, installed with
// apt-get when missing. Package installs here never start services.
import { execFileSync } from 'node:child_process';
import { run } from './lib.mjs';

function installed(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).includes('install ok installed');
  } catch {
    return false;
  }
}

/** The packages of the list that are not installed. */
export function missingDebianPackages(packages) {
  return packages.filter((p) => !installed(p));
}

/** Installs the Debian packages that are missing (apt-get update first); needs root. */
export async function ensureDebianPackages(packages) {
  const missing = missingDebianPackages(packages);
  if (missing.length === 0) return;
  const [command, ...prefix] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`      installing ${missing.join(', ')} with apt-get`);
  await run(command, [...prefix, 'update', '-qq'], { env });
  await run(command, [...prefix, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}
