'use client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { useSession } from '@quoteline/client/react';
import { addInstrumentRequestSchema, embedKeyRequestSchema } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { adminKeys as keys, byField, issuesOf, json, numberOf, useFeeds, useRefresh, type Feed } from './adminApi';
import { ConfirmProvider, useConfirm } from './ConfirmDialog';
import { ConsoleNav } from './ConsoleNav';
import { DeleteFeed } from './DeleteFeed';
import { FeedForm } from './FeedForm';
import { FeedSettings } from './FeedSettings';
import { PushTokenPanel } from './PushTokenPanel';
import { ReplayUpload } from './ReplayUpload';

type Key = { key: string; label: string; origins: string[]; feeds: string[]; symbols: string[] | null; revokedAt: string | null; createdAt: string };
type Entry = { id: string; actor: string; action: string; target: string; at: string };

/** Admins configure what the platform streams; every change reaches connected widgets live. */
export function AdminConsole() {
  const user = useSession();
  if (user === undefined) return <p className="muted">Loading…</p>;
  if (!user)
    return (
      <p>
        The admin console needs an admin account. <Link href="/signin">Sign in</Link>.
      </p>
    );
  if (user.role !== 'admin') return <p role="alert">Only admins may use the console (signed in as {user.email}).</p>;
  return (
    <ConfirmProvider>
      <header className="page-header">
        <h1>Admin console</h1>
        <p>
          Signed in as <strong>{user.email}</strong>. Changes apply live to every connected widget. <Link href="/">Trader page</Link>
        </p>
      </header>
      <ConsoleNav />
      <Feeds />
      <EmbedKeys />
      <AuditLog />
    </ConfirmProvider>
  );
}

function Feeds() {
  const { data, error } = useFeeds();
  if (error) return <p role="alert">Could not load the feeds: {error.message}</p>;
  return (
    <section className="admin-section" aria-labelledby="feeds-title">
      <h2 id="feeds-title">Feeds</h2>
      {!data ? <p className="muted">Loading…</p> : data.feeds.length === 0 ? <p className="muted">No feeds yet: create one below.</p> : data.feeds.map((f) => <FeedCard key={f.slug} feed={f} />)}
      <FeedForm />
    </section>
  );
}

