// /embed.js: finds `[data-quoteline]` elements (now and later), checks the
// page's key, and loads each widget's module on demand. Every widget of the
// page shares ONE stream. Kept free of React so this file stays tiny.
import type { EmbedContext } from './runtime';

/** Widget kind → module file (content-hashed, cached forever), filled in at build time. */
declare const __QL_MANIFEST__: Record<string, string>;

type Mounter = { mount(element: HTMLElement, context: EmbedContext): () => void };
type MessageModule = {
  mountMessage(element: HTMLElement, text: string, action?: { label: string; run: () => void }): void;
};

const script = document.currentScript as HTMLScriptElement | null;
const base = script ? new URL(script.src).origin : location.origin;
const key = script?.dataset.key ?? '';
const offscreenFull = script?.dataset.offscreen === 'full';
const mounted = new Map<HTMLElement, Promise<(() => void) | null>>();
const moduleUrl = (file: string) => `${base}/embed/${file}`;

function load<T>(file: string): Promise<T> {
  return import(/* @vite-ignore */ moduleUrl(file)) as Promise<T>;
}

async function check(): Promise<
  { ok: true; context: EmbedContext } | { ok: false; reason: 'unauthorised' | 'unreachable' }
> {
  if (location.origin === base)
    return { ok: true, context: { base, key, feeds: [], symbols: null, sameOrigin: true, offscreenFull } };
  try {
    const response = await fetch(`${base}/api/embed/check?key=${encodeURIComponent(key)}`, { credentials: 'omit' });
    if (response.ok) {
      const grant = (await response.json()) as { feeds: string[]; symbols: string[] | null };
      return { ok: true, context: { base, key, ...grant, sameOrigin: false, offscreenFull } };
    }
    return { ok: false, reason: 'unauthorised' };
  } catch {
    // CORS refusals and network failures look alike; an opaque probe tells them apart.
    const reachable = await fetch(`${base}/api/health`, { mode: 'no-cors', credentials: 'omit' }).then(
      () => true,
      () => false,
    );
    return { ok: false, reason: reachable ? 'unauthorised' : 'unreachable' };
  }
}

let checked: ReturnType<typeof check> | null = null;

async function mount(element: HTMLElement): Promise<(() => void) | null> {
  const kind = element.dataset.quoteline ?? '';
  // Trading widgets run for real only on Quoteline's own origin (where the session cookie is); elsewhere a link.
  const trading = ['order-ticket', 'blotter', 'portfolio'].includes(kind);
  const file = trading ? __QL_MANIFEST__[location.origin === base ? 'trading' : 'trade-link'] : __QL_MANIFEST__[kind];
  const runtime = load<MessageModule>(__QL_MANIFEST__.runtime!);
  if (!file) {
    (await runtime).mountMessage(element, `Quoteline: there is no widget called "${kind}".`);
    return null;
  }
  const result = await (checked ??= check());
  if (!result.ok) {
    const text =
      result.reason === 'unauthorised'
        ? 'Quoteline widgets are not authorised for this site. The site owner can add this address to the embed key.'
        : 'Quoteline is unreachable right now.';
    (await runtime).mountMessage(
      element,
      text,
      result.reason === 'unreachable' ? { label: 'Retry', run: () => retry(element) } : undefined,
    );
    return null;
  }
  try {
    return (await load<Mounter>(file)).mount(element, result.context);
  } catch (error) {
    (await runtime).mountMessage(
      element,
      `This Quoteline widget is misconfigured: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}

function retry(element: HTMLElement): void {
  checked = null;
  unmount(element);
  mounted.set(element, mount(element));
}

function unmount(element: HTMLElement): void {
  const pending = mounted.get(element);
  mounted.delete(element);
  void pending?.then((stop) => stop?.());
}

function scan(root: ParentNode): void {
  if (root instanceof HTMLElement && root.dataset.quoteline !== undefined && !mounted.has(root))
    mounted.set(root, mount(root));
  root.querySelectorAll<HTMLElement>('[data-quoteline]').forEach((el) => {
    if (!mounted.has(el)) mounted.set(el, mount(el));
  });
}

function start(): void {
  scan(document);
  // Widgets inserted later mount and join the same stream; removed ones unmount and let their topics go.
  new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => node instanceof HTMLElement && scan(node));
      record.removedNodes.forEach((node) => {
        if (!(node instanceof HTMLElement)) return;
        for (const element of [...mounted.keys()])
          if (node === element || node.contains(element)) if (!element.isConnected) unmount(element);
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
