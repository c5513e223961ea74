import { describe, expect, it } from 'vitest';
import { runExclusive } from '@/lib/db/locks';
import { drain } from '@/lib/lifecycle/drain';

/**
 * The drain SIGTERM starts (lib/lifecycle/shutdown.ts) and the background jobs, in this process: every
 * job runs through runExclusive, so one run held in flight by the test stands for any of them (a ban
 * sweep halfway through its ejects, the clock ending a slot). A file of its own: draining is for good.
 */
describe('draining on SIGTERM, background jobs', () => {
  it('waits for the job run in flight to finish, and starts no run once draining', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const inFlight = runExclusive('test:held-job', async () => {
      await held;
      finished = true;
      return 'swept';
    });

    let drainedAt: boolean | undefined;
    const drained = drain(30_000).then((report) => {
      drainedAt = finished;
      return report;
    });
    let started = false;
    expect(
      await runExclusive('test:other-job', async () => {
        started = true;
      }),
    ).toEqual({ ran: false });
    expect(started).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(drainedAt).toBeUndefined();

    release();
    expect(await inFlight).toEqual({ ran: true, value: 'swept' });
    expect(await drained).toEqual({ stillInFlight: 0 });
    expect(drainedAt).toBe(true);
  });
});
