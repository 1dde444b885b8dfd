// How the Redis parts report trouble without throwing into ioredis's callbacks.

/** Runs a listener; what it throws is reported, not thrown (one bad listener must not stop the others). */
export function guard(call: () => void, report: (error: unknown) => void): void {
  try {
    call();
  } catch (error) {
    report(error);
  }
}

/** Reports the first error of an outage; `report(null)` marks recovery. */
export function reportOncePerOutage(sink: (error: unknown) => void): (error: unknown) => void {
  let failing = false;
  return (error) => {
    if (error === null) failing = false;
    else if (!failing) {
      failing = true;
      sink(error);
    }
  };
}
