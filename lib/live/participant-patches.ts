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
  const byIdentity = new Map(list.map((participant) => [participant.identity, participant] as const));
  const order = list.map((participant) => participant.identity);

  for (const patch of patches) {
    if (patch.type === 'upsert') {
      if (!byIdentity.has(patch.participant.identity)) order.push(patch.participant.identity);
      byIdentity.set(patch.participant.identity, patch.participant);
      continue;
    }
    if (patch.type === 'remove') {
      byIdentity.delete(patch.identity);
      continue;
    }
    const current = byIdentity.get(patch.identity);
    if (!current) continue;
    byIdentity.set(patch.identity, patchOne(current, patch));
  }

  const next: ParticipantView[] = [];
  const seen = new Set<string>();
  for (const identity of order) {
    const participant = byIdentity.get(identity);
    if (participant && !seen.has(identity)) {
      next.push(participant);
      seen.add(identity);
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
