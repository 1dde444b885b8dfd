/**
 * A feed's trading calendar: when its market is open, in the market's own time zone.
 * Pure date math on Intl (no tz library), so it can be run with any injected clock.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times, "HH:MM" (24 h); a session closes after it opens on the same day. */
export interface SessionHours {
  open: string;
  close: string;
}

export interface TradingCalendar {
  /** IANA time zone, e.g. "America/New_York". */
  timeZone: string;
  /** Weekdays without an entry are closed all day. */
  hours: Partial<Record<Weekday, SessionHours>>;
  /** Whole closed days, "YYYY-MM-DD" in the calendar's time zone. */
  holidays: readonly string[];
}

export interface SessionState {
  state: 'open' | 'closed';
  /** When the state next changes (ms since the epoch); null when never (always open, or no session ahead). */
  nextChange: number | null;
}

/** How far ahead a next session is looked for (covers long holiday runs). */
const LOOKAHEAD_DAYS = 21;

/** The session state at `now`; a null calendar is "always open" (the simulator's default). */
export function sessionAt(calendar: TradingCalendar | null, now: number): SessionState {
  if (!calendar) return { state: 'open', nextChange: null };
  const today = localDate(now, calendar.timeZone);
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const hours = calendar.hours[WEEKDAYS[day.getUTCDay()]!];
    if (!hours || calendar.holidays.includes(day.toISOString().slice(0, 10))) continue;
    const open = zonedTime(day, hours.open, calendar.timeZone);
    const close = zonedTime(day, hours.close, calendar.timeZone);
    if (now < open) return { state: 'closed', nextChange: open };
    if (now < close) return { state: 'open', nextChange: close };
  }
  return { state: 'closed', nextChange: null };
}

/** "Mon 09:30 (New York)": a change time in the market's zone, named by its city. */
export function formatSessionTime(at: number, timeZone: string, locale = 'en-US'): string {
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${time.replace(',', '')} (${zoneCity(timeZone)})`;
}

/** "Closed · opens Mon 09:30 (New York)" or "Open · closes 16:00 …" for a widget's status line. */
export function describeSession(session: SessionState, timeZone: string, locale = 'en-US'): string {
  const label = session.state === 'open' ? 'Open' : 'Closed';
  if (session.nextChange === null) return label;
  const verb = session.state === 'open' ? 'closes' : 'opens';
  return `${label} · ${verb} ${formatSessionTime(session.nextChange, timeZone, locale)}`;
}

function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function wallClock(at: number, timeZone: string): LocalDate & { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

function localDate(at: number, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(at, timeZone);
  return { year, month, day };
}

/** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
function zoneOffset(at: number, timeZone: string): number {
  const c = wallClock(at, timeZone);
  const minute = Math.floor(at / 60_000) * 60_000;
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute) - minute;
}

/** The instant a local "HH:MM" on `day` (a UTC-midnight Date of the local date) happens in the zone. */
function zonedTime(day: Date, hhmm: string, timeZone: string): number {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
  // The offset depends on the instant itself; a second pass settles it across a DST change.
  const first = asUtc - zoneOffset(asUtc, timeZone);
  return asUtc - zoneOffset(first, timeZone);
}
