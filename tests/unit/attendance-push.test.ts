import { describe, expect, it } from 'vitest';
import { attendancePatch, type AttendanceChange } from '@/lib/live/attendance-push';
import type { ParticipantView } from '@/lib/livekit/types';

const row = (identity: string, sid: string, joinedAt: number): ParticipantView => ({
  sid,
  identity,
  name: identity,
  state: 'active',
  kind: 'standard',
  joinedAt,
  metadata: '',
  attributes: {},
  permission: { canSubscribe: true, canPublish: false, canPublishData: false, canPublishSources: [], canUpdateMetadata: false, hidden: false },
  tracks: [],
  isPublisher: false,
});

const joined = (who: ParticipantView, room = 'stage'): AttendanceChange => ({
  kind: 'participant_joined',
  room,
  participant: { identity: who.identity, sid: who.sid, row: who },
});
const left = (who: ParticipantView, room = 'stage'): AttendanceChange => ({
  kind: 'participant_left',
  room,
  participant: { identity: who.identity, sid: who.sid },
});

describe('joins and leaves pushed from webhooks', () => {
  const fan = row('fan', 'PA_1', 1_000);

  it('adds a joined participant the table lacks, and nothing for another room or a table not loaded yet', () => {
    expect(attendancePatch(joined(fan), 'stage', [])).toEqual({ type: 'upsert', participant: fan });
    expect(attendancePatch(joined(fan, 'other'), 'stage', [])).toBeNull();
    expect(attendancePatch(joined(fan), 'stage', undefined)).toBeNull();
  });

  it('never replaces the same session or a later one', () => {
    expect(attendancePatch(joined(fan), 'stage', [fan])).toBeNull();
    const rejoined = row('fan', 'PA_2', 2_000);
    expect(attendancePatch(joined(fan), 'stage', [rejoined])).toBeNull();
    expect(attendancePatch(joined(rejoined), 'stage', [fan])).toEqual({ type: 'upsert', participant: rejoined });
  });

  it("removes the leaving session's row only: a late leave of an earlier session keeps the rejoined row", () => {
    expect(attendancePatch(left(fan), 'stage', [fan])).toEqual({ type: 'remove', identity: 'fan' });
    expect(attendancePatch(left(fan), 'stage', [row('fan', 'PA_2', 2_000)])).toBeNull();
    expect(attendancePatch(left(fan), 'stage', [])).toBeNull();
  });

  it('ignores changes without a participant and joins without a row', () => {
    expect(attendancePatch({ kind: 'track_published', room: 'stage' }, 'stage', [])).toBeNull();
    expect(attendancePatch({ kind: 'participant_joined', room: 'stage', participant: { identity: 'fan', sid: 'PA_1' } }, 'stage', [])).toBeNull();
  });
});
