export const queryKeys = {
  all: ['stagekeeper'] as const,
  rooms: () => [...queryKeys.all, 'rooms'] as const,
  room: (room: string) => [...queryKeys.rooms(), room] as const,
  participants: (room: string) => [...queryKeys.room(room), 'participants'] as const,
  lobby: (room: string) => [...queryKeys.room(room), 'lobby'] as const,
  history: (room: string, identity: string) => [...queryKeys.room(room), 'history', identity] as const,
  activity: (room: string) => [...queryKeys.room(room), 'activity'] as const,
  timeboxes: (room: string) => [...queryKeys.room(room), 'timeboxes'] as const,
  claims: (room: string) => [...queryKeys.room(room), 'claims'] as const,
  alerts: (room: string) => [...queryKeys.room(room), 'alerts'] as const,
  bans: () => [...queryKeys.all, 'bans'] as const,
  incident: (room: string) => [...queryKeys.all, 'incident', room] as const,
};
