'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { useToast } from '@/components/ui/toaster';
import { deleteRoom, updateRoomMetadata } from '@/lib/rooms/admin-actions';
import { queryKeys } from '@/lib/query-keys';

/** The admin's dialogs about the room itself: its metadata, and deleting it. */
export function useRoomAdminDialogs(room: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState<'metadata' | 'delete' | null>(null);

  const saveMetadata = async (metadata: string) => {
    const result = await updateRoomMetadata({ room, metadata });
    if (!result.ok) {
      toast({ kind: 'error', title: 'Could not save the room metadata', description: result.error.message });
      return false;
    }
    queryClient.setQueryData(queryKeys.room(room), result.data);
    toast({ kind: 'success', title: `Saved the metadata of ${room}` });
    return true;
  };

  const remove = async () => {
    const result = await deleteRoom({ room });
    if (!result.ok) {
      toast({ kind: 'error', title: `Could not delete ${room}`, description: result.error.message });
      return false;
    }
    toast({ kind: 'success', title: `Deleted ${room}` });
    router.push('/');
    return true;
  };

  return {
    open,
    openMetadata: useCallback(() => setOpen('metadata'), []),
    openDelete: useCallback(() => setOpen('delete'), []),
    close: useCallback(() => setOpen(null), []),
    saveMetadata,
    remove,
  };
}

export type RoomAdminDialogs = ReturnType<typeof useRoomAdminDialogs>;
