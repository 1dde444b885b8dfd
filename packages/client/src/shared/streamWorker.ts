import { StreamClient, type StreamClientOptions, type TopicListener } from '../streamClient';
import { PORT_TIMEOUT_MS, type TabMessage, type WorkerMessage } from './messages';

interface Tab {
  port: MessagePort;
  topics: Map<string, () => void>;
  /** the tab's one listener per topic, which its `sight` messages mark in or out of sight */
  listeners: Map<string, TopicListener>;
  lastSeen: number;
}

/** The SharedWorker side of the structural minimum of its global scope, so this file type-checks without the webworker lib. */
export interface SharedWorkerScope {
  onconnect: ((event: MessageEvent) => void) | null;
}

/**
 * Runs inside a SharedWorker: ONE StreamClient for every tab of the origin.
 * Each tab's topics are listeners on it (a tab joining a live topic gets its
 * current rows from the client).
 */
export function serveStreamWorker(scope: SharedWorkerScope, options: StreamClientOptions = {}): void {
  const client = new StreamClient(options);
  const tabs = new Set<Tab>();
  const post = (tab: Tab, message: WorkerMessage) => tab.port.postMessage(message);
  client.onStatus((status) => tabs.forEach((tab) => post(tab, { type: 'status', status })));

  const subscribe = (tab: Tab, topic: string) => {
    if (tab.topics.has(topic)) return;
    const listener: TopicListener = (event) => post(tab, { type: 'event', topic, event });
    tab.listeners.set(topic, listener);
    tab.topics.set(topic, client.subscribe(topic, listener));
  };

  const forget = (tab: Tab) => {
    for (const unsubscribe of tab.topics.values()) unsubscribe();
    tab.topics.clear();
    tab.listeners.clear();
    tabs.delete(tab);
  };

  setInterval(() => {
    const now = Date.now();
    for (const tab of [...tabs]) if (now - tab.lastSeen > PORT_TIMEOUT_MS) forget(tab);
  }, PORT_TIMEOUT_MS / 3);

  scope.onconnect = (event) => {
    const port = event.ports[0]!;
    const tab: Tab = { port, topics: new Map(), listeners: new Map(), lastSeen: Date.now() };
    tabs.add(tab);
    port.onmessage = (message: MessageEvent<TabMessage>) => {
      tab.lastSeen = Date.now();
      const data = message.data;
      if (data.type === 'subscribe') subscribe(tab, data.topic);
      else if (data.type === 'unsubscribe') {
        tab.topics.get(data.topic)?.();
        tab.topics.delete(data.topic);
        tab.listeners.delete(data.topic);
      } else if (data.type === 'retry') client.retry(data.topic);
      else if (data.type === 'sight') {
        const listener = tab.listeners.get(data.topic);
        if (listener) client.setInSight(data.topic, listener, data.inSight);
      } else if (data.type === 'bye') forget(tab);
    };
    port.start();
    post(tab, { type: 'status', status: client.status });
  };
}
