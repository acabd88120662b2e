import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from './job-contract';

const errorLogIntervalMs = 60_000;

/** The BullMQ queues of the job contract, by name. */
export class QueueRegistry {
  private readonly byName: ReadonlyMap<string, Queue>;

  private readonly logger = new Logger('Queues');
  /** When each queue's error message was last logged: a backend down repeats it on every retry. */
  private readonly logged = new Map<string, number>();

  constructor(queues: readonly Queue[]) {
    this.byName = new Map(queues.map((queue) => [queue.name, queue]));
    // With no listener, BullMQ prints every connection error with its stack on the console.
    for (const queue of queues) queue.on('error', (error: Error) => this.noteError(queue.name, error));
  }

  get(name: string): Queue {
    const queue = this.byName.get(name);
    if (queue === undefined) throw new Error(`Unknown queue "${name}"`);
    return queue;
  }

  all(): Queue[] {
    return [...this.byName.values()];
  }

  /** Logs a queue's error as one line, each message at most once a minute per queue. */
  private noteError(name: string, error: Error): void {
    const key = `${name}: ${error.message}`;
    const now = Date.now();
    if ((this.logged.get(key) ?? -Infinity) > now - errorLogIntervalMs) return;
    if (this.logged.size > 100) this.logged.clear();
    this.logged.set(key, now);
    this.logger.warn(`queue ${key}`);
  }
}

export const queueNames: readonly QueueName[] = Object.values(QueueName);
