'use client';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, apiJson } from '@quoteline/client';
import { createFeedRequestSchema } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { FormError } from '@/app/FormError';
import { errorsOf, json, numberOf, useRefresh, validated, type Feed } from './adminApi';
import { OneTimeToken } from './OneTimeToken';
import { SettingsFields, settingsOf } from './SettingsFields';

const SOURCES: { value: Feed['source']; label: string; hint: string }[] = [
  { value: 'simulator', label: 'Simulator', hint: 'prices generated here, from the settings below' },
  { value: 'push', label: 'Push', hint: 'your system sends ticks over HTTP with a push token' },
  { value: 'replay', label: 'Replay', hint: 'a CSV file you upload is played back' },
];

// The API's defaults (prisma/models.prisma), shown so the admin sees what they get.
const EMPTY = {
  slug: '',
  name: '',
  source: 'simulator' as Feed['source'],
  tickIntervalMs: '500',
  volatility: '0.4',
  drift: '0',
  spreadBps: '10',
  seed: '1',
};

type Created = { slug: string; source: Feed['source']; pushToken?: string };

/** Creates a feed (simulator, push or replay); a push feed's token is shown here once. */
export function FeedForm() {
  const refresh = useRefresh();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => apiJson<Created>('/api/admin/feeds', json('POST', body)),
    onSuccess: (r) => {
      setCreated(r);
      setForm(EMPTY);
      void refresh();
    },
    // A taken slug belongs next to the slug field; anything else next to the button.
    onError: (e) => setErrors(e instanceof ApiError && e.code === 'duplicate_feed' ? { slug: e.message } : errorsOf(e)),
  });
  const set = (name: keyof typeof EMPTY, value: string) => setForm((f) => ({ ...f, [name]: value }));
  /** The id, value, change handler and error that tie a Field to one text of the form. */
  const bound = (name: 'slug' | 'name' | 'seed') => ({
    id: `new-feed-${name}`,
    value: form[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(name, e.target.value),
    error: errors[name],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const settings = Object.fromEntries(settingsOf(form.source).map((name) => [name, numberOf(form[name])]));
    const seed = form.source === 'simulator' ? { seed: numberOf(form.seed) } : {};
    const body = validated(
      createFeedRequestSchema,
      { slug: form.slug.trim(), name: form.name, source: form.source, ...settings, ...seed },
      setErrors,
    );
    if (!body) return;
    setCreated(null);
    create.mutate(body);
  };

  return (
    <section className="admin-card" aria-labelledby="new-feed-title">
      <h3 id="new-feed-title">Create a feed</h3>
      <p role="status">
        {created && (
          <>
            Feed <code>feed:{created.slug}</code> created.{' '}
            {created.source === 'replay'
              ? 'Add its instruments, then upload a CSV file to play.'
              : 'Add its instruments above.'}
          </>
        )}
      </p>
      {created?.pushToken && (
        <OneTimeToken slug={created.slug} token={created.pushToken} onDone={() => setCreated(null)} />
      )}
      <form className="admin-form" onSubmit={submit} noValidate aria-label="Create a feed">
        <Field {...bound('slug')} label="Slug" hint="lowercase letters, digits, dashes" autoComplete="off" />
        <Field {...bound('name')} label="Display name" autoComplete="off" />
        <fieldset className="choice">
          <legend>Source</legend>
          {SOURCES.map((s) => (
            <label key={s.value}>
              <input
                type="radio"
                name="new-feed-source"
                value={s.value}
                checked={form.source === s.value}
                onChange={() => set('source', s.value)}
                aria-describedby={`new-feed-source-${s.value}`}
              />
              {s.label}
              <span className="field-hint" id={`new-feed-source-${s.value}`}>
                {s.hint}
              </span>
            </label>
          ))}
          {errors.source && <div className="field-error">{errors.source}</div>}
        </fieldset>
        <SettingsFields idPrefix="new-feed" source={form.source} values={form} errors={errors} onChange={set} />
        {form.source === 'simulator' && (
          <Field {...bound('seed')} label="Seed" hint="same seed, same prices" inputMode="numeric" size={10} />
        )}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create feed'}
        </button>
        <FormError>{errors.form}</FormError>
      </form>
    </section>
  );
}
