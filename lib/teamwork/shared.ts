/**
 * What moderators see of each other's work on a room: claims ("I'm handling this"), who else has the
 * room open, and the room's alerts. Plain data shared by the server actions and the room page.
 */

export const CLAIM_KINDS = ['hand', 'lobby', 'participant'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** What a claim is on: a raised hand, a lobby request or a participant, by identity. */
export interface ClaimTarget {
  kind: ClaimKind;
  room: string;
  identity: string;
}

export interface ClaimView extends ClaimTarget {
  /** the account id of the moderator who claimed it */
  claimedBy: string;
  claimedByName: string;
  /** epoch milliseconds, the database's clock */
  claimedAt: number;
  expiresAt: number;
}

export interface ClaimsSnapshot {
  claims: ClaimView[];
  /** the database's clock when it was read: a page corrects its own clock by it */
  serverNow: number;
  /** the caller's account id, to tell their own claims from others' */
  you: string;
}

export interface PresentModerator {
  accountId: string;
  name: string;
  /** open tabs of this account on the room */
  tabs: number;
}

export type StoredAlertKind = 'churn' | 'ban_evasion';

export interface StoredAlert {
  id: number;
  room: string;
  identity: string;
  kind: StoredAlertKind;
  /** churn: { sessions, windowMs }; ban_evasion: { bannedIdentity, banId, matched: ('name' | 'metadata')[] } */
  detail: Record<string, unknown>;
  firstAt: number;
  lastAt: number;
}

export interface WaitingHand {
  identity: string;
  /** when the dashboard first saw the hand go up */
  since: number;
}

export interface RoomAlerts {
  alerts: StoredAlert[];
  /** hands up longer than handWaitMs */
  waitingHands: WaitingHand[];
  handWaitMs: number;
  /** when the next hand now up will cross handWaitMs, in ms from serverNow; null when none will */
  nextHandDueInMs: number | null;
  serverNow: number;
}

/** The claims that concern a participant's row: on the participant itself or on their raised hand. */
export function claimsOn(claims: readonly ClaimView[], identity: string): ClaimView[] {
  return claims.filter((claim) => claim.identity === identity && claim.kind !== 'lobby');
}

/** The claim someone other than `me` holds on this participant (or their hand), if any. */
export function claimedByOther(claims: readonly ClaimView[], identity: string, me: string | null): ClaimView | undefined {
  return claimsOn(claims, identity).find((claim) => claim.claimedBy !== me);
}

export function describeAlert(alert: StoredAlert): string {
  if (alert.kind === 'churn') {
    const sessions = Number(alert.detail.sessions ?? 0);
    const seconds = Math.round(Number(alert.detail.windowMs ?? 60_000) / 1000);
    return `joined with ${sessions} new sessions within ${seconds} s (a shared token, or someone taking over the identity)`;
  }
  const matched = Array.isArray(alert.detail.matched) ? alert.detail.matched.join(' and ') : 'details';
  return `joined right after ${String(alert.detail.bannedIdentity)} was banned, with the same ${matched}`;
}
