import 'server-only';
import { DataPacket_Kind, RoomServiceClient, type ParticipantInfo } from 'livekit-server-sdk';
import { env } from '@/lib/env';
import { LiveKitError, toLiveKitError } from './errors';
import { noteLiveKitCall } from './reachability';
import { CallBudget, callPriority } from './budget';
import { databaseBudgetStore } from '@/lib/db/livekit-budget';
import { observed } from './observed';
import { SignedOnceRoomService } from './signed-client';
import { SharedListings } from './shared-listing';
import { toParticipantView, toRoomView, toTrackView } from './mappers';
import { sourceToNumber, type ParticipantView, type PermissionView, type RoomView, type TrackView } from './types';

export { LiveKitError } from './errors';
export { onLiveKitReconnected } from './reachability';
export type { LiveKitErrorCode } from './errors';
export type * from './types';

let client: { service: RoomServiceClient; key: string } | undefined;
/** per process: losing it loses only this replica's unspent reserved calls */
let callBudget: { budget: CallBudget; perMinute: number } | undefined;

function budget(): CallBudget | undefined {
  const perMinute = env().livekitCallsPerMinute;
  if (perMinute === undefined) return undefined;
  if (callBudget?.perMinute !== perMinute) callBudget = { budget: new CallBudget(perMinute, databaseBudgetStore), perMinute };
  return callBudget.budget;
}

function roomService(): RoomServiceClient {
  const { livekit, livekitTimeoutMs } = env();
  const key = `${livekit.apiUrl}|${livekit.apiKey}|${livekit.apiSecret}`;
  if (client?.key !== key) {
    client = {
      key,
      service: new SignedOnceRoomService(livekit.apiUrl, livekit.apiKey, livekit.apiSecret, { requestTimeoutSeconds: livekitTimeoutMs / 1000 }),
    };
  }
  return client.service;
}

/** LiveKit's own "too many requests" is retried this many times for background work, waiting longer each time. */
const BACKGROUND_RETRIES = 3;

