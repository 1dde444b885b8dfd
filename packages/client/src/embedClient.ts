import { getPageStreamClient } from './pageClient';
import type { TopicStream } from './streamClient';

/** Where an embedded widget's Quoteline is and the key of the page. */
export interface EmbedEndpoint {
  /** Quoteline's origin, e.g. `https://quoteline.example` */
  base: string;
  key: string;
}

/**
 * The page's one anonymous stream to Quoteline with an embed key. It is the
 * page's global stream (see getPageStreamClient), so the script tag's widgets
 * and the React package's widgets on one page share it: the first to ask opens
 * it, with its base and key.
 */
export function getEmbedStreamClient({ base, key }: EmbedEndpoint): TopicStream {
  return getPageStreamClient({
    url: `${base}/api/stream`,
    subscriptionsUrl: `${base}/api/stream/subscriptions?key=${encodeURIComponent(key)}`,
    params: { key },
    credentials: false,
  });
}
