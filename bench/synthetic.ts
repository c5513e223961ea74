import type { ParticipantView } from '@/lib/livekit/types';

/** Participants for render benchmarks: the same shape the server actions return, made up in bulk. */
export function syntheticParticipants(count: number, prefix = 'synthetic', joinedFrom = Date.now() - 3_600_000): ParticipantView[] {
  return Array.from({ length: count }, (_, index): ParticipantView => {
    const onStage = index < 12;
    const attributes: Record<string, string> =
      index % 37 === 0 ? { 'stagekeeper.hand': new Date(joinedFrom + index * 1000).toISOString() } : {};
    return {
      sid: `PA_${prefix}${index}`,
      identity: `${prefix}-${String(index).padStart(5, '0')}`,
      name: `Listener ${index}`,
      state: 'active',
      kind: 'standard',
      joinedAt: joinedFrom + index * 250,
      metadata: JSON.stringify({ displayRole: onStage ? 'Panelist' : 'Audience', city: ['Oslo', 'Lagos', 'Pune', 'Quito'][index % 4] }),
      attributes,
      permission: {
        canSubscribe: true,
        canPublish: onStage,
        canPublishData: true,
        canPublishSources: onStage ? ['microphone', 'camera'] : [],
        canUpdateMetadata: true,
        hidden: false,
      },
      tracks: onStage
        ? [{ sid: `TR_${prefix}${index}`, name: 'mic', kind: 'audio', source: 'microphone', muted: index % 5 === 0, mimeType: 'audio/opus' }]
        : [],
      isPublisher: onStage,
    };
  });
}
