'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCan } from '@/components/account-context';
import { AppHeader } from '@/components/app-header';
import { useNow } from '@/components/use-now';
import type { ParticipantView, RoomView } from '@/lib/livekit/types';
import { HandQueue } from './hands/hand-queue';
import { IncidentBanner, IncidentButton } from './incident/incident-controls';
import { ActivityPanel, ActivityPlaceholder, IncidentDialogs, RoomDialogs, ShortcutsDialog, preloadRoomDialogs } from './lazy-parts';
import { useIdle } from '@/components/when-idle';
import { LobbyPanel } from './lobby/lobby-panel';
import { useLobbyWaiting } from './lobby/use-lobby';
import { RoomAnnouncer } from './room-announcer';
import { RoomPanelTabs, shownBelowXl, type RoomPanel } from './room-panel-tabs';
import { useTeamwork } from './teamwork/teamwork-context';
import { AlertsPanel } from './teamwork/alerts-panel';
import { ModeratorPresenceStrip } from './teamwork/moderator-presence-strip';
import { ParticipantsPanel } from './participants/participants-panel';
import { RoomHeading } from './room-heading';
import { UnmuteRequestsProvider } from './unmute-requests/unmute-requests-provider';
import { useBulkOperations } from './bulk/use-bulk-operations';
import { useConsoleShortcuts } from './use-console-shortcuts';
import { useClaimGuard } from './teamwork/use-claim-guard';
import { useEditDialog } from './edit/use-edit-dialog';
import { useHandActions } from './hands/use-hand-actions';
import { useHandQueue } from './hands/use-hand-queue';
import { useIncident } from './incident/use-incident';
import { useKickDialog } from './participants/use-kick-dialog';
import { useModeration } from './participants/use-moderation';
import { useNoticeDialog } from './participants/use-notice-dialog';
import { useParticipantRows } from './participants/use-participant-rows';
import { useRoomAdminDialogs } from './use-room-admin-dialogs';
import { useRoomData } from './use-room-data';
import { useRowActions } from './participants/use-row-actions';
import { useRowFocus } from './participants/use-row-focus';
import { useSelection } from './bulk/use-selection';
import { useSlotChoice } from './timeboxes/slot-picker';
import { TimeboxPanel } from './timeboxes/timebox-panel';
import { useTimeboxes } from './timeboxes/use-timeboxes';

const LiveObserver = dynamic(() => import('./live-observer'), { ssr: false });

/**
 * The room page: which panels it shows and where. State and handlers live in one hook per concern
 * (use-*.ts beside this file); each panel and dialog is its own component.
 */
