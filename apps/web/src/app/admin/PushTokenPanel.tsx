'use client';
import { useState, useSyncExternalStore } from 'react';
import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { FormError } from '@/app/FormError';
import { json, useRefresh, type Feed } from './adminApi';
import { useConfirm } from './ConfirmDialog';
import { OneTimeToken } from './OneTimeToken';

const noSubscription = () => () => undefined;
/** This page's origin (empty while rendering on the server), for copyable URLs. */
const useOrigin = () =>
  useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );

/** A push feed's tick endpoint with a curl example, and rotation of its push token (the new one shown once). */
export function PushTokenPanel({ feed }: { feed: Feed }) {
  const refresh = useRefresh();
  const confirm = useConfirm();
  const origin = useOrigin();
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () => apiJson<{ pushToken: string }>(`/api/admin/feeds/${feed.slug}/push-token`, json('POST')),
    onSuccess: (r) => {
      setError(null);
      setToken(r.pushToken);
      void refresh();
    },
    onError: (e) => setError(e.message),
  });
  const url = `${origin}/api/feeds/${feed.slug}/ticks`;
  const symbol = feed.instruments[0]?.symbol ?? 'SYMBOL';
  const price = feed.instruments[0]?.price.toFixed(2) ?? '100.00';
  const curl = [
    `curl -X POST ${url} \\`,
    `  -H "Authorization: Bearer $PUSH_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"ticks":[{"symbol":"${symbol}","price":${price}}]}'`,
  ].join('\n');

  return (
    <section className="admin-sub" aria-label={`Push endpoint of ${feed.slug}`}>
      <h4>Push endpoint</h4>
      <p>
        Your system sends ticks with <code data-testid="tick-endpoint">POST {url}</code> and the header{' '}
        <code>Authorization: Bearer &lt;push token&gt;</code>: up to 1000 ticks of{' '}
        <code>{'{symbol, price, bid?, ask?, ts?}'}</code> per request, for this feed&apos;s instruments. Bad ticks come
        back with their reasons.
      </p>
      <pre className="code-block" aria-label="Example request">
        <code>{curl}</code>
      </pre>
      {token && <OneTimeToken slug={feed.slug} token={token} onDone={() => setToken(null)} />}
      <button
        type="button"
        disabled={rotate.isPending}
        onClick={async () => {
          if (
            await confirm({
              question: `Rotate the push token of feed:${feed.slug}?`,
              detail: 'The current token stops working at once; your sender needs the new one.',
              action: 'Rotate token',
            })
          )
            rotate.mutate();
        }}
      >
        Rotate push token
      </button>
      <FormError>{error}</FormError>
    </section>
  );
}
