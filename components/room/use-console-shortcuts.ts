'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useToast } from '@/components/ui/toaster';
import { stageRole } from '@/lib/presets/shared';
import type { ParticipantView } from '@/lib/livekit/types';
import type { RowActions } from './participants/participant-row';
import { isTyping, SHORTCUTS, type ShortcutKey } from './shortcuts';
import { displayName } from './participants/use-moderation';
import type { RowFocus } from './participants/use-row-focus';

interface ShortcutTargets {
  focus: RowFocus;
  actions: RowActions;
  pending: ReadonlySet<string>;
  canModerate: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
}

type Refusal = string;

/** Runs a row's key through the same handler as the row's button, or says why it does not. */
function moderate(key: ShortcutKey, p: ParticipantView, { actions, pending }: ShortcutTargets): Refusal | null {
  const role = stageRole(p.permission);
  const onStage = role === 'speaker' || role === 'host';
  const stageBusy = pending.has(`stage:${p.identity}`);
  switch (key) {
    case 'p':
      if (role === 'hidden') return `${displayName(p)} is hidden and cannot be promoted`;
      if (onStage) return `${displayName(p)} is already on stage`;
      if (!stageBusy) actions.promote(p);
      return null;
    case 'd':
      if (!onStage) return `${displayName(p)} is not on stage`;
      if (!stageBusy) actions.demote(p);
      return null;
    case 'm': {
      const microphone = p.tracks.find((track) => track.source === 'microphone');
      if (!microphone) return `${displayName(p)} has no microphone track`;
      if (microphone.muted) return `${displayName(p)}'s microphone is already muted`;
      if (!pending.has(`mute:${p.identity}:${microphone.sid}`)) actions.setMuted(p, microphone, true);
      return null;
    }
    case 'x':
      actions.kick(p);
      return null;
    case 'e':
      actions.edit(p);
      return null;
    default:
      return null;
  }
}

function focusHandQueue(): Refusal | null {
  const queue = document.querySelector<HTMLElement>('[data-hand-queue]');
  if (!queue || queue.getClientRects().length === 0) return 'The hand queue shows on wider screens; filter by "Hand raised" instead';
  (queue.querySelector<HTMLElement>('[data-queued] button[data-approve]:not(:disabled)') ?? queue).focus();
  return null;
}

/**
 * The room console's keyboard: `j`/`k` move the focused row, row keys act on it through the row's own
 * handlers (so permissions, conflicts and the audit stay those of the buttons). Keys never fire while
 * the moderator types or a dialog is open.
 */
export function useConsoleShortcuts(targets: ShortcutTargets) {
  const toast = useToast();
  const [helpOpen, setHelpOpen] = useState(false);
  const latest = useRef(targets);
  useLayoutEffect(() => {
    latest.current = targets;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const shortcut = SHORTCUTS.find(({ key }) => key === event.key);
      if (!shortcut) return;
      event.preventDefault();
      const current = latest.current;
      const refuse = (title: string, description?: string) => toast({ kind: 'error', title, description });
      if (shortcut.moderates) {
        const participant = current.focus.participant;
        if (!current.canModerate) return refuse(`${shortcut.label} needs the moderator role`, 'Your role can watch this room but not change it.');
        if (!participant) return refuse('No row is focused', 'Press j or k to focus a row first.');
        const refusal = moderate(shortcut.key, participant, current);
        if (refusal) refuse(refusal);
        return;
      }
      if (shortcut.key === 'j') current.focus.move(1);
      else if (shortcut.key === 'k') current.focus.move(-1);
      else if (shortcut.key === '/') current.searchRef.current?.focus();
      else if (shortcut.key === '?') setHelpOpen(true);
      else if (shortcut.key === 'h') {
        const refusal = focusHandQueue();
        if (refusal) refuse(refusal);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toast]);

  return { helpOpen, openHelp: useCallback(() => setHelpOpen(true), []), closeHelp: useCallback(() => setHelpOpen(false), []) };
}
