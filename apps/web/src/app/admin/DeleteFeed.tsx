'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, apiJson } from '@quoteline/client';
import { FormError } from '@/app/FormError';
import { json, useRefresh, type Feed } from './adminApi';
import { useConfirm } from './ConfirmDialog';

/**
 * Deletes a feed after a confirmation. While streams watch it the API
 * answers `confirmation_required`: its message is shown with a "Delete
 * anyway" button that repeats the request with `?confirm=true`.
 */
export function DeleteFeed({ feed }: { feed: Feed }) {
  const refresh = useRefresh();
  const confirm = useConfirm();
  const [watched, setWatched] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (confirm: boolean) =>
      apiJson(`/api/admin/feeds/${feed.slug}${confirm ? '?confirm=true' : ''}`, json('DELETE')),
    onSuccess: refresh,
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'confirmation_required') return setWatched(e.message);
      setError(e.message);
    },
  });
  const ask = async () => {
    const count = feed.instruments.length;
    const question = `Delete feed:${feed.slug} and its ${count} instrument${count === 1 ? '' : 's'}?`;
    if (
      !(await confirm({
        question,
        detail: 'Widgets showing it lose them at once. This cannot be undone.',
        action: 'Delete feed',
      }))
    )
      return;
    setError(null);
    remove.mutate(false);
  };

  return (
    <div className="admin-danger">
      {watched ? (
        <div role="alert" className="confirm-box">
          <p>
            <strong>The feed is in use.</strong> {watched}
          </p>
          <p>Deleting it anyway removes its instruments from every widget watching it.</p>
          <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(true)}>
            Delete anyway
          </button>
          <button type="button" onClick={() => setWatched(null)}>
            Keep the feed
          </button>
        </div>
      ) : (
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => void ask()}>
          Delete feed
        </button>
      )}
      <FormError>{error}</FormError>
    </div>
  );
}
