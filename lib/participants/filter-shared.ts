import { stageRole, type StageRole } from '@/lib/presets/shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { HAND_ATTRIBUTE, handRaisedAt } from '@/lib/hands/shared';
import { OBSERVER_IDENTITY_PREFIX } from '@/lib/live/observer-identity';

export type RoleFilter = 'all' | 'stage' | 'audience';
export type SortOrder = 'stage' | 'joined' | 'name';

export interface ParticipantFilter {
  search: string;
  role: RoleFilter;
  handRaised: boolean;
  publishing: boolean;
  muted: boolean;
  showHidden: boolean;
  sort: SortOrder;
}

export const NO_FILTER: ParticipantFilter = {
  search: '',
  role: 'all',
  handRaised: false,
  publishing: false,
  muted: false,
  showHidden: false,
  sort: 'stage',
};

const ROLE_ORDER: Record<StageRole, number> = { host: 0, speaker: 1, audience: 2, hidden: 3 };
// made at the first sort of two or more rows, not when the page loads (an Intl object's first use loads locale data)
let collator: Intl.Collator | undefined;
const byName = (a: string, b: string) => (collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })).compare(a, b);

/** Rows keep their object identity until an event changes them, so their lowercased text is cached. */
const haystacks = new WeakMap<ParticipantView, string>();
function haystack(participant: ParticipantView): string {
  let text = haystacks.get(participant);
  if (text === undefined) {
    text = `${participant.identity}\n${participant.name}\n${participant.metadata}`.toLowerCase();
    haystacks.set(participant, text);
  }
  return text;
}

export function isObserver(participant: ParticipantView): boolean {
  return participant.permission.hidden || participant.identity.startsWith(OBSERVER_IDENTITY_PREFIX);
}

/**
 * Everything but the search, sorted: recomputed when the list or these filters change, not on every
 * keystroke in the search box.
 */
export function arrangeParticipants(
  list: readonly ParticipantView[],
  filter: Omit<ParticipantFilter, 'search'>,
  ownIdentity: string | null,
): ParticipantView[] {
  const selected = list.filter((participant) => {
    if (participant.identity === ownIdentity) return false;
    if (!filter.showHidden && isObserver(participant)) return false;
    if (filter.role !== 'all') {
      const role = stageRole(participant.permission);
      if (filter.role === 'stage' && role !== 'host' && role !== 'speaker') return false;
      if (filter.role === 'audience' && role !== 'audience') return false;
    }
    if (filter.handRaised && handRaisedAt(participant.attributes) === null) return false;
    if (filter.publishing && participant.tracks.length === 0) return false;
    if (filter.muted && !participant.tracks.some((track) => track.muted)) return false;
    return true;
  });

  const byJoin = (a: ParticipantView, b: ParticipantView) =>
    a.joinedAt - b.joinedAt || (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0);
  if (filter.sort === 'joined') return selected.sort(byJoin);
  if (filter.sort === 'name') {
    return selected.sort((a, b) => byName(a.name || a.identity, b.name || b.identity) || byJoin(a, b));
  }
  // the role of each row once, not once per comparison
  const rank = new Map(selected.map((participant) => [participant, ROLE_ORDER[stageRole(participant.permission)]]));
  return selected.sort((a, b) => rank.get(a)! - rank.get(b)! || byJoin(a, b));
}

/** Recent searches over one arranged list: typing narrows a cached result, deleting finds one. */
const MAX_CACHED_SEARCHES = 32;
const searchCaches = new WeakMap<readonly ParticipantView[], Map<string, ParticipantView[]>>();

/**
 * The search over identity, name and metadata, keeping the arranged order. A text that contains an
 * earlier search's text can only match a subset of that search's rows, so only those are scanned:
 * typing "listener 12" scans 10,000 rows for "l" and ever fewer after.
 */
export function searchParticipants(arranged: ParticipantView[], search: string): ParticipantView[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return arranged;
  let cache = searchCaches.get(arranged);
  if (!cache) {
    cache = new Map();
    searchCaches.set(arranged, cache);
  }
  const cached = cache.get(needle);
  if (cached) return cached;

  let candidates: readonly ParticipantView[] = arranged;
  for (const [earlier, result] of cache) {
    if (result.length < candidates.length && needle.includes(earlier)) candidates = result;
  }
  const found = candidates.filter((participant) => haystack(participant).includes(needle));
  if (cache.size >= MAX_CACHED_SEARCHES) cache.delete(cache.keys().next().value!);
  cache.set(needle, found);
  return found;
}

export function selectParticipants(
  list: readonly ParticipantView[],
  filter: ParticipantFilter,
  ownIdentity: string | null,
): ParticipantView[] {
  return searchParticipants(arrangeParticipants(list, filter, ownIdentity), filter.search);
}

export interface HandInQueue {
  participant: ParticipantView;
  /** when the dashboard first saw this hand go up (epoch ms) */
  raisedAt: number;
}

/** When the dashboard first saw this hand (this attribute value) go up; undefined when it does not know. */
export type HandSeenAt = (identity: string, value: string) => number | undefined;

/**
 * Raised hands, first seen first: by when the dashboard saw each go up, not by the time the
 * participant wrote (which anyone can back-date). Hands seen at the same moment (a page opened on a
 * room with hands up) keep the order of the times written; without `seenAt`, only those count.
 */
export function handQueue(list: readonly ParticipantView[], seenAt?: HandSeenAt): HandInQueue[] {
  const queue: (HandInQueue & { written: number })[] = [];
  for (const participant of list) {
    const written = handRaisedAt(participant.attributes);
    if (written === null) continue;
    const seen = seenAt?.(participant.identity, participant.attributes[HAND_ATTRIBUTE]!);
    queue.push({ participant, raisedAt: seen ?? written, written });
  }
  return queue
    .sort((a, b) => a.raisedAt - b.raisedAt || a.written - b.written || (a.participant.identity < b.participant.identity ? -1 : 1))
    .map(({ participant, raisedAt }) => ({ participant, raisedAt }));
}
