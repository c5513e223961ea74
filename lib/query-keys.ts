export const queryKeys = {
  all: ['stagekeeper'] as const,
  rooms: () => [...queryKeys.all, 'rooms'] as const,
  room: (room: string) => [...queryKeys.rooms(), room] as const,
  participants: (room: string) => [...queryKeys.room(room), 'participants'] as const,
  unmuteRequests: (room: string) => [...queryKeys.room(room), 'unmute-requests'] as const,
  remoteUnmute: (room: string) => [...queryKeys.room(room), 'remote-unmute'] as const,
  bans: () => [...queryKeys.all, 'bans'] as const,
};
