/** The changes LiveKit's webhooks report: the rooms list shows these, room pages the joins and leaves. */
export const ROOM_LIST_KINDS = [
  'room_started',
  'room_finished',
  'participant_joined',
  'participant_left',
  'track_published',
  'track_unpublished',
] as const;

/** Changes of Stagekeeper's own state that room pages follow, each re-reading its part when one arrives. */
export const ROOM_PAGE_KINDS = [
  /** a room's access mode or lobby (lib/access/service.ts) */
  'lobby_changed',
  /** a speaker's slot started, changed or ended (lib/timeboxes.ts) */
  'timebox_changed',
  /** claims, the moderators on the page, alerts (lib/claims.ts, lib/alerts.ts) */
  'claims_changed',
  'presence_changed',
  'alerts_changed',
  /** a request to unmute was made or answered (lib/live/unmute-request-watch.ts) */
  'unmute_requests_changed',
] as const;
