'use client';
import { useCallback, useState, type ReactElement, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { InSight } from '@quoteline/client/react';

/**
 * A host element whose Shadow DOM holds the widget, as the script tag does, so
 * the page's CSS and the widget's never meet. The server and the first client
 * render show the placeholder (so hydration matches); the widget mounts after.
 * `data-quoteline-react`, not `data-quoteline`: the script tag must not mount its own widget here.
 * The widget watches its host, as the script tag's do (`InSight`): while it is
 * out of view or its tab hidden, its feed slows to one update per symbol per second.
 */
export function ShadowMount({
  kind,
  placeholder,
  children,
}: {
  kind: string;
  placeholder: string;
  children: ReactNode;
}): ReactElement {
  const [mount, setMount] = useState<{ host: HTMLDivElement; root: ShadowRoot } | null>(null);
  // Stable ref callback: the shadow root is attached once per host element, never on a re-render.
  const attach = useCallback((host: HTMLDivElement | null) => {
    if (host) setMount({ host, root: host.shadowRoot ?? host.attachShadow({ mode: 'open' }) });
  }, []);
  return (
    <div ref={attach} data-quoteline-react={kind}>
      {mount ? (
        createPortal(
          <div style={{ all: 'initial', display: 'block' }}>
            <InSight element={mount.host}>{children}</InSight>
          </div>,
          mount.root,
        )
      ) : (
        <div
          data-quoteline-placeholder=""
          role="status"
          style={{ font: '14px/1.4 system-ui, sans-serif', padding: 12 }}
        >
          {placeholder}
        </div>
      )}
    </div>
  );
}
