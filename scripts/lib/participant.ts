import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  Room,
  RoomEvent,
  TrackPublishOptions,
  TrackSource,
  type DisconnectReason,
} from '@livekit/rtc-node';
import { AccessToken, type VideoGrant } from 'livekit-server-sdk';

export interface LiveKitTarget {
  /** ws(s):// or http(s):// address of the LiveKit server */
  url: string;
  apiKey: string;
  apiSecret: string;
}

export interface JoinOptions {
  room: string;
  identity: string;
  name?: string;
  metadata?: string;
  attributes?: Record<string, string>;
  grant?: Partial<VideoGrant>;
  /** LiveKit's participant kind in the token: 'sip', 'agent', 'ingress', … */
  kind?: string;
  /** publish a generated sine tone on the microphone source right after joining */
  publishTone?: boolean | { frequencyHz: number };
  ttlSeconds?: number;
}

export interface RecordedEvent {
  type: string;
  at: number;
  data: Record<string, unknown>;
}

const SAMPLE_RATE = 48_000;
const FRAME_MS = 20;
const SAMPLES_PER_FRAME = (SAMPLE_RATE * FRAME_MS) / 1000;

export async function mintParticipantToken(target: LiveKitTarget, options: JoinOptions): Promise<string> {
  const token = new AccessToken(target.apiKey, target.apiSecret, {
    identity: options.identity,
    name: options.name,
    metadata: options.metadata,
    attributes: options.attributes,
    ttl: options.ttlSeconds ?? 60 * 60,
  });
  if (options.kind) token.kind = options.kind;
  token.addGrant({
    roomJoin: true,
    room: options.room,
    canSubscribe: true,
    canPublish: false,
    canPublishData: true,
    ...options.grant,
  });
  return token.toJwt();
}

/** A generated tone pushed into an AudioSource at real-time pace until stopped. */
class ToneGenerator {
  private running = true;
  private phase = 0;
  readonly done: Promise<void>;

  constructor(
    private readonly source: AudioSource,
    private readonly frequencyHz: number,
  ) {
    this.done = this.loop();
  }

  private async loop() {
    const step = (2 * Math.PI * this.frequencyHz) / SAMPLE_RATE;
    while (this.running && !this.source.closed) {
      const frame = AudioFrame.create(SAMPLE_RATE, 1, SAMPLES_PER_FRAME);
      for (let i = 0; i < SAMPLES_PER_FRAME; i += 1) {
        frame.data[i] = Math.round(Math.sin(this.phase) * 3000);
        this.phase += step;
      }
      this.phase %= 2 * Math.PI;
      try {
        await this.source.captureFrame(frame);
      } catch {
        return;
      }
    }
  }

  async stop() {
    this.running = false;
    await this.done;
  }
}

/**
 * A real participant in a real room, joined with @livekit/rtc-node.
 * Every room event it receives is recorded in `events`, in order.
 */
export class RealParticipant {
  readonly events: RecordedEvent[] = [];
  readonly room = new Room();
  private tones: ToneGenerator[] = [];
  private silentSources: AudioSource[] = [];
  private rawListener?: (event: unknown) => void;
  private listeners = new Set<() => void>();

  private constructor(
    readonly identity: string,
    readonly roomName: string,
  ) {}

  static async join(target: LiveKitTarget, options: JoinOptions): Promise<RealParticipant> {
    const participant = new RealParticipant(options.identity, options.room);
    participant.record();
    const token = await mintParticipantToken(target, options);
    await participant.room.connect(toWs(target.url), token, { autoSubscribe: false, dynacast: false });
    participant.recordRawEvents();
    if (options.publishTone) {
      const frequencyHz = typeof options.publishTone === 'object' ? options.publishTone.frequencyHz : 440;
      await participant.publishTone(frequencyHz);
    }
    return participant;
  }

  get connected(): boolean {
    return this.room.isConnected;
  }

  /** Publishes a microphone track carrying a sine tone; returns the track sid. */
  async publishTone(frequencyHz = 440): Promise<string> {
    const source = new AudioSource(SAMPLE_RATE, 1);
    const track = LocalAudioTrack.createAudioTrack(`tone-${frequencyHz}`, source);
    const options = new TrackPublishOptions();
    options.source = TrackSource.SOURCE_MICROPHONE;
    const publication = await this.room.localParticipant!.publishTrack(track, options);
    this.tones.push(new ToneGenerator(source, frequencyHz));
    return publication.sid!;
  }

  /** Publishes a microphone-source track that carries no audio frames (cheap: for many-track benchmarks). */
  async publishSilentTrack(name: string): Promise<string> {
    const source = new AudioSource(SAMPLE_RATE, 1);
    // held until leave(): a garbage-collected source drops its native handle under the published track
    this.silentSources.push(source);
    const track = LocalAudioTrack.createAudioTrack(name, source);
    const options = new TrackPublishOptions();
    options.source = TrackSource.SOURCE_MICROPHONE;
    const publication = await this.room.localParticipant!.publishTrack(track, options);
    return publication.sid!;
  }

  publishedTrackSids(): string[] {
    return [...this.room.localParticipant!.trackPublications.values()].map((publication) => publication.sid!);
  }

