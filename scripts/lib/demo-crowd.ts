import { TrackSource } from 'livekit-server-sdk';
import { HAND_ATTRIBUTE } from '../../lib/hands/shared';
import { RealParticipant, type JoinOptions, type LiveKitTarget } from './participant';
import { answerUnmuteRequests, type UnmuteDecision } from './unmute-responder';

export const DEMO_ROOM = 'demo-event';

const FIRST_NAMES = [
  'Ada', 'Bea', 'Cyril', 'Dana', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jun',
  'Kemal', 'Lena', 'Mateo', 'Nia', 'Oskar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tove',
];
const CITIES = ['Lagos', 'Lisbon', 'Osaka', 'Quito', 'Tallinn', 'Nairobi', 'Oslo', 'Pune'];

function audienceMember(index: number): Omit<JoinOptions, 'room'> {
  const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
  const handRaised = index % 4 === 1;
  const raisedAt = new Date(Date.now() - (20 - index) * 45_000).toISOString();
  return {
    identity: `audience-${String(index + 1).padStart(2, '0')}`,
    name: `${first} ${String.fromCharCode(65 + (index % 26))}.`,
    metadata: JSON.stringify({ displayRole: 'Audience', city: CITIES[index % CITIES.length], handRaised }),
    attributes: handRaised ? { 'stagekeeper.hand': raisedAt } : {},
    grant: { canPublish: false, canPublishData: true, canUpdateOwnMetadata: true },
  };
}

export function demoCrowd(audienceSize = 20): Array<Omit<JoinOptions, 'room'>> {
  return [
    {
      identity: 'host',
      name: 'Morgan (host)',
      metadata: JSON.stringify({ displayRole: 'Host' }),
      grant: { canPublish: true, canPublishData: true, canUpdateOwnMetadata: true },
      publishTone: { frequencyHz: 220 },
    },
    ...[1, 2].map((n) => ({
      identity: `speaker-${n}`,
      name: n === 1 ? 'Dr. Aiko Tanaka' : 'Sam Okafor',
      metadata: JSON.stringify({ displayRole: 'Panelist', topic: n === 1 ? 'Acoustics' : 'Live ops' }),
      // the speaker preset's sources: with them, updating their own attributes (the unmute reply) keeps them speakers
      grant: { canPublish: true, canPublishData: true, canPublishSources: [TrackSource.MICROPHONE, TrackSource.CAMERA], canUpdateOwnMetadata: true },
      publishTone: { frequencyHz: 220 + n * 110 },
    })),
    ...Array.from({ length: audienceSize }, (_, index) => audienceMember(index)),
  ];
}

/** Joins the demo crowd a few at a time; returns a function that makes everyone leave. */
export async function startDemoCrowd(
  target: LiveKitTarget,
  { room = DEMO_ROOM, audienceSize = 20, log = console.log } = {},
): Promise<{ members: RealParticipant[]; leave: () => Promise<void> }> {
  const members: RealParticipant[] = [];
  const queue = demoCrowd(audienceSize);
  const workers = Array.from({ length: 4 }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        members.push(await RealParticipant.join(target, { ...next, room }));
      } catch (error) {
        log(`demo crowd: ${next.identity} could not join: ${(error as Error).message}`);
      }
    }
  });
  await Promise.all(workers);
  log(`demo crowd: ${members.length} participants in "${room}"`);
  const hands = setInterval(() => void toggleRandomHand(members), 20_000);
  const answering = members.map((member) => answerLikeAPerson(member, log));
  // one speaker starts muted, so a muted row offers "Ask to unmute" from the start
  const quiet = members.find((member) => member.identity === 'speaker-2');
  for (const sid of quiet?.publishedTrackSids() ?? []) quiet!.setTrackMuted(sid, true);
  return {
    members,
    leave: async () => {
      clearInterval(hands);
      for (const stop of answering) stop();
      await Promise.allSettled(members.map((member) => member.leave()));
    },
  };
}

/** Every so often an audience member raises or lowers a hand, so the queue on `npm run dev` is alive. */
async function toggleRandomHand(members: RealParticipant[]) {
  const audience = members.filter((member) => member.connected && member.identity.startsWith('audience-'));
  const member = audience[Math.floor(Math.random() * audience.length)];
  const local = member?.room.localParticipant;
  if (!local) return;
  const raised = Boolean(local.attributes[HAND_ATTRIBUTE]);
  await local.setAttributes({ [HAND_ATTRIBUTE]: raised ? '' : new Date().toISOString() }).catch(() => {});
}

/**
 * Who answers "Ask to unmute" how, so `npm run dev` shows every state: the host and speaker-1 accept,
 * speaker-2 declines, then accepts, then lets one expire, in turn; the rest of the crowd publishes
 * nothing. Each answers after a couple of seconds, like a person reading the prompt, and someone who
 * unmuted goes quiet again a minute later, so there is always a muted track to ask about.
 */
export function demoUnmuteDecision(identity: string, asked: number): UnmuteDecision {
  if (identity !== 'speaker-2') return 'accept';
  return (['decline', 'accept', 'ignore'] as const)[asked % 3]!;
}

function answerLikeAPerson(member: RealParticipant, log: (line: string) => void): () => void {
  let asked = 0;
  const quietAgain = new Set<ReturnType<typeof setTimeout>>();
  const stop = answerUnmuteRequests(
    member,
    (request) => {
      const decision = demoUnmuteDecision(member.identity, asked++);
      log(`demo crowd: ${member.identity} was asked by ${request.askedBy} to unmute; will ${decision}`);
      if (decision === 'accept') {
        const timer = setTimeout(() => {
          quietAgain.delete(timer);
          if (member.connected) member.setTrackMuted(request.trackSid, true);
        }, 60_000);
        quietAgain.add(timer);
      }
      return decision;
    },
    { thinkMs: 2_500, onError: (error) => log(`demo crowd: ${member.identity} could not answer: ${(error as Error).message}`) },
  );
  return () => {
    stop();
    for (const timer of quietAgain) clearTimeout(timer);
  };
}
