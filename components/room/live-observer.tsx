'use client';

import { useEffect } from 'react';
import { useRoomObserver, type RoomObserver } from './use-room-observer';

/**
 * The observer as a component of its own, so the room page can load it (and livekit-client, most
 * of the page's JavaScript) after the table, which is already usable from the server-rendered list.
 */
export default function LiveObserver({
  room,
  onChange,
}: {
  room: string;
  onChange: (observer: RoomObserver) => void;
}) {
  const observer = useRoomObserver(room, true);
  useEffect(() => onChange(observer), [observer, onChange]);
  return null;
}
