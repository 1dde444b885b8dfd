import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives, coarse enough to read at a glance. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.includes('webstreams')) return 'node: web streams';
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/').slice(-1)[0]}`;
  if (/packages\/stream|\[project\]\/packages\/stream/.test(url)) return 'packages/stream';
  if (url.includes('next/dist')) return 'next';
  return url.replace(/^.*\/(\.next|node_modules)\//, '$1/').slice(0, 60);
}

/**
 * Self time of a .cpuprofile by function and by area, heaviest first: the
 * quick answer to "where does the server's time go?".
 */
export function summarizeCpuProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Leave out the profiler's own work (stopping and serialising the profile happens inside it).
  const excluded = new Set<number>();
  const exclude = (node: ProfileNode) => {
    excluded.add(node.id);
    for (const child of node.children ?? []) exclude(byId.get(child)!);
  };
  for (const node of profile.nodes) if (node.callFrame.url.endsWith('cpuProfiler.mjs')) exclude(node);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (!excluded.has(id)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  let total = 0;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    total += us;
    const key = `${functionName || '(anonymous)'}  ${url.replace(/^.*\/(\.next|node_modules)\//, '$1/')}:${lineNumber + 1}:${columnNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
  }
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
  return [
    `busy ${(total / 1e6).toFixed(2)} s (idle and the profiler excluded); self time by area:`,
    ...rows(byArea, 12),
    '',
    'by function:',
    ...rows(byFunction, top),
  ].join('\n');
}

// `tsx bench/stream/cpuProfileSummary.ts <file.cpuprofile>`
if (process.argv[1]?.endsWith('cpuProfileSummary.ts') && process.argv[2])
  console.info(summarizeCpuProfile(process.argv[2]));