function FeedCard({ feed }: { feed: Feed }) {
  const refresh = useRefresh();
  const confirm = useConfirm();
  const [error, setError] = useState<string | null>(null);
  const status = useMutation({
    mutationFn: (action: 'pause' | 'resume') => apiJson(`/api/admin/feeds/${feed.slug}/${action}`, json('POST')),
    onSuccess: refresh,
    onError: (e) => setError(e.message),
  });
  const remove = useMutation({
    mutationFn: (symbol: string) => apiJson(`/api/admin/feeds/${feed.slug}/instruments/${symbol}`, json('DELETE')),
    onSuccess: refresh,
    onError: (e) => setError(e.message),
  });
  const paused = feed.status === 'paused';
  return (
    <article className="admin-card" id={`feed-${feed.slug}`} data-feed={feed.slug}>
      <header>
        <h3>
          {feed.name} <code>feed:{feed.slug}</code>
        </h3>
        <span className="badge source">{feed.source}</span>
        <span className={paused ? 'badge paused' : 'badge live'}>{paused ? 'Paused' : 'Running'}</span>
        <button type="button" onClick={() => status.mutate(paused ? 'resume' : 'pause')} disabled={status.isPending}>
          {paused ? 'Resume updates' : 'Pause updates'}
        </button>
      </header>
      {error && <p role="alert" className="field-error">{error}</p>}
      <table>
        <caption className="sr-only">Instruments of {feed.name}</caption>
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Name</th>
            <th scope="col">Price</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {feed.instruments.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No instruments yet: add one below.
              </td>
            </tr>
          )}
          {feed.instruments.map((i) => (
            <tr key={i.symbol}>
              <th scope="row">{i.symbol}</th>
              <td>{i.name}</td>
              <td>{i.price.toFixed(2)}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${i.symbol}`}
                  onClick={async () => {
                    if (await confirm({ question: `Remove ${i.symbol} from feed:${feed.slug}?`, detail: 'Every widget showing it sees it disappear at once.', action: `Remove ${i.symbol}` })) remove.mutate(i.symbol);
                  }}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddInstrument slug={feed.slug} />
      {feed.source === 'push' && <PushTokenPanel feed={feed} />}
      {feed.source === 'replay' && <ReplayUpload feed={feed} />}
      <FeedSettings feed={feed} />
      <DeleteFeed feed={feed} />
    </article>
  );
}

function AddInstrument({ slug }: { slug: string }) {
  const refresh = useRefresh();
  const [form, setForm] = useState({ symbol: '', name: '', price: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: unknown) => apiJson(`/api/admin/feeds/${slug}/instruments`, json('POST', body)),
    onSuccess: () => {
      setForm({ symbol: '', name: '', price: '' });
      void refresh();
    },
    onError: (e) => setErrors({ form: e.message, ...issuesOf(e) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The same schema the API validates with.
    const parsed = addInstrumentRequestSchema.safeParse({ symbol: form.symbol.trim(), name: form.name, price: numberOf(form.price) });
    if (!parsed.success) return setErrors(byField(parsed.error.issues));
    setErrors({});
    add.mutate(parsed.data);
  };
  const field = (name: 'symbol' | 'name' | 'price', label: string) => (
    <Field id={`${slug}-${name}`} label={label} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} error={errors[name]} autoComplete="off" />
  );
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={`Add an instrument to ${slug}`}>
      {field('symbol', 'Symbol')}
      {field('name', 'Name')}
      {field('price', 'Price')}
      <button type="submit" disabled={add.isPending}>
        Add instrument
      </button>
      {errors.form && <p role="alert" className="field-error">{errors.form}</p>}
    </form>
  );
}

function EmbedKeys() {
  const refresh = useRefresh();
  const confirm = useConfirm();
  const { data } = useQuery({ queryKey: keys.embedKeys, queryFn: () => apiJson<{ keys: Key[] }>('/api/admin/embed-keys') });
  const [form, setForm] = useState({ label: '', origins: '', feeds: 'demo' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string | null>(null);
  const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const create = useMutation({
    mutationFn: (body: unknown) => apiJson<{ key: string }>('/api/admin/embed-keys', json('POST', body)),
    onSuccess: (r) => {
      setCreated(r.key);
      setForm({ label: '', origins: '', feeds: 'demo' });
      void refresh();
    },
    onError: (e) => setErrors({ form: e.message, ...issuesOf(e) }),
  });
  const revoke = useMutation({ mutationFn: (key: string) => apiJson(`/api/admin/embed-keys/${key}`, json('DELETE')), onSuccess: refresh });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = embedKeyRequestSchema.safeParse({ label: form.label, origins: list(form.origins), feeds: list(form.feeds) });
    if (!parsed.success) return setErrors(byField(parsed.error.issues));
    setErrors({});
    create.mutate(parsed.data);
  };
  return (
    <section className="admin-section" aria-labelledby="keys-title">
      <h2 id="keys-title">Embed keys</h2>
      {created && (
        <p role="status">
          New key: <code>{created}</code>
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Key</th>
            <th scope="col">Origins</th>
            <th scope="col">Feeds</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {data?.keys.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No embed keys yet.
              </td>
            </tr>
          )}
          {data?.keys.map((k) => (
            <tr key={k.key}>
              <th scope="row">{k.label}</th>
              <td>
                <code>{k.key}</code>
              </td>
              <td>{k.origins.join(', ')}</td>
              <td>{k.feeds.join(', ')}</td>
              <td>
                {k.revokedAt ? (
                  'Revoked'
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    onClick={async () => {
                      if (await confirm({ question: `Revoke the key "${k.label}"?`, detail: 'Its widgets stop within seconds, on every site that uses it. This cannot be undone.', action: 'Revoke key' })) revoke.mutate(k.key);
                    }}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={submit} noValidate aria-label="Create an embed key">
        {(['label', 'origins', 'feeds'] as const).map((name) => (
          <Field
            key={name}
            id={`key-${name}`}
            label={name === 'label' ? 'Label' : name === 'origins' ? 'Allowed origins (comma-separated)' : 'Feeds (comma-separated)'}
            value={form[name]}
            onChange={(e) => setForm({ ...form, [name]: e.target.value })}
            error={errors[name]}
          />
        ))}
        <button type="submit" disabled={create.isPending}>
          Create key
        </button>
        {errors.form && <p role="alert" className="field-error">{errors.form}</p>}
      </form>
    </section>
  );
}

function AuditLog() {
  const { data } = useQuery({ queryKey: keys.audit, queryFn: () => apiJson<{ entries: Entry[] }>('/api/admin/audit') });
  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {data?.entries.length === 0 ? (
        <p className="muted">Nothing changed yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {data?.entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString('en-GB')}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>
                  <code>{e.target}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
