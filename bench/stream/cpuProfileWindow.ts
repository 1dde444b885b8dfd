import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withPreload } from './preload';
import { listenerPid } from './procStats';

/** Environment that preloads cpuProfiler.mjs into our server, so SIGUSR2 can start and stop a profile. */
export function cpuProfileEnv(dir: string, name: string): Record<string, string> {
  return {
    NODE_OPTIONS: withPreload(process.env.NODE_OPTIONS, 'bench/stream/cpuProfiler.mjs'),
    QUOTELINE_BENCH_PROFILE_DIR: dir,
    QUOTELINE_BENCH_PROFILE_NAME: name,
  };
}

/** Window hooks that profile the process listening on `port` for exactly the measured window; `file` is set once written. */
export function cpuProfileWindow(
  port: number,
  dir: string,
  name: string,
): { opened(): void; closed(): Promise<void>; file: string | null } {
  let pid: number | null = null;
  const hooks = {
    file: null as string | null,
    opened() {
      pid = listenerPid(port);
      if (pid) process.kill(pid, 'SIGUSR2');
    },
    async closed() {
      if (!pid) return;
      process.kill(pid, 'SIGUSR2');
      const file = join(dir, `${name}-${pid}.cpuprofile`);
      for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
      if (existsSync(file)) hooks.file = file;
    },
  };
  return hooks;
}
