import type { ParticipantView, TrackView } from '@/lib/livekit/types';

export type ParticipantPatch =
  | { type: 'upsert'; participant: ParticipantView }
  | { type: 'remove'; identity: string }
  | { type: 'update'; identity: string; changes: Partial<Omit<ParticipantView, 'identity'>> }
  | { type: 'track'; identity: string; track: TrackView }
  | { type: 'trackRemoved'; identity: string; trackSid: string };

/**
 * Applies a batch of patches to the participant list in one pass: rows that no patch touches keep
 * their identity (so React skips them), and the list is never re-fetched.
 */
export function applyParticipantPatches(
  list: ParticipantView[],
  patches: readonly ParticipantPatch[],
): ParticipantView[] {
  if (patches.length === 0) return list;
  if (patches.length <= FEW_PATCHES) return applyFew(list, patches);
  // a Map keeps insertion order: an update stays in place, a leave-then-rejoin moves to the end
  const byIdentity = new Map(list.map((participant) => [participant.identity, participant] as const));
  for (const patch of patches) {
    if (patch.type === 'upsert') {
      byIdentity.set(patch.participant.identity, patch.participant);
    } else if (patch.type === 'remove') {
      byIdentity.delete(patch.identity);
    } else {
      const current = byIdentity.get(patch.identity);
      if (current) byIdentity.set(patch.identity, patchOne(current, patch));
    }
  }
  return [...byIdentity.values()];
}

/** Below this many patches a linear search per patch beats indexing the whole list. */
const FEW_PATCHES = 8;

function applyFew(list: ParticipantView[], patches: readonly ParticipantPatch[]): ParticipantView[] {
  let next = list;
  const writable = () => (next === list ? (next = list.slice()) : next);
  for (const patch of patches) {
    const identity = patch.type === 'upsert' ? patch.participant.identity : patch.identity;
    const index = next.findIndex((participant) => participant.identity === identity);
    if (patch.type === 'upsert') {
      if (index === -1) writable().push(patch.participant);
      else writable()[index] = patch.participant;
    } else if (patch.type === 'remove') {
      if (index !== -1) writable().splice(index, 1);
    } else if (index !== -1) {
      writable()[index] = patchOne(next[index]!, patch);
    }
  }
  return next;
}

function patchOne(current: ParticipantView, patch: Exclude<ParticipantPatch, { type: 'upsert' | 'remove' }>) {
  switch (patch.type) {
    case 'update':
      return { ...current, ...patch.changes };
    case 'track': {
      const exists = current.tracks.some((track) => track.sid === patch.track.sid);
      const tracks = exists
        ? current.tracks.map((track) => (track.sid === patch.track.sid ? patch.track : track))
        : [...current.tracks, patch.track];
      return { ...current, tracks, isPublisher: true };
    }
    case 'trackRemoved': {
      const tracks = current.tracks.filter((track) => track.sid !== patch.trackSid);
      return { ...current, tracks, isPublisher: tracks.length > 0 };
    }
  }
}
