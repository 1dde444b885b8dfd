'use client';
import { Field } from '@/app/Field';
import type { Feed } from './adminApi';

/** The tunable settings of a feed, as typed (text) in a form. */
export type SettingsText = { tickIntervalMs: string; volatility: string; drift: string; spreadBps: string };
export type SettingName = keyof SettingsText;

const SETTINGS: { name: SettingName; label: string; hint: string; simulatorOnly: boolean }[] = [
  { name: 'tickIntervalMs', label: 'Tick interval (ms)', hint: '50 to 60000', simulatorOnly: true },
  { name: 'volatility', label: 'Volatility', hint: 'per year; 0.4 = 40\u00a0%', simulatorOnly: true },
  { name: 'drift', label: 'Drift', hint: 'per year; -0.1 = -10\u00a0%', simulatorOnly: true },
  { name: 'spreadBps', label: 'Spread (bps)', hint: 'bid/ask when a tick has none', simulatorOnly: false },
];

/** The settings that apply to a source: a simulator uses all, push and replay feeds only the spread. */
export const settingsOf = (source: Feed['source']): SettingName[] =>
  SETTINGS.filter((s) => source === 'simulator' || !s.simulatorOnly).map((s) => s.name);

/** A feed's current settings as form text. */
export const settingsText = (feed: Pick<Feed, SettingName>): SettingsText => ({
  tickIntervalMs: String(feed.tickIntervalMs),
  volatility: String(feed.volatility),
  drift: String(feed.drift),
  spreadBps: String(feed.spreadBps),
});

/** The setting fields of one source, shared by the create and the settings forms. */
export function SettingsFields({
  idPrefix,
  source,
  values,
  errors,
  onChange,
}: {
  idPrefix: string;
  source: Feed['source'];
  values: SettingsText;
  errors: Record<string, string>;
  onChange: (name: SettingName, value: string) => void;
}) {
  return (
    <>
      {SETTINGS.filter((s) => settingsOf(source).includes(s.name)).map((s) => (
        <Field
          key={s.name}
          id={`${idPrefix}-${s.name}`}
          label={s.label}
          hint={s.hint}
          inputMode="decimal"
          size={10}
          value={values[s.name]}
          onChange={(e) => onChange(s.name, e.target.value)}
          error={errors[s.name]}
        />
      ))}
    </>
  );
}
