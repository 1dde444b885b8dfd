'use client';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { updateFeedRequestSchema } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { FormError } from '@/app/FormError';
import { errorsOf, json, numberOf, useRefresh, validated, type Feed } from './adminApi';
import { SettingsFields, settingsOf, settingsText } from './SettingsFields';

const formOf = (feed: Feed) => ({ name: feed.name, ...settingsText(feed) });

/**
 * Renames a feed and retunes it (PATCH); a simulator's new settings apply live. Only changed values are sent, so the audit log says what changed.
 * While the admin has not typed, the form follows the feed as the console last loaded it (another admin's change shows); once typed, their edits stay.
 */
export function FeedSettings({ feed }: { feed: Feed }) {
  const refresh = useRefresh();
  const [form, setForm] = useState(() => formOf(feed));
  const [edited, setEdited] = useState(false);
  const [shownFrom, setShownFrom] = useState(feed);
  if (shownFrom !== feed) {
    // React's "adjust state when a prop changes": during render, no effect and no extra paint.
    setShownFrom(feed);
    if (!edited) setForm(formOf(feed));
  }
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (body: unknown) => apiJson(`/api/admin/feeds/${feed.slug}`, json('PATCH', body)),
    onSuccess: () => {
      setEdited(false);
      setSaved(feed.source === 'simulator' ? 'Saved: the new settings apply live.' : 'Saved.');
      void refresh();
    },
    onError: (e) => setErrors(errorsOf(e)),
  });
  const set = (name: keyof typeof form, value: string) => {
    setSaved(null);
    setEdited(true);
    setForm((f) => ({ ...f, [name]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = {
      name: form.name,
      ...Object.fromEntries(settingsOf(feed.source).map((name) => [name, numberOf(form[name])])),
    };
    const body = validated(updateFeedRequestSchema, values, setErrors);
    if (!body) return;
    const changed = Object.fromEntries(
      Object.entries(body).filter(([key, value]) => (feed as Record<string, unknown>)[key] !== value),
    );
    if (Object.keys(changed).length === 0) return setSaved('Nothing changed.');
    update.mutate(changed);
  };

  const id = `${feed.slug}-settings`;
  return (
    <section className="admin-sub" aria-label={`Settings of ${feed.slug}`}>
      <h4>Settings</h4>
      <form className="admin-form" onSubmit={submit} noValidate aria-label={`Rename or retune ${feed.slug}`}>
        <Field
          id={`${id}-name`}
          label="Display name"
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
          autoComplete="off"
        />
        <SettingsFields idPrefix={id} source={feed.source} values={form} errors={errors} onChange={set} />
        <button type="submit" disabled={update.isPending}>
          Save settings
        </button>
        <p role="status" className="muted">
          {saved}
        </p>
        <FormError>{errors.form}</FormError>
      </form>
    </section>
  );
}
