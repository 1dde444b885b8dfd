import type { ChildProcess } from 'node:child_process';
import { spawnTsEntry, stopChild } from './childProcesses';
import type { LoadCommand, LoadConfig, LoadMessage } from './loadProtocol';

type MessageOf<T extends LoadMessage['type']> = Extract<LoadMessage, { type: T }>;

/** The load generator as the orchestrator sees it: a child process spoken to over IPC. */
export class LoadGeneratorProcess {
  readonly child: ChildProcess;
  private readonly inbox: LoadMessage[] = [];
  private wake: (() => void) | null = null;

  constructor(config: LoadConfig, env: NodeJS.ProcessEnv) {
    this.child = spawnTsEntry('bench/stream/loadGenerator.ts', [JSON.stringify(config)], { env, ipc: true });
    this.child.on('message', (message: LoadMessage) => {
      this.inbox.push(message);
      this.wake?.();
    });
    this.child.on('exit', () => this.wake?.());
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(command: LoadCommand): void {
    this.child.send(command);
  }

  /** The next message of `type` (earlier ones of other types are dropped); rejects on exit or after `timeoutMs`. */
  async next<T extends LoadMessage['type']>(type: T, timeoutMs: number): Promise<MessageOf<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.inbox.findIndex((m) => m.type === type);
      if (index !== -1) return this.inbox.splice(0, index + 1).at(-1) as MessageOf<T>;
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`the load generator exited (${this.child.exitCode ?? this.child.signalCode}) before '${type}'`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the load generator sent no '${type}' in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Asks it to close its sockets and exit; kills its group if it does not. */
  async stop(): Promise<void> {
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies LoadCommand);
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (this.child.exitCode === null && this.child.signalCode === null)
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    await stopChild(this.child, 2000);
  }
}
