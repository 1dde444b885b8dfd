/**
 * The market's clock: the wall clock, which tests (QUOTELINE_TEST_HOOKS only)
 * may move to any instant, from where it runs on at real speed. Trading
 * calendars and tick times read it, so a test can stand a second before a
 * market's close and watch the stream report it.
 */
export class TestClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** From now on the clock reads `at`, then runs on. */
  set(at: number): void {
    this.offsetMs = at - Date.now();
  }
}
