'use client';

import { DeleteRoomDialog, RoomMetadataDialog } from '@/components/rooms/room-admin-dialogs';
import { BulkConfirmDialog, BulkProgressDialog } from './bulk/bulk-actions';
import { EditParticipantDialog } from './edit/edit-participant-dialog';
import { KickDialog } from './participants/kick-dialog';
import { NoticeDialog } from './participants/notice-dialog';
import type { BulkOperations } from './bulk/use-bulk-operations';
import type { EditDialogState } from './edit/use-edit-dialog';
import type { KickDialogState } from './participants/use-kick-dialog';
import type { NoticeDialogState } from './participants/use-notice-dialog';
import type { RoomAdminDialogs } from './use-room-admin-dialogs';

/** Every dialog of the room page; each one's state and handlers live in its own hook (use-*-dialog). */
export function RoomDialogs({
  room,
  maxMetadataBytes,
  roomMetadata,
  present,
  pending,
  kick,
  edit,
  notice,
  bulk,
  admin,
}: {
  room: string;
  maxMetadataBytes: number;
  roomMetadata: string;
  present: number;
  pending: ReadonlySet<string>;
  kick: KickDialogState;
  edit: EditDialogState;
  notice: NoticeDialogState;
  bulk: BulkOperations;
  admin: RoomAdminDialogs;
}) {
  return (
    <>
      <KickDialog
        room={room}
        participant={kick.participant}
        pending={kick.participant ? pending.has(`kick:${kick.participant.identity}`) : false}
        onConfirm={(p) => void kick.confirm(p)}
        onBan={(p, ban) => void kick.ban(p, ban)}
        onClose={kick.close}
      />
      <EditParticipantDialog
        room={room}
        participant={edit.participant}
        maxMetadataBytes={maxMetadataBytes}
        handlers={edit.handlers}
        onClose={edit.close}
      />
      <NoticeDialog room={room} target={notice.target} onSend={notice.send} onClose={notice.close} />
      <BulkConfirmDialog previewed={bulk.confirming} onConfirm={bulk.confirm} onClose={bulk.cancel} />
      <BulkProgressDialog run={bulk.run} onClose={bulk.clearRun} />
      {admin.open === 'metadata' && (
        <RoomMetadataDialog room={room} metadata={roomMetadata} open onClose={admin.close} onSave={admin.saveMetadata} />
      )}
      <DeleteRoomDialog
        room={room}
        participantCount={present}
        open={admin.open === 'delete'}
        onClose={admin.close}
        onDelete={admin.remove}
      />
    </>
  );
}
