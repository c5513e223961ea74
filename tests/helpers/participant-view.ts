import type { ParticipantView } from '@/lib/livekit/types';

/** A participant row as the actions return it: an audience member unless `extra` says otherwise. */
export function participantView(identity: string, extra: Partial<ParticipantView> = {}): ParticipantView {
  return {
    sid: `PA_${identity}`,
    identity,
    name: identity,
    state: 'active',
    kind: 'standard',
    joinedAt: 0,
    metadata: '',
    attributes: {},
    permission: {
      canSubscribe: true,
      canPublish: false,
      canPublishData: true,
      canPublishSources: [],
      canUpdateMetadata: false,
      hidden: false,
    },
    tracks: [],
    isPublisher: false,
    ...extra,
  };
}
