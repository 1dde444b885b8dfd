'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { FormError } from '@/app/FormError';
import { json, useRefresh, type Feed } from './adminApi';
import { AddInstrument } from './AddInstrument';
import { DeleteFeed } from './DeleteFeed';
import { FeedSettings } from './FeedSettings';
import { InstrumentTable } from './InstrumentTable';
import { PushTokenPanel } from './PushTokenPanel';
import { ReplayUpload } from './ReplayUpload';

/** One feed in the console: pause or resume it, its instruments, its source's panel, its settings and its deletion. */
export function FeedCard({ feed }: { feed: Feed }) {
  const refresh = useRefresh();
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
      <FormError>{error}</FormError>
      <InstrumentTable feed={feed} onRemove={(symbol) => remove.mutate(symbol)} />
      <AddInstrument slug={feed.slug} />
      {feed.source === 'push' && <PushTokenPanel feed={feed} />}
      {feed.source === 'replay' && <ReplayUpload feed={feed} />}
      <FeedSettings feed={feed} />
      <DeleteFeed feed={feed} />
    </article>
  );
}
