import type { ConnectionStatus } from '../status';
import type { TopicListener, TopicStream } from '../streamClient';
import { TopicReaders } from '../subscriptions/topicReaders';
import { PING_MS, type TabMessage, type WorkerMessage } from './messages';

/**
 * A tab's view of the stream held by the SharedWorker: the same interface as
 * StreamClient, so widgets cannot tell whether their tab or the worker holds the connection.
 */
export class SharedStreamClient implements TopicStream {
  private readonly port: MessagePort;
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly listeners = new TopicReaders<TopicListener>();
  /** Topics this tab told the worker are out of sight. */
  private readonly outOfSight = new Set<string>();
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
    if (this.listeners.add(topic, listener)) this.send({ type: 'subscribe', topic });
    else this.retry(topic); // another widget asking is asking again, should the topic have been refused
    this.tellSight(topic);
    return () => {
      const left = this.listeners.remove(topic, listener);
      if (left === 'others') this.tellSight(topic);
      if (left !== 'last') return;
      this.outOfSight.delete(topic);
      this.send({ type: 'unsubscribe', topic });
    };
  }

  setInSight(topic: string, listener: TopicListener, inSight: boolean): void {
    if (this.listeners.mark(topic, listener, inSight)) this.tellSight(topic);
  }

  /** Tells the worker when the tab's widgets of a topic go out of sight or come back (it weighs every tab). */
  private tellSight(topic: string): void {
    const out = this.listeners.outOfSight(topic);
    if (out === this.outOfSight.has(topic)) return;
    if (out) this.outOfSight.add(topic);
    else this.outOfSight.delete(topic);
    this.send({ type: 'sight', topic, inSight: !out });
  }

  retry(topic: string): void {
    this.send({ type: 'retry', topic });
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'status') {
      this.currentStatus = message.status;
      for (const l of this.statusListeners) l(message.status);
    } else if (message.type === 'event') {
      for (const l of this.listeners.of(message.topic)) l(message.event);
    }
  }

  private send(message: TabMessage): void {
    this.port.postMessage(message);
  }
}
