'use client';

import dynamic from 'next/dynamic';

// What the room page does not show at first paint loads once the browser is idle after it
// (room-console.tsx), outside the page's first-load JavaScript: the dialogs, closed until someone
// opens one and in memory before anyone can, and the activity panel with its chart library.
const loadRoomDialogs = () => import('./room-dialogs');
const loadIncidentDialogs = () => import('./incident/incident-dialogs');
const loadShortcutsDialog = () => import('./shortcuts-dialog');

export const RoomDialogs = dynamic(() => loadRoomDialogs().then((m) => m.RoomDialogs), { ssr: false });
export const IncidentDialogs = dynamic(() => loadIncidentDialogs().then((m) => m.IncidentDialogs), { ssr: false });
export const ShortcutsDialog = dynamic(() => loadShortcutsDialog().then((m) => m.ShortcutsDialog), { ssr: false });

export function preloadRoomDialogs(): Promise<unknown> {
  return Promise.all([loadRoomDialogs(), loadIncidentDialogs(), loadShortcutsDialog()]);
}

/** The activity panel's room: its frame, until the panel (and uPlot after it) has loaded. */
export function ActivityPlaceholder() {
  return <div aria-hidden className="mb-4 h-48 animate-pulse rounded-lg border border-zinc-800" />;
}

export const ActivityPanel = dynamic(() => import('./history/activity-panel').then((m) => m.ActivityPanel), {
  ssr: false,
  loading: ActivityPlaceholder,
});
