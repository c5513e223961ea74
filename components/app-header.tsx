import Link from 'next/link';
import type { ReactNode } from 'react';
import { AccountMenu } from './account-menu';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'polling' | 'error';

const STATUS: Record<LiveStatus, { label: string; dot: string }> = {
  connecting: { label: 'Connecting', dot: 'bg-amber-400 animate-pulse' },
  live: { label: 'Live', dot: 'bg-emerald-400' },
  reconnecting: { label: 'Reconnecting', dot: 'bg-amber-400 animate-pulse' },
  offline: { label: 'Offline', dot: 'bg-red-500' },
  polling: { label: 'Auto-refresh', dot: 'bg-sky-400' },
  error: { label: 'LiveKit error', dot: 'bg-red-500' },
};

export function AppHeader({
  serverUrl,
  status,
  children,
}: {
  serverUrl?: string;
  status?: LiveStatus;
  children?: ReactNode;
}) {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-800 bg-zinc-950/95 backdrop-blur">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-3 px-4 sm:gap-4">
        <Link href="/" className="flex min-h-6 shrink-0 items-center gap-2 text-sm pointer-coarse:min-h-11 pointer-coarse:min-w-11 font-semibold tracking-tight">
          <span className="grid size-6 place-items-center rounded bg-indigo-600 text-xs font-bold text-white" aria-hidden>
            S
          </span>
          <span className="max-sm:sr-only">Stagekeeper</span>
        </Link>
        {children && <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-2 text-sm text-zinc-400">{children}</nav>}
        <div className="ml-auto flex shrink-0 items-center gap-3 text-xs text-zinc-400">
          {serverUrl && (
            <span className="hidden font-mono xl:inline" title="LiveKit server this dashboard manages">
              {serverUrl}
            </span>
          )}
          {status && (
            <span
              className="flex items-center gap-1.5 rounded-full border border-zinc-800 px-2 py-0.5"
              data-live-status={status}
              title="Live connection"
            >
              <span className={`size-2 rounded-full ${STATUS[status].dot}`} aria-hidden />
              {STATUS[status].label}
            </span>
          )}
          <AccountMenu />
        </div>
      </div>
    </header>
  );
}
