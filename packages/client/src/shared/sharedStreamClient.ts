import type { ConnectionStatus } from '../status';
import type { TopicListener, TopicStream } from '../streamClient';
import { PING_MS, type TabMessage, type WorkerMessage } from './messages';

/**
 * A tab's view of the stream held by the SharedWorker: the same interface as
 * StreamClient, so widgets cannot tell whether their tab or the worker holds the connection.
 */
export class SharedStreamClient implements TopicStream {
  private readonly port: MessagePort;
  private readonly listeners = new Map<string, Set<TopicListener>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private currentStatus: ConnectionStatus = 'connecting';

  constructor(worker: SharedWorker) {
    this.port = worker.port;
    this.port.onmessage = (message: MessageEvent<WorkerMessage>) => this.receive(message.data);
    this.port.start();
    const ping = setInterval(() => this.send({ type: 'ping' }), PING_MS);
    addEventListener('pagehide', () => {
      clearInterval(ping);
      this.send({ type: 'bye' });
    });
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  subscribe(topic: string, listener: TopicListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      this.listeners.set(topic, (set = new Set()));
      this.send({ type: 'subscribe', topic });
    } else this.retry(topic); // another widget asking is asking again, should the topic have been refused

    set.add(listener);
    return () => {
      const current = this.listeners.get(topic);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(topic);
      this.send({ type: 'unsubscribe', topic });
    };
  }

  retry(topic: string): void {
    this.send({ type: 'retry', topic });
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'status') {
      this.currentStatus = message.status;
      for (const l of this.statusListeners) l(message.status);
    } else if (message.type === 'event') {
      for (const l of this.listeners.get(message.topic) ?? []) l(message.event);
    }
  }

  private send(message: TabMessage): void {
    this.port.postMessage(message);
  }
}