  /**
   * Mutes or unmutes one of its own published tracks, as the participant's app does (LiveKit then
   * tells everyone). rtc-node 1.1 has no method for it, so this sends the FFI's own request.
   */
  setTrackMuted(trackSid: string, muted: boolean): void {
    const track = this.room.localParticipant?.trackPublications.get(trackSid)?.track;
    const client = ffiEvents() as { request?: (request: unknown) => unknown } | undefined;
    if (!track || !client?.request) throw new Error(`${this.identity} has no published track ${trackSid}`);
    client.request({ message: { case: 'localTrackMute', value: { trackHandle: track.ffi_handle.handle, mute: muted } } });
  }

  async leave(): Promise<void> {
    await Promise.all(this.tones.map((tone) => tone.stop()));
    this.tones = [];
    await Promise.allSettled(this.silentSources.map((source) => source.close()));
    this.silentSources = [];
    if (this.rawListener) ffiEvents()?.off('ffi_event', this.rawListener);
    if (this.room.isConnected) await this.room.disconnect();
  }

  /** Resolves with the first recorded event (past or future) that matches. */
  waitFor(type: string, matches: (event: RecordedEvent) => boolean = () => true, timeoutMs = 10_000) {
    return new Promise<RecordedEvent>((resolve, reject) => {
      const check = () => {
        const found = this.events.find((event) => event.type === type && matches(event));
        if (found) {
          cleanup();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `${this.identity} did not receive "${type}" within ${timeoutMs} ms; got: ${this.events.map((event) => event.type).join(', ') || 'nothing'}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  private push(type: string, data: Record<string, unknown>) {
    this.events.push({ type, at: Date.now(), data });
    for (const listener of [...this.listeners]) listener();
  }

  private record() {
    const room = this.room;
    room
      .on(RoomEvent.ParticipantConnected, (p) => this.push('participantConnected', { identity: p.identity }))
      .on(RoomEvent.ParticipantDisconnected, (p) => this.push('participantDisconnected', { identity: p.identity }))
      .on(RoomEvent.ParticipantMetadataChanged, (metadata, p) =>
        this.push('metadataChanged', { identity: p.identity, metadata }),
      )
      .on(RoomEvent.ParticipantNameChanged, (name, p) => this.push('nameChanged', { identity: p.identity, name }))
      .on(RoomEvent.ParticipantAttributesChanged, (changed, p) =>
        this.push('attributesChanged', { identity: p.identity, changed, attributes: { ...p.attributes } }),
      )
      .on(RoomEvent.TrackPublished, (publication, p) =>
        this.push('trackPublished', { identity: p.identity, trackSid: publication.sid }),
      )
      .on(RoomEvent.TrackUnpublished, (publication, p) =>
        this.push('trackUnpublished', { identity: p.identity, trackSid: publication.sid }),
      )
      .on(RoomEvent.LocalTrackUnpublished, (publication) =>
        this.push('localTrackUnpublished', { trackSid: publication?.sid }),
      )
      .on(RoomEvent.TrackMuted, (publication, p) =>
        this.push('trackMuted', { identity: p.identity, trackSid: publication.sid }),
      )
      .on(RoomEvent.TrackUnmuted, (publication, p) =>
        this.push('trackUnmuted', { identity: p.identity, trackSid: publication.sid }),
      )
      .on(RoomEvent.DataReceived, (payload, p, _kind, topic) =>
        this.push('dataReceived', { identity: p?.identity, topic, text: new TextDecoder().decode(payload) }),
      )
      .on(RoomEvent.Disconnected, (reason: DisconnectReason) => this.push('disconnected', { reason }));
  }

  /**
   * rtc-node 1.1 receives ParticipantPermissionChanged from the server but does not re-emit it on
   * Room, so it is read from the SDK's own FFI event stream for this room's handle.
   */
  private recordRawEvents() {
    const client = ffiEvents();
    const handle = (this.room as unknown as { ffiHandle?: { handle: bigint } }).ffiHandle?.handle;
    if (!client || handle === undefined) throw new Error('rtc-node FFI client is not available');
    this.rawListener = (event) => {
      const message = (event as FfiEvent).message;
      if (message.case !== 'roomEvent' || message.value.roomHandle !== handle) return;
      const roomEvent = message.value.message;
      if (roomEvent.case === 'participantPermissionChanged') {
        const permission = roomEvent.value.permission ?? {};
        this.push('permissionChanged', {
          identity: roomEvent.value.participantIdentity,
          canPublish: Boolean(permission.canPublish),
          canSubscribe: Boolean(permission.canSubscribe),
          canPublishData: Boolean(permission.canPublishData),
          canUpdateMetadata: Boolean(permission.canUpdateMetadata),
          hidden: Boolean(permission.hidden),
        });
      }
    };
    client.on('ffi_event', this.rawListener);
  }
}

interface FfiEvent {
  message: {
    case: string;
    value: {
      roomHandle?: bigint;
      message: {
        case: string;
        value: { participantIdentity: string; permission?: Record<string, unknown> };
      };
    };
  };
}

function ffiEvents(): { on: Function; off: Function } | undefined {
  return (globalThis as { _ffiClientInstance?: { on: Function; off: Function } })._ffiClientInstance;
}

function toWs(url: string): string {
  return url.replace(/^http(s?):\/\//, 'ws$1://');
}
