import { createRoot, type Root } from 'react-dom/client';
import type { ComponentType } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getEmbedStreamClient, getPageStreamClient, type TopicStream } from '@quoteline/client';
import { InSight, StreamProvider } from '@quoteline/client/react';

/** What the loader hands every widget module: where Quoteline is and the key of this page. */
export interface EmbedContext {
  base: string;
  key: string;
  /** what the key allows (from /api/embed/check) */
  feeds: string[];
  symbols: string[] | null;
  /** the page is on Quoteline's own origin: the session cookie works, no key is needed */
  sameOrigin: boolean;
  /** `data-offscreen="full"` on the loader script: every widget stays at full rate out of sight */
  offscreenFull: boolean;
}

interface Shared {
  queryClient: QueryClient;
  stream: TopicStream;
  api: { base: string; params: Record<string, string> };
}

let shared: Shared | null = null;

/** The page's one QueryClient and ONE anonymous stream, shared by every widget the snippet mounts. */
function sharedFor(context: EmbedContext): Shared {
  if (!shared && context.sameOrigin) {
    // Quoteline's own pages: the page's one stream (a globalThis singleton, shared by every bundle) with the session cookie.
    shared = {
      queryClient: new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
      stream: getPageStreamClient(),
      api: { base: '', params: {} },
    };
  }
  if (!shared) {
    const params = { key: context.key };
    shared = {
      queryClient: new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
      // The page's global stream: React widgets of @quoteline/react on this page join it too.
      stream: getEmbedStreamClient({ base: context.base, key: context.key }),
      api: { base: context.base, params },
    };
  }
  return shared;
}

/**
 * Renders a widget into the element's Shadow DOM root, so the page's CSS and
 * ours never meet; returns the unmount. The widget watches the element
 * (`InSight`): out of view or in a hidden tab, its feed slows to one update per
 * symbol per second, unless the element or the loader script says
 * `data-offscreen="full"` (a widget that must stay at full rate, e.g. one
 * recorded or read by other code while off screen).
 */
export function mountInShadow<P extends object>(
  element: HTMLElement,
  context: EmbedContext,
  Widget: ComponentType<P>,
  props: P,
): () => void {
  const { queryClient, stream, api } = sharedFor(context);
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  container.setAttribute('style', 'all: initial; display: block;');
  shadow.replaceChildren(container);
  const root: Root = createRoot(container);
  const full = (element.dataset.offscreen ?? (context.offscreenFull ? 'full' : '')) === 'full';
  const widget = <Widget {...props} />;
  root.render(
    <QueryClientProvider client={queryClient}>
      <StreamProvider client={stream} api={api}>
        {full ? widget : <InSight element={element}>{widget}</InSight>}
      </StreamProvider>
    </QueryClientProvider>,
  );
  return () => {
    root.unmount();
    shadow.replaceChildren();
  };
}

/** Shows a message in place of a widget (misconfigured, not authorised, unreachable). */
export function mountMessage(element: HTMLElement, text: string, action?: { label: string; run: () => void }): void {
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.setAttribute(
    'style',
    'all: initial; display: block; font: 14px/1.4 system-ui, sans-serif; color: #7a1212; background: #fff5f5; border: 1px solid #e5a0a0; border-radius: 8px; padding: 12px;',
  );
  box.textContent = text;
  if (action) {
    const button = document.createElement('button');
    button.textContent = action.label;
    button.setAttribute('style', 'margin-left: 8px; font: inherit; padding: 2px 10px;');
    button.addEventListener('click', action.run);
    box.append(button);
  }
  shadow.replaceChildren(box);
}
