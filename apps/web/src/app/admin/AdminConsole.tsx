'use client';
import Link from 'next/link';
import { useSession } from '@quoteline/client/react';
import { useFeeds } from './adminApi';
import { AuditLog } from './AuditLog';
import { ConfirmProvider } from './ConfirmDialog';
import { ConsoleNav } from './ConsoleNav';
import { EmbedKeys } from './EmbedKeys';
import { FeedCard } from './FeedCard';
import { FeedForm } from './FeedForm';
import { NotAllowed } from './NotAllowed';

/** Admins configure what the platform streams; every change reaches connected widgets live. */
export function AdminConsole() {
  const user = useSession();
  if (user === undefined) return <p className="muted">Loading…</p>;
  if (!user || user.role !== 'admin') return <NotAllowed email={user?.email ?? null} />;
  return (
    <ConfirmProvider>
      <header className="page-header">
        <h1>Admin console</h1>
        <p>
          Signed in as <strong>{user.email}</strong>. Changes apply live to every connected widget.{' '}
          <Link href="/">Trader page</Link>
        </p>
      </header>
      <ConsoleNav />
      <Feeds />
      <EmbedKeys />
      <AuditLog />
    </ConfirmProvider>
  );
}

/** Every feed's card, then the form that creates one. */
function Feeds() {
  const { data, error } = useFeeds();
  if (error) return <p role="alert">Could not load the feeds: {error.message}</p>;
  return (
    <section className="admin-section" aria-labelledby="feeds-title">
      <h2 id="feeds-title">Feeds</h2>
      {!data ? (
        <p className="muted">Loading…</p>
      ) : data.feeds.length === 0 ? (
        <p className="muted">No feeds yet: create one below.</p>
      ) : (
        data.feeds.map((f) => <FeedCard key={f.slug} feed={f} />)
      )}
      <FeedForm />
    </section>
  );
}
