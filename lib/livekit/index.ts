import 'server-only';
import { RoomServiceClient } from 'livekit-server-sdk';
import { env } from '@/lib/env';
import { LiveKitError, toLiveKitError } from './errors';
import { toParticipantView, toRoomView, toTrackView } from './mappers';
import { sourceToNumber, type ParticipantView, type PermissionView, type RoomView, type TrackView } from './types';

export { LiveKitError } from './errors';
export type { LiveKitErrorCode } from './errors';
export type * from './types';

let client: { service: RoomServiceClient; key: string } | undefined;

function roomService(): RoomServiceClient {
  const { livekit, livekitTimeoutMs } = env();
  const key = `${livekit.apiUrl}|${livekit.apiKey}|${livekit.apiSecret}`;
  if (client?.key !== key) {
    client = {
      key,
      service: new RoomServiceClient(livekit.apiUrl, livekit.apiKey, livekit.apiSecret, {
        requestTimeout: livekitTimeoutMs / 1000,
        failover: false,
      }),
    };
  }
  return client.service;
}

async function call<T>(operation: (service: RoomServiceClient) => Promise<T>): Promise<T> {
  try {
    return await operation(roomService());
  } catch (error) {
    throw toLiveKitError(error, env().livekit.apiUrl);
  }
}

export function livekitServerUrl(): string {
  return env().livekit.apiUrl;
}

export async function listRooms(names?: string[]): Promise<RoomView[]> {
  const rooms = await call((service) => service.listRooms(names));
  return rooms.map(toRoomView).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getRoom(name: string): Promise<RoomView> {
  const [room] = await listRooms([name]);
  if (!room) throw new LiveKitError('not_found', `Room "${name}" does not exist or has ended`);
  return room;
}

export async function listParticipants(room: string): Promise<ParticipantView[]> {
  await getRoom(room);
  const participants = await call((service) => service.listParticipants(room));
  return participants.map(toParticipantView);
}

export async function getParticipant(room: string, identity: string): Promise<ParticipantView> {
  const participant = await call((service) => service.getParticipant(room, identity));
  return toParticipantView(participant);
}

export interface ParticipantUpdate {
  name?: string;
  metadata?: string;
  attributes?: Record<string, string>;
  permission?: PermissionView;
}

export async function updateParticipant(
  room: string,
  identity: string,
  update: ParticipantUpdate,
): Promise<ParticipantView> {
  const { permission, ...rest } = update;
  const participant = await call((service) =>
    service.updateParticipant(room, identity, {
      ...rest,
      permission: permission && {
        ...permission,
        canPublishSources: permission.canPublishSources.map(sourceToNumber),
      },
    }),
  );
  return toParticipantView(participant);
}

export async function removeParticipant(room: string, identity: string): Promise<void> {
  await call((service) => service.removeParticipant(room, identity));
}

export async function mutePublishedTrack(
  room: string,
  identity: string,
  trackSid: string,
  muted: boolean,
): Promise<TrackView> {
  const participant = await getParticipant(room, identity);
  if (!participant.tracks.some((track) => track.sid === trackSid)) {
    throw new LiveKitError('not_found', `Participant "${identity}" has no published track ${trackSid}`);
  }
  const track = await call((service) => service.mutePublishedTrack(room, identity, trackSid, muted));
  return toTrackView(track);
}

export async function createRoom(name: string, options: { emptyTimeout?: number; maxParticipants?: number }): Promise<RoomView> {
  const room = await call((service) => service.createRoom({ name, ...options }));
  return toRoomView(room);
}

export async function deleteRoom(name: string): Promise<void> {
  await getRoom(name);
  await call((service) => service.deleteRoom(name));
}
