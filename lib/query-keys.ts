export const queryKeys = {
  all: ['stagekeeper'] as const,
  rooms: () => [...queryKeys.all, 'rooms'] as const,
  room: (room: string) => [...queryKeys.rooms(), room] as const,
  participants: (room: string) => [...queryKeys.room(room), 'participants'] as const,
  claims: (room: string) => [...queryKeys.room(room), 'claims'] as const,
  alerts: (room: string) => [...queryKeys.room(room), 'alerts'] as const,
  bans: () => [...queryKeys.all, 'bans'] as const,
};
