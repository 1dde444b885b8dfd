'use client';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, apiJson } from '@quoteline/client';
import { MAX_REPLAY_BYTES, replayOptionsSchema } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { byField, numberOf, useRefresh, type Feed } from './adminApi';

type Played = { rows: number; speed: number; loop: boolean };
/** A failed upload: the API's message and, for bad rows, each row's line number and problem. */
type UploadError = { message: string; rows: { line: number; message: string }[] };

const played = (p: { speed: number; loop: boolean }) => `at ${p.speed}× speed, ${p.loop ? 'looping' : 'once'}`;

/** Uploads a replay feed's CSV (timestamp,symbol,price[,bid,ask]) with its speed and loop options; bad rows come back with their line numbers. */
export function ReplayUpload({ feed }: { feed: Feed }) {
  const refresh = useRefresh();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [speed, setSpeed] = useState('1');
  const [loop, setLoop] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<UploadError | null>(null);
  const [done, setDone] = useState<Played | null>(null);
  const upload = useMutation({
    mutationFn: ({ csv, speed, loop }: { csv: File; speed: number; loop: boolean }) =>
      apiJson<Played>(`/api/admin/feeds/${feed.slug}/replay?speed=${speed}&loop=${loop}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv' },
        body: csv,
      }),
    onSuccess: (r) => {
      setDone(r);
      setFile(null);
      setFileKey((k) => k + 1);
      void refresh();
    },
    onError: (e) => {
      const issues = e instanceof ApiError ? e.issues : [];
      const rows = issues
        .filter((i) => i.path[0] === 'line')
        .map((i) => ({ line: Number(i.path[1]), message: i.message }))
        .sort((a, b) => a.line - b.line);
      setErrors(byField(issues.filter((i) => i.path[0] !== 'line')));
      setFailure({ message: e.message, rows });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setFailure(null);
    // The same schema the API reads its query with.
    const options = replayOptionsSchema.safeParse({ speed: numberOf(speed), loop: String(loop) });
    const next = options.success ? {} : byField(options.error.issues);
    if (!file) next.file = 'Choose a CSV file.';
    else if (file.size > MAX_REPLAY_BYTES)
      next.file = `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; at most 1 MB can be uploaded.`;
    setErrors(next);
    if (options.success && file && !next.file) upload.mutate({ csv: file, ...options.data });
  };

  const id = `${feed.slug}-replay`;
  const fileError =
    errors.file ??
    (failure && (
      <>
        <p role="alert">{failure.message}</p>
        {failure.rows.length > 0 && (
          <ul className="row-errors" aria-label="Rows that cannot be replayed">
            {failure.rows.map((r) => (
              <li key={`${r.line}-${r.message}`}>
                Line {r.line}: {r.message}
              </li>
            ))}
          </ul>
        )}
      </>
    ));

  return (
    <section className="admin-sub" aria-label={`Replay file of ${feed.slug}`}>
      <h4>Replay file</h4>
      <p className="muted" data-testid="replay-state">
        {feed.replay ? `Playing the uploaded file ${played(feed.replay)}.` : 'No file uploaded yet.'}
        {feed.instruments.length === 0 &&
          ' Add the instruments the file names first: rows of other symbols are refused.'}
      </p>
      <form className="admin-form" onSubmit={submit} noValidate aria-label={`Upload a replay file to ${feed.slug}`}>
        <Field
          key={fileKey}
          className="field-wide"
          id={`${id}-file`}
          label="CSV file"
          hint="timestamp,symbol,price[,bid,ask]; at most 1 MB"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          error={fileError || undefined}
        />
        <Field
          id={`${id}-speed`}
          label="Speed"
          hint="1 = as recorded, 10 = ten times faster"
          inputMode="decimal"
          size={10}
          value={speed}
          onChange={(e) => setSpeed(e.target.value)}
          error={errors.speed}
        />
        <div className="field checkbox-field">
          <input id={`${id}-loop`} type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} />
          <label htmlFor={`${id}-loop`}>Loop at the end</label>
        </div>
        <button type="submit" disabled={upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload and play'}
        </button>
        <p role="status" className="muted">
          {done && `Playing ${done.rows} row${done.rows === 1 ? '' : 's'} ${played(done)}.`}
        </p>
      </form>
    </section>
  );
}
