import { AsyncLocalStorage } from 'node:async_hooks';
import { LiveKitError, seconds } from './errors';

/** Who a LiveKit call is for: a moderator's action goes first; background work waits its turn. */
export type CallPriority = 'action' | 'background';

const actionCalls = new AsyncLocalStorage<true>();

/** Runs `work` with its LiveKit calls counted as a moderator's action (defineAction does this). */
export function asModeratorAction<T>(work: () => Promise<T>): Promise<T> {
  return actionCalls.run(true, work);
}

/** Calls outside any action (sweeps, samplers, watchers, webhooks) are background work. */
export function callPriority(): CallPriority {
  return actionCalls.getStore() ? 'action' : 'background';
}

/** The cluster's count of calls per minute, shared by every replica (lib/db/livekit-budget.ts). */
export interface BudgetStore {
  /** adds `count` to the minute's calls if the total stays within `limit`; false (and nothing added) otherwise */
  reserve(window: Date, count: number, limit: number): Promise<boolean>;
  /** forgets minutes before `before` */
  prune(before: Date): Promise<void>;
}

const MINUTE_MS = 60_000;
/** background work may spend this share of the minute; the rest is kept for moderators' actions */
export const BACKGROUND_SHARE = 0.8;
/** a replica reserves calls from the shared count in blocks of this share of the budget, not one by one */
const BLOCK_SHARE = 1 / 20;
/** background work waits at most this many minutes for its turn before it gives up with rate_limited */
const MAX_BACKGROUND_WAITS = 10;
const KEEP_MINUTES = 60;

interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * STAGEKEEPER_LIVEKIT_CALLS_PER_MINUTE across all replicas. Each replica reserves blocks of calls from
 * the shared minute's count and spends them locally; background work may reserve only up to its share,
 * so actions always find the rest. An action over the budget is refused as rate_limited with the wait;
 * background work waits for the next minute.
 */
export class CallBudget {
  private window = -1;
  private tokens = { action: 0, background: 0 };
  private readonly block: number;
  private readonly clock: Clock;

  constructor(
    readonly perMinute: number,
    private readonly store: BudgetStore,
    clock: Partial<Clock> = {},
  ) {
    this.block = Math.max(1, Math.floor(perMinute * BLOCK_SHARE));
    this.clock = { ...realClock, ...clock };
  }

  async acquire(priority: CallPriority): Promise<void> {
    for (let waits = 0; ; waits += 1) {
      if (await this.take(priority)) return;
      const wait = this.untilNextMinute();
      if (priority === 'action' || waits >= MAX_BACKGROUND_WAITS) {
        throw new LiveKitError(
          'rate_limited',
          `Stagekeeper's LiveKit budget (${this.perMinute} calls a minute, STAGEKEEPER_LIVEKIT_CALLS_PER_MINUTE) is spent; try again in ${seconds(wait)}`,
          undefined,
          wait,
        );
      }
      await this.clock.sleep(wait);
    }
  }

  private async take(priority: CallPriority): Promise<boolean> {
    const window = Math.floor(this.clock.now() / MINUTE_MS);
    if (window !== this.window) {
      this.window = window;
      this.tokens = { action: 0, background: 0 };
      await this.store.prune(new Date((window - KEEP_MINUTES) * MINUTE_MS)).catch(() => undefined);
    }
    // an action may spend what background work reserved; background work only its own
    if (priority === 'action' && this.tokens.action > 0) return this.spend('action');
    if (this.tokens.background > 0) return this.spend('background');
    const limit = priority === 'action' ? this.perMinute : Math.floor(this.perMinute * BACKGROUND_SHARE);
    const at = new Date(window * MINUTE_MS);
    for (const count of this.block > 1 ? [this.block, 1] : [1]) {
      if (await this.store.reserve(at, count, limit)) {
        if (window === this.window) this.tokens[priority] += count - 1;
        return true;
      }
    }
    return false;
  }

  private spend(pool: keyof CallBudget['tokens']): true {
    this.tokens[pool] -= 1;
    return true;
  }

  private untilNextMinute(): number {
    const now = this.clock.now();
    return (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS - now;
  }
}
