import { describe, expect, it } from 'vitest';
import { CallBudget, type BudgetStore } from '@/lib/livekit/budget';
import { LiveKitError } from '@/lib/livekit/errors';

/**
 * The shared counter of the cluster's calls in one minute, in memory: a stand-in for the database
 * table (lib/db/livekit-budget.ts) so that only the limiter's own rules are under test.
 */
function memoryStore(): BudgetStore & { reserved: Map<number, number> } {
  const reserved = new Map<number, number>();
  return {
    reserved,
    reserve: async (window, count, limit) => {
      const now = reserved.get(window.getTime()) ?? 0;
      if (now + count > limit) return false;
      reserved.set(window.getTime(), now + count);
      return true;
    },
    prune: async () => {},
  };
}

const MINUTE = 60_000;

describe('the LiveKit call budget', () => {
  it('defers background work first: once its share is spent it waits for the next minute, while actions still go', async () => {
    let now = 10 * MINUTE;
    const store = memoryStore();
    let slept: ((value?: unknown) => void) | undefined;
    const budget = new CallBudget(10, store, { now: () => now, sleep: () => new Promise((resolve) => (slept = resolve)) });

    for (let call = 0; call < 8; call += 1) await budget.acquire('background');
    let ninthStarted = false;
    const ninth = budget.acquire('background').then(() => (ninthStarted = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(ninthStarted).toBe(false);

    await budget.acquire('action');
    await budget.acquire('action');
    await expect(budget.acquire('action')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(ninthStarted).toBe(false);

    now += MINUTE;
    slept?.();
    await ninth;
    expect(ninthStarted).toBe(true);
  });

  it("an action over the budget is refused as rate_limited with the wait until the budget's next minute", async () => {
    const now = 10 * MINUTE + 45_000;
    const budget = new CallBudget(2, memoryStore(), { now: () => now });
    await budget.acquire('action');
    await budget.acquire('action');
    const refusal = await budget.acquire('action').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(LiveKitError);
    expect(refusal).toMatchObject({ code: 'rate_limited', retryAfterMs: 15_000 });
    expect((refusal as Error).message).toBe("Stagekeeper's LiveKit budget (2 calls a minute, STAGEKEEPER_LIVEKIT_CALLS_PER_MINUTE) is spent; try again in 15 s");
  });

  it('counts across replicas: two budgets on one store share the minute', async () => {
    const now = 10 * MINUTE;
    const store = memoryStore();
    const first = new CallBudget(40, store, { now: () => now });
    const second = new CallBudget(40, store, { now: () => now });
    let granted = 0;
    for (let call = 0; call < 60; call += 1) {
      const budget = call % 2 === 0 ? first : second;
      if (await budget.acquire('action').then(() => true, () => false)) granted += 1;
    }
    expect(granted).toBe(40);
    expect(store.reserved.get(now)).toBe(40);
  });
});
