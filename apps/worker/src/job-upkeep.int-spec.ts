import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { AccountsModule, type Role } from '@claimdesk/accounts';
import { CheckingModule } from '@claimdesk/checking';
import { ClaimsModule, ClaimsService } from '@claimdesk/claims';
import { CandidatesModule } from '@claimdesk/extraction';
import type { Database } from '@claimdesk/persistence';
import { jobQueue, jobSchedules, QueueRegistry } from '@claimdesk/queue';
import { type Rating, ReviewsModule, ReviewsService } from '@claimdesk/reviews';
import { SourcesService } from '@claimdesk/sources';
import { WebhooksModule, WebhooksService } from '@claimdesk/webhooks';
import { aPrincipal, ManualRelay, queueBackends, useTestContext } from '@claimdesk/testing';
import { JobSchedules } from './job-schedules';
import { JobUpkeep } from './job-upkeep';

/**
 * The upkeep and the domains it asks, without the processors: no job runs, so
 * what is pending stays pending, and the relay moves rows only when told to,
 * so each test decides what the queue holds.
 */
@Module({
  imports: [
    AccountsModule,
    CandidatesModule,
    CheckingModule.register({ imports: [ReviewsModule] }),
    ClaimsModule,
    ReviewsModule,
    WebhooksModule,
  ],
  providers: [JobSchedules, JobUpkeep, ManualRelay],
})
class UpkeepTestModule {}

const hex = (bytes = 5): string => randomBytes(bytes).toString('hex');
const quote = 'We will build 300 homes in Riverton by the end of 2027, and not a day later.';
const article = `The mayor spoke on Monday. "${quote}" she said. Critics said the plan was late.`;
/** Far enough ahead that everything made by the test counts as pending past the timeout. */
const later = (): Date => new Date(Date.now() + 60 * 60 * 1000);

/**
 * The sweep for lost jobs against real PostgreSQL, on each queue backend:
 * which pending work it finds (and which it leaves to another job), that a
 * job still in the queue is not added twice, and that after the queue lost
 * its data every awaited job is enqueued again, with its own id, through the
 * outbox, and the schedules are back.
 */
