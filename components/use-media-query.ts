'use client';

import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether a CSS media query matches, kept current. The server (and the first, hydrating render)
 * answers false, so markup that depends on it must look right either way.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Below Tailwind's `lg` (1024 px: phones, tablets upright) the participant table becomes one card per participant. */
export const CARDS_QUERY = '(max-width: 1023.98px)';
