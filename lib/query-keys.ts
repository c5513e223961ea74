export const queryKeys = {
  all: ['stagekeeper'] as const,
  rooms: () => [...queryKeys.all, 'rooms'] as const,
  room: (room: string) => [...queryKeys.rooms(), room] as const,
  participants: (room: string) => [...queryKeys.room(room), 'participants'] as const,
  timeboxes: (room: string) => [...queryKeys.room(room), 'timeboxes'] as const,
  bans: () => [...queryKeys.all, 'bans'] as const,
};
