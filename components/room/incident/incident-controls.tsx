'use client';

import { Button } from '@/components/ui/button';
import type { IncidentInfo } from '@/lib/incident/shared';
import { formatDateTime } from '@/lib/format';
import type { IncidentState } from './use-incident';

export function IncidentButton({ incident, disabled }: { incident: IncidentState; disabled: boolean }) {
  return (
    <Button variant="danger" onClick={incident.ask} disabled={disabled || incident.running !== null} data-incident-button>
      Incident…
    </Button>
  );
}

/** The room's latest incident not undone yet: who started it, when, and Undo (once it has finished). */
export function IncidentBanner({ incident, canModerate }: { incident: IncidentState; canModerate: boolean }) {
  const latest: IncidentInfo | null = incident.latest;
  if (!latest) return null;
  return (
    <div
      className="mb-3 flex flex-wrap items-center gap-3 rounded-md border border-red-900 bg-red-950/50 px-3 py-2 text-sm text-red-100"
      data-incident-banner={latest.id}
      data-incident-running={latest.running}
    >
      <span>
        Incident at {formatDateTime(Date.parse(latest.startedAt))} by {latest.startedBy ?? 'someone'}: {latest.participants} participant(s)
        quieted{latest.running ? ' so far' : ''}
        {latest.accessBefore && latest.accessBefore !== 'locked' ? `, room locked (was ${latest.accessBefore})` : ''}.
        {latest.running && ' Still running: it can be undone once it has finished.'}
      </span>
      {canModerate && (
        <Button className="ml-auto" onClick={() => void incident.undo(latest.id)} disabled={incident.running !== null || latest.running}>
          {latest.running ? 'Undo once finished' : 'Undo incident'}
        </Button>
      )}
    </div>
  );
}
