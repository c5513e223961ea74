'use client';

import { useQueryClient } from '@tanstack/react-query';
import {
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  type Participant,
  type RemoteParticipant,
  type TrackPublication,
} from 'livekit-client';
import { useEffect, useState } from 'react';
import type { LiveStatus } from '@/components/app-header';
import { mintObserverToken } from '@/lib/actions/observer';
import { participantFromLiveKit, permissionFromParticipant, trackFromPublication } from '@/lib/live/from-livekit-client';
import { createPatchBatcher } from '@/lib/live/patch-batcher';
import { liveStats } from '@/lib/live/stats';
import type { ParticipantView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';

export interface RoomObserver {
  status: LiveStatus;
  error: string | null;
  identity: string | null;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * Joins the room as a hidden observer and turns its events into patches of the participant list
 * in the react-query cache: one patch per event, at most one cache write per animation frame,
 * and one full re-list only when the connection (re)starts.
 */
export function useRoomObserver(room: string, enabled: boolean): RoomObserver {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RoomObserver>({ status: 'connecting', error: null, identity: null });

  useEffect(() => {
    if (!enabled) return;
    const stats = liveStats();
    const key = queryKeys.participants(room);
    const livekitRoom = new Room({ adaptiveStream: false, dynacast: false, disconnectOnPageLeave: true, webAudioMix: false });
    let stopped = false;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const batcher = createPatchBatcher(queryClient, key);
    const enqueue = batcher.enqueue;
    const reconcile = () => void queryClient.invalidateQueries({ queryKey: key, exact: true });
    const remote = (participant: Participant): participant is RemoteParticipant =>
      participant !== livekitRoom.localParticipant;
    const update = (participant: Participant, changes: Partial<Omit<ParticipantView, 'identity'>>) => {
      if (remote(participant)) enqueue({ type: 'update', identity: participant.identity, changes });
    };
    const track = (publication: TrackPublication, participant: Participant) => {
      if (remote(participant)) enqueue({ type: 'track', identity: participant.identity, track: trackFromPublication(publication) });
    };

    livekitRoom
      .on(RoomEvent.ParticipantConnected, (participant) =>
        enqueue({ type: 'upsert', participant: participantFromLiveKit(participant) }),
      )
      .on(RoomEvent.ParticipantDisconnected, (participant) => enqueue({ type: 'remove', identity: participant.identity }))
      .on(RoomEvent.ParticipantPermissionsChanged, (_previous, participant) =>
        update(participant, { permission: permissionFromParticipant(participant) }),
      )
      .on(RoomEvent.ParticipantMetadataChanged, (_previous, participant) =>
        update(participant, { metadata: participant.metadata ?? '' }),
      )
      .on(RoomEvent.ParticipantNameChanged, (name, participant) => update(participant, { name }))
      .on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) =>
        update(participant, { attributes: { ...participant.attributes } }),
      )
      .on(RoomEvent.TrackPublished, track)
      .on(RoomEvent.TrackMuted, track)
      .on(RoomEvent.TrackUnmuted, track)
      .on(RoomEvent.TrackUnpublished, (publication, participant) =>
        enqueue({ type: 'trackRemoved', identity: participant.identity, trackSid: publication.trackSid }),
      )
      .on(RoomEvent.Reconnecting, () => setState((s) => ({ ...s, status: 'reconnecting' })))
      .on(RoomEvent.Reconnected, () => {
        setState((s) => ({ ...s, status: 'live', error: null }));
        reconcile();
      })
      .on(RoomEvent.Disconnected, (reason) => {
        if (stopped) return;
        if (reason === DisconnectReason.ROOM_DELETED) {
          setState((s) => ({ ...s, status: 'offline', error: 'This room has ended.' }));
          reconcile();
          return;
        }
        setState((s) => ({ ...s, status: 'offline', error: 'Lost the live connection; retrying…' }));
        scheduleRetry();
      });

    const connect = async () => {
      setState((s) => ({ ...s, status: attempt === 0 ? 'connecting' : 'reconnecting' }));
      try {
        const minted = await mintObserverToken({ room });
        if (!minted.ok && minted.error.code === 'not_found') {
          setState((s) => ({ ...s, status: 'offline', error: minted.error.message }));
          return;
        }
        if (!minted.ok) throw new Error(minted.error.message);
        if (stopped) return;
        await livekitRoom.connect(minted.data.url, minted.data.token, { autoSubscribe: false });
        if (stopped) {
          await livekitRoom.disconnect();
          return;
        }
        attempt = 0;
        stats.observerIdentity = minted.data.identity;
        setState({ status: 'live', error: null, identity: minted.data.identity });
        reconcile();
      } catch (error) {
        if (stopped) return;
        setState((s) => ({ ...s, status: 'error', error: `Live updates unavailable: ${(error as Error).message}` }));
        scheduleRetry();
      }
    };
    const scheduleRetry = () => {
      if (stopped || livekitRoom.state !== ConnectionState.Disconnected) return;
      clearTimeout(retryTimer);
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
      attempt += 1;
      retryTimer = setTimeout(() => void connect(), delay);
    };

    void connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      batcher.cancel();
      livekitRoom.removeAllListeners();
      void livekitRoom.disconnect();
    };
  }, [room, enabled, queryClient]);

  return state;
}
