'use client';

import { useEffect, useRef, useState } from 'react';

/** One polite message for what a moderator must hear about, never a row's every update. */
export interface Announceable {
  /** identities with a hand up, in queue order */
  hands: string[];
  /** identities knocking in the lobby */
  knocking: string[];
  /** identities whose speaking slot is running */
  speaking: string[];
  nameOf: (identity: string) => string;
}

function arrived(before: ReadonlySet<string> | null, now: string[]): string[] {
  return before === null ? [] : now.filter((identity) => !before.has(identity));
}

function list(names: string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/** Tells what changed since the last render; the first render (the page loading) says nothing. */
export function announcementFor(
  before: { hands: ReadonlySet<string>; knocking: ReadonlySet<string>; speaking: ReadonlySet<string> } | null,
  now: Announceable,
): string | null {
  const raised = arrived(before?.hands ?? null, now.hands).map(now.nameOf);
  const knocked = arrived(before?.knocking ?? null, now.knocking).map(now.nameOf);
  const ended = before ? [...before.speaking].filter((identity) => !now.speaking.includes(identity)).map(now.nameOf) : [];
  const parts = [
    raised.length > 0 && `${list(raised)} raised ${raised.length === 1 ? 'a hand' : 'hands'}.`,
    knocked.length > 0 && `${list(knocked)} knocked in the lobby.`,
    ended.length > 0 && `Speaking slot ended for ${list(ended)}.`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** A visually hidden polite live region: screen readers hear a hand raised, a knock, a slot ending. */
export function RoomAnnouncer(props: Announceable) {
  const [message, setMessage] = useState('');
  const seen = useRef<{ hands: Set<string>; knocking: Set<string>; speaking: Set<string> } | null>(null);
  const { hands, knocking, speaking } = props;
  const key = `${hands.join('\n')}\u0000${knocking.join('\n')}\u0000${speaking.join('\n')}`;
  useEffect(() => {
    const next = announcementFor(seen.current, props);
    seen.current = { hands: new Set(hands), knocking: new Set(knocking), speaking: new Set(speaking) };
    if (next) setMessage(next);
    // props.nameOf changes with every list; the lists themselves are what is announced
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <p role="status" aria-live="polite" className="sr-only" data-room-announcement>
      {message}
    </p>
  );
}
