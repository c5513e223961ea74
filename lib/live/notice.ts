/** What a Stagekeeper notice carries (UTF-8 JSON on the `stagekeeper.notice` topic). */
export interface Notice {
  text: string;
  sentAt: string;
}

/**
 * The check docs/app-contract.md gives the event's app: the arguments of livekit-client's
 * `RoomEvent.DataReceived` in, a notice or null out. Stagekeeper sends notices from the server, as
 * no participant. LiveKit stamps every packet a participant sends with its identity, so a packet that
 * has a sender is not Stagekeeper's, whatever its topic says; `senderIdentity` also catches a sender
 * the room does not list (hidden, or not announced yet), for which `participant` is undefined.
 * Self-contained (the topic is written out) so it can be copied as is.
 */
export function stagekeeperNotice(
  payload: Uint8Array,
  participant: { identity: string } | undefined,
  topic: string | undefined,
  senderIdentity: string | undefined,
): Notice | null {
  if (topic !== 'stagekeeper.notice' || participant !== undefined || senderIdentity) return null;
  try {
    const notice = JSON.parse(new TextDecoder().decode(payload));
    return typeof notice?.text === 'string' ? { text: notice.text, sentAt: String(notice.sentAt ?? '') } : null;
  } catch {
    return null;
  }
}
