import { SharedStreamClient } from './shared/sharedStreamClient';
import { StreamClient, type StreamClientOptions, type TopicStream } from './streamClient';

const KEY = Symbol.for('quoteline.streamClient');
type Holder = { [KEY]?: TopicStream };

/** How the page gets its stream: a SharedWorker factory shares one stream across tabs; without one (or without SharedWorker) the page holds its own. */
export interface PageStreamOptions extends StreamClientOptions {
  sharedWorker?: () => SharedWorker;
}

/** The page's one stream, whatever the number of widgets and bundles that ask for it. */
export function getPageStreamClient(options: PageStreamOptions = {}): TopicStream {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= createStream(options));
}

function createStream({ sharedWorker, ...options }: PageStreamOptions): TopicStream {
  if (sharedWorker && typeof SharedWorker === 'function') {
    try {
      return new SharedStreamClient(sharedWorker());
    } catch {
      // e.g. blocked by the browser's storage policy: one stream for this tab instead
    }
  }
  return new StreamClient(options);
}
