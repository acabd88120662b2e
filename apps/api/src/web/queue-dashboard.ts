import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { QueueRegistry } from '@claimdesk/queue';

export const queueDashboardPath = '/admin/queues';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues. It registers its own
 * Fastify routes, outside Nest's guards: `configureWeb` lets only admins
 * through, and only same-origin requests change anything.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(queueDashboardPath);
  createBullBoard({
    queues: app
      .get(QueueRegistry)
      .all()
      .map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Claimdesk jobs' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: queueDashboardPath });
}