async function call<T>(operation: (service: RoomServiceClient) => Promise<T>): Promise<T> {
  const priority = callPriority();
  for (let attempt = 0; ; attempt += 1) {
    await budget()?.acquire(priority);
    try {
      const answer = await operation(observed(roomService(), env().livekit.apiUrl));
      noteLiveKitCall(undefined);
      return answer;
    } catch (error) {
      const failure = toLiveKitError(error, env().livekit.apiUrl);
      // a refusal for load says nothing about LiveKit being reachable
      if (failure.code !== 'rate_limited') noteLiveKitCall(failure.code);
      if (failure.code !== 'rate_limited' || priority === 'action' || attempt >= BACKGROUND_RETRIES) throw failure;
      await new Promise((resolve) => setTimeout(resolve, (failure.retryAfterMs ?? 1000) * 2 ** attempt));
    }
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

const PROBE_TOPIC = 'stagekeeper.probe';
const PROBE_NOBODY = 'stagekeeper-probe-nobody';

/**
 * The room, only if a LiveKit node really hosts it. In a cluster ListRooms reads Redis, which keeps
 * a killed node's rooms (a ghost, same sid) until someone joins them again; a data packet addressed
 * to nobody goes to the hosting node itself, and only a live one answers it.
 */
export async function getLiveRoom(name: string): Promise<RoomView> {
  const room = await getRoom(name);
  try {
    await call((service) =>
      service.sendData(name, new Uint8Array(0), DataPacket_Kind.RELIABLE, { topic: PROBE_TOPIC, destinationIdentities: [PROBE_NOBODY] }),
    );
  } catch (error) {
    const why = error instanceof LiveKitError ? error.message : String(error);
    throw new LiveKitError('unreachable', `Room "${name}" is listed but its LiveKit node does not answer (${why}); it comes back when its participants rejoin`);
  }
  return room;
}

/** per process: lib/livekit/shared-listing says why losing it is safe */
const listings = new SharedListings<ParticipantInfo[]>();
const listingOf = (room: string, options?: ListingOptions) =>
  listings.list(room, () => call((service) => service.listParticipants(room)), options);

/** A write to the room's participants: no listing from before its answer serves anyone after it. */
async function writing<T>(room: string, write: () => Promise<T>): Promise<T> {
  listings.forget(room);
  try {
    return await write();
  } finally {
    listings.forget(room);
  }
}

/** A webhook said the room's participants changed: the next listing asks LiveKit. */
export function forgetListing(room: string): void {
  listings.forget(room);
}

export interface ListingOptions {
  /** a write path (a bulk request's targets): share only a listing in flight, never one that already came */
  inFlightOnly?: boolean;
  /** only a listing asked for at or after this time (ms): a check of something a page has just seen */
  since?: number;
}

/**
 * Every participant; not_found when the room does not exist (asked only when the listing is empty).
 * One listing per room serves every caller of the same moment (lib/livekit/shared-listing).
 */
export async function listParticipants(room: string, options?: ListingOptions): Promise<ParticipantView[]> {
  const participants = await listingOf(room, options);
  if (participants.length === 0) await getRoom(room);
  return participants.map(toParticipantView);
}

/** One ListParticipants call (or a shared one) for a room the caller has just listed: no existence check first (the sweeps). */
export async function listParticipantsOfListedRoom(room: string): Promise<ParticipantView[]> {
  return (await listingOf(room)).map(toParticipantView);
}

export async function getParticipant(room: string, identity: string): Promise<ParticipantView> {
  const participant = await call((service) => service.getParticipant(room, identity));
  return toParticipantView(participant);
}

/** The participant with this identity in the room, or undefined when it is not there (or the room is not open). */
export async function findParticipant(room: string, identity: string): Promise<ParticipantView | undefined> {
  try {
    return await getParticipant(room, identity);
  } catch (error) {
    if (error instanceof LiveKitError && error.code === 'not_found') return undefined;
    throw error;
  }
}

export interface ParticipantUpdate {
  name?: string;
  metadata?: string;
  attributes?: Record<string, string>;
  permission?: PermissionView;
}

/**
 * LiveKit blanks a hidden sender's identity on its data packets, so they would pass for Stagekeeper's
 * own notices: a hidden participant never publishes data. Hiding someone, or laying a preset over a
 * hidden participant, turns data off; the other fields stay as asked.
 */
export function withoutDataWhenHidden(permission: PermissionView): PermissionView {
  return permission.hidden && permission.canPublishData ? { ...permission, canPublishData: false } : permission;
}

export async function updateParticipant(
  room: string,
  identity: string,
  update: ParticipantUpdate,
): Promise<ParticipantView> {
  const { permission: asked, ...rest } = update;
  const permission = asked && withoutDataWhenHidden(asked);
  const participant = await writing(room, () =>
    call((service) =>
      service.updateParticipant(room, identity, {
        ...rest,
        permission: permission && {
          ...permission,
          canPublishSources: permission.canPublishSources.map(sourceToNumber),
        },
      }),
    ),
  );
  return toParticipantView(participant);
}

/**
 * Open-source LiveKit ignores revokeTokenTs and the removed participant's token stays valid; servers
 * that honour it refuse tokens issued before that second.
 */
export async function removeParticipant(room: string, identity: string, { revokeTokens = false } = {}): Promise<void> {
  const revokeTokenTs = revokeTokens ? BigInt(Math.floor(Date.now() / 1000)) : undefined;
  await writing(room, () => call((service) => service.removeParticipant(room, identity, { revokeTokenTs })));
}

/**
 * LiveKit answers a mute of a track it does not know with no track, so the participant's tracks
 * are checked first: `listed` is the participant as the caller just read it, or it is read here.
 */
export async function mutePublishedTrack(
  room: string,
  identity: string,
  trackSid: string,
  muted: boolean,
  listed?: Pick<ParticipantView, 'tracks'>,
): Promise<TrackView> {
  const participant = listed ?? (await getParticipant(room, identity));
  const notFound = () => new LiveKitError('not_found', `Participant "${identity}" has no published track ${trackSid}`);
  if (!participant.tracks.some((track) => track.sid === trackSid)) throw notFound();
  const track = await writing(room, () => call((service) => service.mutePublishedTrack(room, identity, trackSid, muted)));
  // unpublished since it was listed
  if (!track) throw notFound();
  return toTrackView(track);
}

const UNMUTE_PROBE_TRACK = 'TR_stagekeeperprobe';

/**
 * Whether this LiveKit server lets a moderator unmute someone's track (room.enable_remote_unmute).
 * No call tells; an unmute of a track sid that `identity` (who must be in the room) does not publish
 * changes nothing and answers it: refused when remote unmute is off, "no such track" when it is on.
 */
export async function remoteUnmuteAllowed(room: string, identity: string): Promise<boolean> {
  try {
    await call((service) => service.mutePublishedTrack(room, identity, UNMUTE_PROBE_TRACK, false));
    return true;
  } catch (error) {
    if (error instanceof LiveKitError && error.code === 'remote_unmute_disabled') return false;
    throw error;
  }
}

export async function sendData(room: string, payload: Uint8Array, topic: string, identities?: string[]): Promise<void> {
  await call((service) =>
    service.sendData(room, payload, DataPacket_Kind.RELIABLE, { topic, destinationIdentities: identities }),
  );
}

export interface RoomSettings {
  name: string;
  emptyTimeout?: number;
  maxParticipants?: number;
  metadata?: string;
}

export async function createRoom(settings: RoomSettings): Promise<RoomView> {
  return toRoomView(await call((service) => service.createRoom(settings)));
}

export async function updateRoomMetadata(room: string, metadata: string): Promise<RoomView> {
  await getRoom(room);
  return toRoomView(await call((service) => service.updateRoomMetadata(room, metadata)));
}

export async function deleteRoom(room: string): Promise<void> {
  await getRoom(room);
  await writing(room, () => call((service) => service.deleteRoom(room)));
}
