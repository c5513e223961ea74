import 'server-only';
import { lt, sql } from 'drizzle-orm';
import type { BudgetStore } from '@/lib/livekit/budget';
import { database } from './index';
import { livekitCallBudget } from './schema';

/** The budget's shared count in the database: one row per minute, reserved in blocks by every replica. */
export const databaseBudgetStore: BudgetStore = {
  async reserve(window, count, limit) {
    if (count > limit) return false;
    const db = await database();
    const rows = await db
      .insert(livekitCallBudget)
      .values({ windowStart: window, reserved: count })
      .onConflictDoUpdate({
        target: livekitCallBudget.windowStart,
        set: { reserved: sql`${livekitCallBudget.reserved} + ${count}` },
        setWhere: sql`${livekitCallBudget.reserved} + ${count} <= ${limit}`,
      })
      .returning({ reserved: livekitCallBudget.reserved });
    return rows.length > 0;
  },
  async prune(before) {
    const db = await database();
    await db.delete(livekitCallBudget).where(lt(livekitCallBudget.windowStart, before));
  },
};
