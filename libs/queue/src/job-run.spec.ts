import type { Job } from 'bullmq';
import { jobRunOf, progressAfterMs } from './job-run';

function fakeJob(overrides: Partial<Job> = {}): { job: Job; reported: number[] } {
  const reported: number[] = [];
  const job = {
    id: 'source.fetch.abc',
    name: 'source.fetch',
    timestamp: 1,
    attemptsMade: 0,
    opts: { attempts: 5 },
    updateProgress: (value: number) => {
      reported.push(value);
      return Promise.resolve();
    },
    ...overrides,
  } as unknown as Job;
  return { job, reported };
}

describe('jobRunOf', () => {
  it('names the run by the job id and counts attempts from 1', () => {
    const run = jobRunOf(fakeJob({ attemptsMade: 2 } as Partial<Job>).job);
    expect(run).toMatchObject({ id: 'source.fetch.abc', attempt: 3, finalAttempt: false });
  });

  it('knows the last attempt', () => {
    expect(jobRunOf(fakeJob({ attemptsMade: 4 } as Partial<Job>).job).finalAttempt).toBe(true);
  });

  it('reports progress only once the run has lasted long enough to be worth watching', async () => {
    let clock = 1_000;
    const { job, reported } = fakeJob();
    const run = jobRunOf(job, () => clock);
    await run.progress(10);
    clock += progressAfterMs - 1;
    await run.progress(50);
    expect(reported).toEqual([]);
    clock += 1;
    await run.progress(75);
    await run.progress(100);
    expect(reported).toEqual([75, 100]);
  });
});
