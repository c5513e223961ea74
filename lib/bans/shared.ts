/** A ban as the Bans page shows it. */
export interface BanView {
  id: number;
  identity: string;
  room: string | null;
  reason: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  description: string;
  /** ejects that failed and are being retried, until they succeed */
  pendingEjections: PendingEjectionView[];
}

export interface PendingEjectionView {
  room: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
}
