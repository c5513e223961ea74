import 'server-only';
import { database } from '@/lib/db';
import { notifyRoomChange } from '@/lib/events/room-events-store';

/**
 * Tells every replica's room pages (and held ticket requests) that the room's access mode or lobby
 * changed; they read it again. Never throws: pages also poll, and the change itself is made.
 */
export async function publishLobbyChange(room: string): Promise<void> {
  try {
    await notifyRoomChange(await database(), { kind: 'lobby_changed', room, at: Date.now() });
  } catch (error) {
    console.error(`[lobby] could not publish a lobby change of ${room}`, error);
  }
}