export function RoomConsole({
  room,
  serverUrl,
  maxMetadataBytes,
  initialParticipants,
  initialRoom,
}: {
  room: string;
  serverUrl: string;
  maxMetadataBytes: number;
  initialParticipants?: ParticipantView[];
  initialRoom?: RoomView;
}) {
  const canModerate = useCan('moderate');
  const canAdmin = useCan('admin');
  const now = useNow(30_000);
  const data = useRoomData(room, initialParticipants, initialRoom);
  const { all } = data;
  const { filter, setFilter, rows, listable, present, counts } = useParticipantRows(all, data.observer.identity);
  const searchRef = useRef<HTMLInputElement>(null);
  const { run, pending } = useModeration(room);

  const selection = useSelection(rows);
  const bulk = useBulkOperations(room, rows, selection);
  const kick = useKickDialog(room, run, all);
  const edit = useEditDialog(room, run, all);
  const notice = useNoticeDialog(room, run, all);
  const admin = useRoomAdminDialogs(room);
  const slotChoice = useSlotChoice();
  const timeboxes = useTimeboxes(room, run);
  // acting on a participant another moderator claimed asks first (claims: use-claim-guard.tsx)
  const claimGuard = useClaimGuard();
  const rowActions = useRowActions(room, run, { notify: notice.open, kick: kick.open, edit: edit.open }, slotChoice.current);
  const actions = useMemo(() => claimGuard.guardAll(rowActions), [claimGuard.guardAll, rowActions]);
  const queue = useHandQueue(room, all);
  const focus = useRowFocus(rows);
  const shortcuts = useConsoleShortcuts({ focus, actions, pending, canModerate, searchRef });
  const hands = useHandActions(room, run, queue, bulk.lowerHandsOf, slotChoice.current);
  const handGuard = useMemo(() => claimGuard.guardAll({ approve: hands.approve, dismiss: hands.dismiss }), [claimGuard.guardAll, hands.approve, hands.dismiss]);
  const nameOf = useCallback((identity: string) => all.find((p) => p.identity === identity)?.name || identity, [all]);
  const incident = useIncident(room, all);
  const [panel, setPanel] = useState<RoomPanel>('participants');
  const knocking = useLobbyWaiting(room);
  const teamwork = useTeamwork();
  const alertCount = teamwork ? teamwork.alerts.length + teamwork.waitingHands.size : undefined;
  const below = (id: RoomPanel) => shownBelowXl(id, panel);
  // the dialogs and the activity panel load once the first paint is done (lazy-parts.tsx)
  const idle = useIdle();
  const [dialogsLoaded, setDialogsLoaded] = useState(false);
  useEffect(() => {
    if (idle) void preloadRoomDialogs().then(() => setDialogsLoaded(true));
  }, [idle]);

  return (
    <UnmuteRequestsProvider room={room} canModerate={canModerate}>
      {data.loaded && <LiveObserver room={room} onChange={data.setObserver} />}
      <AppHeader serverUrl={serverUrl} status={data.status}>
        <Link href="/" className="inline-flex min-h-6 items-center hover:text-zinc-100 pointer-coarse:min-h-11">
          Rooms
        </Link>
        <span aria-hidden>/</span>
        <span className="truncate font-medium text-zinc-100">{room}</span>
      </AppHeader>
      <main className="mx-auto max-w-[1800px] px-4 py-4" data-dialogs-loaded={dialogsLoaded}>
        <RoomAnnouncer
          hands={queue.map((hand) => hand.participant.identity)}
          knocking={knocking.map((entry) => entry.identity)}
          speaking={[...timeboxes.running.keys()]}
          nameOf={(identity) => knocking.find((entry) => entry.identity === identity)?.name || nameOf(identity)}
        />
        <RoomHeading
          room={room}
          counts={counts}
          present={present}
          canModerate={canModerate}
          canAdmin={canAdmin}
          onNoticeToEveryone={notice.openForEveryone}
          onEditMetadata={admin.openMetadata}
          onDelete={admin.openDelete}
          onShowShortcuts={shortcuts.openHelp}
          incidentButton={canModerate && <IncidentButton incident={incident} disabled={!data.loaded} />}
        />
        <div className="mb-3">
          <ModeratorPresenceStrip />
        </div>
        <IncidentBanner incident={incident} canModerate={canModerate} />
        {data.notice && (
          <p role="alert" data-room-notice className="mb-3 rounded-md border border-amber-800 bg-amber-950/60 px-3 py-2 text-sm text-amber-100">
            {data.notice}
          </p>
        )}
        <RoomPanelTabs
          shown={panel}
          onShow={setPanel}
          counts={{ hands: queue.length, lobby: knocking.length, slots: timeboxes.running.size, alerts: alertCount }}
        />
        <div className="xl:flex xl:items-start xl:gap-4">
          <div className={`min-w-0 xl:flex-1 ${below('participants')}`}>
            <ParticipantsPanel
              rows={rows}
              total={all.length}
              listable={listable}
              loading={data.loading}
              loaded={data.loaded}
              filter={filter}
              onFilterChange={setFilter}
              searchRef={searchRef}
              selection={selection}
              bulk={bulk}
              pending={pending}
              actions={actions}
              canModerate={canModerate}
              focus={focus}
              slots={timeboxes.table}
            />
          </div>
          {/* side panels, top to bottom at xl; below it one at a time, chosen in the tabs */}
          <aside className={`space-y-4 xl:sticky xl:top-16 xl:block xl:w-72 xl:shrink-0 ${panel === 'participants' ? 'max-xl:hidden' : ''}`}>
            <div className={below('lobby')}>
              <LobbyPanel room={room} />
            </div>
            <div className={below('slots')}>
              <TimeboxPanel
                timeboxes={timeboxes}
                slotChoice={slotChoice}
                participant={(identity) => all.find((p) => p.identity === identity) ?? null}
                nextHand={timeboxes.nextUp ? (queue[0]?.participant ?? null) : null}
                pending={pending}
                canModerate={canModerate}
              />
            </div>
            <div className={below('hands')}>
              <HandQueue
                queue={queue}
                pending={pending}
                now={now}
                canModerate={canModerate}
                onApprove={handGuard.approve}
                onDismiss={handGuard.dismiss}
                onLowerAll={hands.lowerAll}
                nextUp={timeboxes.nextUp !== null}
              />
            </div>
            <div className={below('alerts')}>
              <AlertsPanel nameOf={nameOf} />
            </div>
            <div className={below('activity')}>
              {idle ? <ActivityPanel room={room} participants={data.loaded ? all : undefined} /> : <ActivityPlaceholder />}
            </div>
          </aside>
        </div>
      </main>
      <RoomDialogs
        room={room}
        maxMetadataBytes={maxMetadataBytes}
        roomMetadata={data.roomMetadata}
        present={present}
        pending={pending}
        kick={kick}
        edit={edit}
        notice={notice}
        bulk={bulk}
        admin={admin}
      />
      <ShortcutsDialog open={shortcuts.helpOpen} onClose={shortcuts.closeHelp} canModerate={canModerate} />
      <IncidentDialogs incident={incident} />
      {claimGuard.dialog}
    </UnmuteRequestsProvider>
  );
}