describe.each(queueBackends())('job upkeep on the $kind backend', (backend) => {
  // The timer never fires during the test: passes are run by hand.
  const context = useTestContext([UpkeepTestModule], {
    backend,
    role: 'worker',
    env: { JOB_SWEEP_INTERVAL_MS: '3600000' },
  });
  let db: Database;
  let upkeep: JobUpkeep;
  let relay: ManualRelay;
  let queues: QueueRegistry;
  const expected: string[] = [];

  beforeAll(async () => {
    db = context.db;
    upkeep = context.get(JobUpkeep);
    relay = context.get(ManualRelay);
    queues = context.get(QueueRegistry);
    await buildPendingWork();
  });

  const principal = (role: Role) => aPrincipal(context.app, { role });

  const relayAll = async (): Promise<void> => {
    while ((await relay.relayBatch()) > 0);
  };

  /** What Redis coming back empty does, on either backend: no job, no schedule. */
  const loseQueueData = async (): Promise<void> => {
    for (const queue of queues.all()) await queue.obliterate({ force: true });
    for (const schedule of jobSchedules) await queues.get(jobQueue[schedule.name]).removeJobScheduler(schedule.id);
  };

  /**
   * One of each kind of pending work, and beside it work that is done or
   * waits on another job; `expected` gets the ids of the jobs the pending
   * work waits on.
   */
  async function buildPendingWork(): Promise<void> {
    const sources = context.get(SourcesService);
    const claims = context.get(ClaimsService);
    const reviews = context.get(ReviewsService);
    const submitter = await principal('submitter');
    const editor = await principal('editor');
    const [a, b, c] = [await principal('reviewer'), await principal('reviewer'), await principal('reviewer')];

    // A source waiting for its fetch; one given as text (fetched) with extraction asked for; one fetched without.
    const pending = await sources.register(null, { url: `https://news.example/${hex()}` });
    expected.push(`source.fetch.${pending.source.id}`);
    const extracted = await sources.register(null, {
      url: `https://news.example/${hex()}`,
      text: article,
      extractClaims: true,
    });
    expected.push(`source.extract.${extracted.source.id}.${extracted.source.snapshots[0]!.id}`);
    const fetched = await sources.register(null, { url: `https://news.example/${hex()}`, text: article });

    // A quote on a fetched source waits on its check; one on a pending source waits on the fetch, not listed again.
    const quoted = await claims.submit(submitter, {
      text: `The mayor promised 300 homes ${hex()}.`,
      appearance: { sourceId: fetched.source.id, quote },
    });
    expected.push(`quote.check.${quoted.appearances[0]!.id}`);
    await claims.submit(submitter, {
      text: `The mayor promised homes again ${hex()}.`,
      appearance: { sourceId: pending.source.id, quote },
    });

    // Evidence with an excerpt of a fetched source waits on its check.
    const evidence = await reviews.addEvidence(a, quoted.id, {
      url: fetched.source.url,
      stance: 'supports',
      excerpt: quote,
    });
    expected.push(`excerpt.check.${evidence.id}`);

    // Claims in review: two agreeing verdicts (consensus due), two disagreeing (flag due), one verdict (nothing due).
    const inReview = async (ratings: Rating[]): Promise<string> => {
      const claim = await claims.submit(submitter, { text: `A checkable claim about ${hex()} homes.` });
      await reviews.transition(editor, claim.id, { to: 'in_review' }, claim.version);
      for (const [index, rating] of ratings.entries()) {
        await reviews.giveVerdict([a, b, c][index]!, claim.id, { rating, rationale: 'Checked against the budget.' });
      }
      return claim.id;
    };
    for (const claimId of [await inReview(['false', 'false']), await inReview(['false', 'true'])]) {
      const [row] = await db.manager.query<{ version: number; at: Date }[]>(
        `SELECT c.version, max(v.updated_at) AS at FROM claims c JOIN verdicts v ON v.claim_id = c.id
          WHERE c.id = $1 GROUP BY c.version`,
        [claimId],
      );
      expected.push(`claim.evaluate.${claimId}.${row!.version}.${row!.at.getTime()}`);
    }
    await inReview(['false']);

    // A webhook delivery still pending, and one delivered.
    const admin = await principal('admin');
    const subscription = await context
      .get(WebhooksService)
      .subscribe(admin.userId, { url: 'https://hooks.example.org/in', events: ['claim.corrected'] });
    const deliveries = await db.manager.query<{ id: string; status: string }[]>(
      `INSERT INTO webhook_deliveries (subscription_id, event, body, status)
       VALUES ($1, 'claim.corrected', '{}', 'pending'), ($1, 'claim.corrected', '{}', 'delivered')
       RETURNING id, status`,
      [subscription.id],
    );
    expected.push(`webhook.deliver.${deliveries.find((row) => row.status === 'pending')!.id}`);
  }

  it('finds nothing while the pending work is younger than the timeout', async () => {
    expect(await upkeep.pass()).toEqual({ schedulesRestored: [], present: 0, requeued: [] });
  });

  it('leaves alone the jobs the queue still has, and adds those it never had', async () => {
    await relayAll();

    const pass = await upkeep.pass(later());

    // Verdicts queue their evaluation under ids of their own, and the delivery above was written without a job:
    // of what the pending work waits on, these are all the queue does not know.
    const unknown = expected.filter((id) => id.startsWith('claim.evaluate.') || id.startsWith('webhook.deliver.'));
    expect(pass.requeued.sort()).toEqual(unknown.sort());
    expect(pass.present).toBe(expected.length - unknown.length);
    await relayAll();
    expect(await upkeep.pass(later())).toEqual({ schedulesRestored: [], present: expected.length, requeued: [] });
  });

  it('re-enqueues every awaited job, with its id, and restores the schedules after the queue lost its data', async () => {
    await loseQueueData();

    const pass = await upkeep.pass(later());

    expect(pass.schedulesRestored).toEqual(jobSchedules.map((schedule) => schedule.id));
    expect(pass.present).toBe(0);
    expect(pass.requeued.sort()).toEqual([...expected].sort());
    const outbox = await db.manager.query<{ job_id: string }[]>(`SELECT job_id FROM outbox_job ORDER BY job_id`);
    expect(outbox.map((row) => row.job_id)).toEqual([...expected].sort());

    await relayAll();
    for (const id of expected) {
      const name = id.split('.').slice(0, 2).join('.') as keyof typeof jobQueue;
      const job = await queues.get(jobQueue[name]).getJob(id);
      expect([job?.id, job?.name]).toEqual([id, name]);
    }
    for (const schedule of jobSchedules) {
      expect(await queues.get(jobQueue[schedule.name]).getJobScheduler(schedule.id)).toMatchObject({
        every: schedule.everyMs,
      });
    }
    expect(await upkeep.pass(later())).toEqual({ schedulesRestored: [], present: expected.length, requeued: [] });
  });
});
