'use client';
import { useEffect, useId, useRef, useState } from 'react';

/**
 * A push token the API returns once (at creation or rotation): shown in a
 * labelled box with a copy button and a warning, until the admin hides it.
 * Focus moves to the box so keyboard and screen-reader users land on it.
 */
export function OneTimeToken({ slug, token, onDone }: { slug: string; token: string; onDone: () => void }) {
  const titleId = useId();
  const box = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => box.current?.focus(), []);

  const copyToken = () => {
    const done = navigator.clipboard?.writeText(token);
    if (!done) return setCopy('failed');
    done.then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };

  return (
    <section className="token-box" aria-labelledby={titleId} tabIndex={-1} ref={box} data-testid="push-token-box">
      <h4 id={titleId}>Push token of feed:{slug}</h4>
      <p className="token-warning">
        <strong>Copy it now: it will not be shown again.</strong> Only its fingerprint is stored. If it is lost, rotate
        the token and give the new one to your sender.
      </p>
      <div className="token-row">
        <code data-testid="push-token">{token}</code>
        <button type="button" onClick={copyToken}>
          Copy token
        </button>
      </div>
      <p role="status" className="muted">
        {copy === 'copied'
          ? 'Copied to the clipboard.'
          : copy === 'failed'
            ? 'Could not copy: select the token and copy it by hand.'
            : ''}
      </p>
      <button type="button" onClick={onDone}>
        I have stored it: hide the token
      </button>
    </section>
  );
}
