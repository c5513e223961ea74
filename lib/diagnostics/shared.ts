/** One line of the setup check: green (ok), red (fail) with the fix in one sentence, or plain information. */
export type CheckStatus = 'ok' | 'fail' | 'info';

export type CheckSection = 'livekit' | 'webhooks' | 'database' | 'replicas' | 'jobs' | 'console';

export interface Check {
  id: string;
  section: CheckSection;
  label: string;
  status: CheckStatus;
  detail: string;
  /** what to change, in one sentence; only on a failed check */
  fix?: string;
  /** something an admin copies (the webhook URL) */
  copy?: string;
}

export const SECTION_TITLES: Record<CheckSection, string> = {
  livekit: 'LiveKit',
  webhooks: 'Webhooks',
  database: 'Database',
  replicas: 'Replicas',
  jobs: 'Background jobs (this replica)',
  console: 'Console',
};

export const WEBHOOK_PATH = '/api/livekit/webhook';

export function failedChecks(checks: readonly Check[]): Check[] {
  return checks.filter((check) => check.status === 'fail');
}

const MARKS: Record<CheckStatus, { mark: string; color: string }> = {
  ok: { mark: '✔', color: '\u001b[32m' },
  fail: { mark: '✘', color: '\u001b[31m' },
  info: { mark: '·', color: '\u001b[2m' },
};

/** The doctor's lines: one per check, the fix under a failed one; colours only for a terminal. */
export function formatChecks(checks: readonly Check[], { color }: { color: boolean }): string {
  const paint = (status: CheckStatus, text: string) => (color ? `${MARKS[status].color}${text}\u001b[0m` : text);
  const lines: string[] = [];
  let section: CheckSection | undefined;
  for (const check of checks) {
    if (check.section !== section) {
      section = check.section;
      lines.push('', SECTION_TITLES[section]);
    }
    lines.push(`  ${paint(check.status, MARKS[check.status].mark)} ${check.label}: ${check.detail}`);
    if (check.fix) lines.push(`      fix: ${check.fix}`);
  }
  const failed = failedChecks(checks).length;
  lines.push('', failed === 0 ? paint('ok', 'Everything checked is wired.') : paint('fail', `${failed} check${failed === 1 ? '' : 's'} failed.`));
  return lines.join('\n');
}

export function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

export function bytes(value: number): string {
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  if (value < 1024 ** 3) return `${(value / 1024 / 1024).toFixed(1)} MiB`;
  return `${(value / 1024 ** 3).toFixed(2)} GiB`;
}
