'use client';

import { useQueryClient } from '@tanstack/react-query';
import { DisconnectReason, Room, RoomEvent, type Participant, type RemoteParticipant } from 'livekit-client';
import { useEffect, useState } from 'react';
import type { LiveStatus } from '@/components/app-header';
import { mintObserverToken } from '@/lib/participants/observer-actions';
import { participantFromLiveKit, participantRevision } from '@/lib/live/from-livekit-client';
import { createObserverSync } from '@/lib/live/observer-sync';
import { createPatchBatcher } from '@/lib/live/patch-batcher';
import { followAttendance, attendancePatch } from '@/lib/live/attendance-push';
import { liveStats } from '@/lib/live/stats';
import type { ParticipantView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';

export interface RoomObserver {
  status: LiveStatus;
  error: string | null;
  identity: string | null;
}

/** After the first tries, every 2 s: the table must match LiveKit within 5 s of it answering again. */
const RETRY_DELAYS_MS = [500, 1_000, 2_000];
/** How often the SDK's participants are compared with the table (in memory, no server call). */
const CHECK_INTERVAL_MS = 200;

export const STALE_NOTICE = 'Lost the live connection to LiveKit: the table may be out of date and actions may fail.';

/**
 * Joins the room as a hidden observer and keeps the participant list in the react-query cache equal
 * to what LiveKit sends it: SDK events patch rows at once, a cheap in-memory check every 200 ms picks
 * up what the SDK applies without an event, joins and leaves pushed from LiveKit's webhooks show
 * before LiveKit's batched update reaches the SDK, and the list is re-read once per (re)connection.
 */
export function useRoomObserver(room: string, enabled: boolean): RoomObserver {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RoomObserver>({ status: 'connecting', error: null, identity: null });

  useEffect(() => {
    if (!enabled) return;
    const stats = liveStats();
    const key = queryKeys.participants(room);
    const livekitRoom = new Room({
      adaptiveStream: false,
      dynacast: false,
      disconnectOnPageLeave: true,
      webAudioMix: false,
      // livekit-client's own full reconnect would join again without asking whether the room still
      // exists, and joining starts an ended room again: every reconnect goes through connect() below
      reconnectPolicy: { nextRetryDelayInMs: () => null },
    });
    let stopped = false;
    let attempt = 0;
    let wasLive = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let checkTimer: ReturnType<typeof setInterval> | undefined;
    const batcher = createPatchBatcher(queryClient, key);
    const sync = createObserverSync<RemoteParticipant>({
      read: () => queryClient.getQueryData<ParticipantView[]>(key),
      enqueue: batcher.enqueue,
      pending: batcher.pending,
      toRow: participantFromLiveKit,
      revision: participantRevision,
    });
    const stopPresence = followAttendance((change) => {
      const patch = attendancePatch(change, room, queryClient.getQueryData<ParticipantView[]>(key));
      if (patch) batcher.enqueue(patch);
    });
    const remote = (participant: Participant | undefined): participant is RemoteParticipant =>
      participant !== undefined && participant !== livekitRoom.localParticipant;
    const refresh = (participant: Participant | undefined) => {
      if (remote(participant)) sync.refresh(participant);
    };
    const check = () => sync.check(livekitRoom.remoteParticipants.values());

    const relist = async () => {
      const startedAt = Date.now();
      await queryClient.refetchQueries({ queryKey: key, exact: true });
      if (!stopped) sync.relisted(livekitRoom.remoteParticipants.values(), startedAt);
    };

    const lost = (error: string) => {
      clearInterval(checkTimer);
      sync.reset();
      setState((s) => ({ ...s, status: wasLive ? 'reconnecting' : 'error', error }));
    };

    livekitRoom
      .on(RoomEvent.ParticipantConnected, refresh)
      .on(RoomEvent.ParticipantActive, refresh)
      .on(RoomEvent.ParticipantDisconnected, (participant) => sync.left(participant.identity))
      .on(RoomEvent.ParticipantPermissionsChanged, (_previous, participant) => refresh(participant))
      .on(RoomEvent.ParticipantMetadataChanged, (_previous, participant) => refresh(participant))
      .on(RoomEvent.ParticipantNameChanged, (_name, participant) => refresh(participant))
      .on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) => refresh(participant))
      .on(RoomEvent.TrackPublished, (_publication, participant) => refresh(participant))
      .on(RoomEvent.TrackUnpublished, (_publication, participant) => refresh(participant))
      .on(RoomEvent.TrackMuted, (_publication, participant) => refresh(participant))
      .on(RoomEvent.TrackUnmuted, (_publication, participant) => refresh(participant))
      .on(RoomEvent.Disconnected, (reason) => {
        if (stopped) return;
        if (reason === DisconnectReason.ROOM_DELETED) {
          clearInterval(checkTimer);
          setState((s) => ({ ...s, status: 'offline', error: 'This room has ended.' }));
          void queryClient.invalidateQueries({ queryKey: key, exact: true });
          return;
        }
        lost(`${STALE_NOTICE} Reconnecting…`);
        scheduleRetry();
      });

    const connect = async () => {
      setState((s) => ({ ...s, status: wasLive ? 'reconnecting' : 'connecting' }));
      try {
        const minted = await mintObserverToken({ room });
        if (stopped) return;
        if (!minted.ok && minted.error.code === 'not_found') {
          if (!wasLive) {
            setState((s) => ({ ...s, status: 'offline', error: minted.error.message }));
            return;
          }
          // LiveKit restarted or the room's node died: the room comes back when its participants rejoin
          lost(`${STALE_NOTICE} The room is not on LiveKit right now; waiting for it to come back…`);
          scheduleRetry();
          return;
        }
        if (!minted.ok) throw new Error(minted.error.message);
        await livekitRoom.connect(minted.data.url, minted.data.token, { autoSubscribe: false });
        if (stopped) {
          await livekitRoom.disconnect();
          return;
        }
        attempt = 0;
        wasLive = true;
        stats.observerIdentity = minted.data.identity;
        check();
        checkTimer = setInterval(check, CHECK_INTERVAL_MS);
        await relist();
        if (stopped) return;
        setState({ status: 'live', error: null, identity: minted.data.identity });
      } catch (error) {
        if (stopped) return;
        lost(wasLive ? `${STALE_NOTICE} Reconnecting…` : `Live updates unavailable: ${(error as Error).message}`);
        scheduleRetry();
      }
    };
    const scheduleRetry = () => {
      if (stopped) return;
      clearTimeout(retryTimer);
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
      attempt += 1;
      retryTimer = setTimeout(() => void connect(), delay);
    };

    void connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(checkTimer);
      batcher.cancel();
      stopPresence();
      livekitRoom.removeAllListeners();
      void livekitRoom.disconnect();
    };
  }, [room, enabled, queryClient]);

  return state;
}
