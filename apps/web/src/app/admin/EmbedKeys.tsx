'use client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { embedKeyRequestSchema, type EmbedKeyListing } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { FormError } from '@/app/FormError';
import { adminKeys as keys, errorsOf, json, useRefresh, validated } from './adminApi';
import { useConfirm } from './ConfirmDialog';
import { ConsoleTable } from './ConsoleTable';

type Key = EmbedKeyListing;

const EMPTY = { label: '', origins: '', feeds: 'demo', symbols: '' };

const FIELDS = [
  { name: 'label', label: 'Label' },
  { name: 'origins', label: 'Allowed origins (comma-separated)' },
  { name: 'feeds', label: 'Feeds (comma-separated)' },
  {
    name: 'symbols',
    label: 'Symbols (comma- or space-separated)',
    hint: 'Leave empty to allow every symbol of the feeds.',
  },
] as const;

/** A typed list: the items between commas (and, for symbols, spaces), blanks dropped. */
const list = (v: string, separator: RegExp = /,/) =>
  v
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);

/** The embed keys: created here (the new key shown once), revoked after a confirmation. */
export function EmbedKeys() {
  const refresh = useRefresh();
  const confirm = useConfirm();
  const { data } = useQuery({
    queryKey: keys.embedKeys,
    queryFn: () => apiJson<{ keys: Key[] }>('/api/admin/embed-keys'),
  });
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => apiJson<{ key: string }>('/api/admin/embed-keys', json('POST', body)),
    onSuccess: (r) => {
      setCreated(r.key);
      setForm(EMPTY);
      void refresh();
    },
    onError: (e) => setErrors(errorsOf(e)),
  });
  const revoke = useMutation({
    mutationFn: (key: string) => apiJson(`/api/admin/embed-keys/${key}`, json('DELETE')),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const symbols = list(form.symbols, /[\s,]+/);
    const body = validated(
      embedKeyRequestSchema,
      {
        label: form.label,
        origins: list(form.origins),
        feeds: list(form.feeds),
        symbols: symbols.length ? symbols : null, // none typed: every symbol of its feeds
      },
      setErrors,
    );
    if (body) create.mutate(body);
  };
  return (
    <section className="admin-section" aria-labelledby="keys-title">
      <h2 id="keys-title">Embed keys</h2>
      <p className="muted">
        A key lets pages on its origins show widgets of its feeds (and, when given, only those symbols); see{' '}
        <Link href="/docs/embed#keys">Embedding Quoteline widgets</Link>.
      </p>
      {created && (
        <p role="status">
          New key: <code>{created}</code>
        </p>
      )}
      <ConsoleTable
        columns={['Label', 'Key', 'Origins', 'Feeds', 'Symbols', 'State']}
        empty={data?.keys.length === 0 && 'No embed keys yet.'}
      >
        {data?.keys.map((k) => (
          <tr key={k.key}>
            <th scope="row">{k.label}</th>
            <td>
              <code>{k.key}</code>
            </td>
            <td>{k.origins.join(', ')}</td>
            <td>{k.feeds.join(', ')}</td>
            <td className={k.symbols ? undefined : 'muted'}>{k.symbols ? k.symbols.join(', ') : 'all symbols'}</td>
            <td>
              {k.revokedAt ? (
                'Revoked'
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={async () => {
                    if (
                      await confirm({
                        question: `Revoke the key "${k.label}"?`,
                        detail: 'Its widgets stop within seconds, on every site that uses it. This cannot be undone.',
                        action: 'Revoke key',
                      })
                    )
                      revoke.mutate(k.key);
                  }}
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </ConsoleTable>
      <form className="admin-form" onSubmit={submit} noValidate aria-label="Create an embed key">
        {FIELDS.map(({ name, label, ...field }) => (
          <Field
            key={name}
            id={`key-${name}`}
            label={label}
            hint={'hint' in field ? field.hint : undefined}
            value={form[name]}
            onChange={(e) => setForm({ ...form, [name]: e.target.value })}
            error={errors[name]}
          />
        ))}
        <button type="submit" disabled={create.isPending}>
          Create key
        </button>
        <FormError>{errors.form}</FormError>
      </form>
    </section>
  );
}
