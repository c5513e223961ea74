import { describe, expect, it } from 'vitest';
import { restored } from '@/lib/undo/steps-service';
import type { AuditRow } from '@/lib/db';
import type { PermissionView } from '@/lib/livekit/types';

const custom: PermissionView = {
  canSubscribe: true,
  canPublish: true,
  canPublishData: false,
  canPublishSources: ['screen_share'],
  canUpdateMetadata: true,
  hidden: false,
};
const audience: PermissionView = { ...custom, canPublish: false, canPublishData: true, canPublishSources: [] };
const entry = (action: string, input: unknown = null) => ({ action, input }) as AuditRow;

describe('the permission an undo writes back', () => {
  it('is the whole permission before, when nothing else changed between before and after', () => {
    expect(restored(entry('participants.demote'), custom, audience)).toEqual(custom);
  });

  it("keeps a field the action does not write that changed in between (another moderator's hide during a demote)", () => {
    const hiddenMeanwhile = { ...audience, hidden: true, canPublishData: false };
    expect(restored(entry('participants.demote'), custom, hiddenMeanwhile)).toEqual({ ...custom, hidden: true });
  });

  it('for a permission save, writes back only the fields it was given', () => {
    const before = { ...custom, canSubscribe: false };
    const after = { ...custom, canSubscribe: true, canUpdateMetadata: false };
    const save = entry('participants.setPermissions', { room: 'r', identity: 'i', permission: { canUpdateMetadata: false } });
    expect(restored(save, before, after)).toEqual({ ...custom, canSubscribe: true, canUpdateMetadata: true });
  });
});
