// Preloaded into our app server with NODE_OPTIONS=--import for `--cpu-prof`
// (Node 20 refuses --cpu-prof in NODE_OPTIONS). SIGUSR2 starts the V8 CPU
// profiler and the next SIGUSR2 writes the profile, so it covers exactly
// the measured window. Plain JavaScript: next-server loads it without tsx.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import process from 'node:process';

const dir = process.env.QUOTELINE_BENCH_PROFILE_DIR;
const name = process.env.QUOTELINE_BENCH_PROFILE_NAME || 'server';
let session = null;

if (dir) {
  process.on('SIGUSR2', () => {
    if (!session) {
      session = new Session();
      session.connect();
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    const running = session;
    session = null;
    running.post('Profiler.stop', (error, result) => {
      if (!error) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      }
      running.disconnect();
    });
  });
}
