import { machineBusySeconds, sampleGroup } from './procStats';

/**
 * Waits (at most `maxWaitMs`) until everything except our server and load
 * generator uses less than `maxOtherPercent` of one core over a second: the
 * two cores are shared with other people's test runs, whose bursts would
 * otherwise land in the measured window. Returns the last "other" reading.
 */
export async function waitForQuietMachine(
  pgids: number[],
  maxWaitMs: number,
  maxOtherPercent = 25,
): Promise<{ otherPercent: number; waitedMs: number }> {
  const started = Date.now();
  const ours = () => pgids.reduce((sum, pgid) => sum + sampleGroup(pgid).cpuSeconds, 0);
  for (;;) {
    const machine0 = machineBusySeconds();
    const ours0 = ours();
    const at0 = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    const seconds = (performance.now() - at0) / 1000;
    const otherPercent = (100 * (machineBusySeconds() - machine0 - (ours() - ours0))) / seconds;
    const waitedMs = Date.now() - started;
    if (otherPercent < maxOtherPercent || waitedMs >= maxWaitMs) return { otherPercent, waitedMs };
  }
}
