import type { Queue } from 'bullmq';
import { QueueName } from './job-contract';

/** The BullMQ queues of the job contract, by name. */
export class QueueRegistry {
  private readonly byName: ReadonlyMap<string, Queue>;

  constructor(queues: readonly Queue[]) {
    this.byName = new Map(queues.map((queue) => [queue.name, queue]));
  }

  get(name: string): Queue {
    const queue = this.byName.get(name);
    if (queue === undefined) throw new Error(`Unknown queue "${name}"`);
    return queue;
  }

  all(): Queue[] {
    return [...this.byName.values()];
  }
}

export const queueNames: readonly QueueName[] = Object.values(QueueName);
