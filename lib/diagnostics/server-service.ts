import 'server-only';
import { listRooms } from '@/lib/livekit';
import { remoteUnmutePolicy } from '@/lib/unmute-requests/policy-service';
import type { Check } from './shared';

/**
 * What LiveKit's server APIs cannot simply tell: its version (only a joining participant's join
 * response carries server_info; RoomService and the HTTP health check do not, and the console
 * never joins a room) and whether remote unmute is on (learnt from an unmute request to someone in
 * a room, as the console's Unmute button does: lib/unmute-requests/policy-service.ts).
 */
export async function livekitServerChecks(): Promise<Check[]> {
  return [VERSION, await remoteUnmuteCheck()];
}

const VERSION: Check = {
  id: 'livekit.version',
  section: 'livekit',
  label: 'Server version',
  status: 'info',
  detail:
    'unknown: LiveKit tells its version only to a participant that joins a room (the join response), not through its server API; `livekit-server --version` on its host, or its "starting LiveKit server" log line, shows it',
};

const unknown = (reason: string): Check => ({ id: 'livekit.remote-unmute', section: 'livekit', label: 'Remote unmute', status: 'info', detail: `unknown: ${reason}` });

/** Rooms asked at most: ListRooms' participant counts lag joins, so the fullest few are each asked for someone to probe. */
const ROOMS_ASKED = 3;

async function remoteUnmuteCheck(): Promise<Check> {
  try {
    const rooms = (await listRooms()).sort((a, b) => b.numParticipants - a.numParticipants).slice(0, ROOMS_ASKED);
    for (const room of rooms) {
      const allowed = await remoteUnmutePolicy(room.name);
      if (allowed !== null) return remoteUnmute(allowed);
    }
    return unknown('nobody is in any room to ask with (LiveKit tells only through an unmute request to a participant); look again during a session');
  } catch (error) {
    return unknown(`LiveKit could not be asked (${error instanceof Error ? error.message : String(error)})`);
  }
}

function remoteUnmute(allowed: boolean): Check {
  return {
    id: 'livekit.remote-unmute',
    section: 'livekit',
    label: 'Remote unmute',
    status: 'info',
    detail: allowed
      ? 'on (room.enable_remote_unmute): Unmute turns a participant\'s microphone back on directly'
      : 'off: moderators ask participants to unmute themselves (room.enable_remote_unmute: true in LiveKit\'s config allows a direct unmute)',
  };
}
