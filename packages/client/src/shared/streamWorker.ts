import type { StreamEvent } from '@quoteline/protocol';
import { applyFeedEvents, EMPTY_FEED, type FeedState } from '../feedState';
import { StreamClient, type StreamClientOptions } from '../streamClient';
import { PORT_TIMEOUT_MS, type TabMessage, type WorkerMessage } from './messages';

interface Tab {
  port: MessagePort;
  topics: Map<string, () => void>;
  lastSeen: number;
}

/** The SharedWorker side of the structural minimum of its global scope, so this file type-checks without the webworker lib. */
export interface SharedWorkerScope {
  onconnect: ((event: MessageEvent) => void) | null;
}

/**
 * Runs inside a SharedWorker: ONE StreamClient for every tab of the origin.
 * Each tab's topics are listeners on it; feed state is kept here so a tab that
 * joins a topic already on the stream gets its current rows at once.
 */
export function serveStreamWorker(scope: SharedWorkerScope, options: StreamClientOptions = {}): void {
  const client = new StreamClient(options);
  const tabs = new Set<Tab>();
  const feeds = new Map<string, { state: FeedState; unsubscribe: () => void }>();

  const post = (tab: Tab, message: WorkerMessage) => tab.port.postMessage(message);
  client.onStatus((status) => tabs.forEach((tab) => post(tab, { type: 'status', status })));

  const trackFeed = (topic: string) => {
    if (!topic.startsWith('feed:') || feeds.has(topic)) return;
    const entry: { state: FeedState; unsubscribe: () => void } = { state: EMPTY_FEED, unsubscribe: () => undefined };
    entry.unsubscribe = client.subscribe(topic, (event) => {
      entry.state = applyFeedEvents(entry.state, [event]);
    });
    feeds.set(topic, entry);
  };

  const untrackIdle = () => {
    for (const [topic, entry] of feeds) {
      if ([...tabs].some((tab) => tab.topics.has(topic))) continue;
      entry.unsubscribe();
      feeds.delete(topic);
    }
  };

  const subscribe = (tab: Tab, topic: string) => {
    if (tab.topics.has(topic)) return;
    const feed = feeds.get(topic);
    if (feed && client.status === 'live') {
      // The topic is already live: hand the joining tab its current rows.
      const ready = { type: 'ready', data: { connectionId: '', token: '', instance: '', protocol: 1, topics: [topic] } } as StreamEvent;
      post(tab, { type: 'event', topic, event: ready });
      for (const symbol of feed.state.symbols) {
        const { previousPrice: _previous, ...add } = feed.state.rows[symbol]!;
        post(tab, { type: 'event', topic, event: { type: 'add', data: add } });
      }
    }
    trackFeed(topic);
    tab.topics.set(topic, client.subscribe(topic, (event) => post(tab, { type: 'event', topic, event })));
  };

  const forget = (tab: Tab) => {
    for (const unsubscribe of tab.topics.values()) unsubscribe();
    tab.topics.clear();
    tabs.delete(tab);
    untrackIdle();
  };

  setInterval(() => {
    const now = Date.now();
    for (const tab of [...tabs]) if (now - tab.lastSeen > PORT_TIMEOUT_MS) forget(tab);
  }, PORT_TIMEOUT_MS / 3);

  scope.onconnect = (event) => {
    const port = event.ports[0]!;
    const tab: Tab = { port, topics: new Map(), lastSeen: Date.now() };
    tabs.add(tab);
    port.onmessage = (message: MessageEvent<TabMessage>) => {
      tab.lastSeen = Date.now();
      const data = message.data;
      if (data.type === 'subscribe') subscribe(tab, data.topic);
      else if (data.type === 'unsubscribe') {
        tab.topics.get(data.topic)?.();
        tab.topics.delete(data.topic);
        untrackIdle();
      } else if (data.type === 'bye') forget(tab);
    };
    port.start();
    post(tab, { type: 'status', status: client.status });
  };
}
