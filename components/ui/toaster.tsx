'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** A button on the toast (Undo): shown while the toast lives; the toast closes once it has run. */
export interface ToastAction {
  label: string;
  run: () => Promise<void> | void;
}

export interface Toast {
  id: number;
  kind: 'success' | 'error';
  title: string;
  description?: string;
  action?: ToastAction;
}

type ShowToast = (toast: Omit<Toast, 'id'>) => void;

const ToastContext = createContext<ShowToast>(() => {});

export function useToast(): ShowToast {
  return useContext(ToastContext);
}

const LIFETIME_MS = { success: 3_500, error: 8_000 } as const;
/** how long a toast with an action (Undo) offers it */
export const ACTION_LIFETIME_MS = 10_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const show = useCallback<ShowToast>((toast) => {
    const id = nextId.current++;
    setToasts((current) => [...current.slice(-4), { ...toast, id }]);
  }, []);
  const value = useMemo(() => show, [show]);
  const layer = useToastLayer();

  return (
    <ToastContext.Provider value={value}>
      {children}
      {layer &&
        createPortal(
          <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100%-2rem)] flex-col gap-2">
            {toasts.map((toast) => (
              <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
            ))}
          </div>,
          layer,
        )}
    </ToastContext.Provider>
  );
}

/**
 * Where the toasts render: a modal <dialog> makes the rest of the page inert, so while one is open
 * (the Edit dialog after a preset, a bulk run's summary) the toasts' element moves into it and Undo
 * stays clickable. The element is moved, not re-rendered: a toast keeps its timer and state.
 */
function useToastLayer(): HTMLElement | null {
  const [layer, setLayer] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const element = document.createElement('div');
    element.dataset.toastLayer = '';
    const place = () => {
      const modal = [...document.querySelectorAll('dialog[open]')].filter((dialog) => dialog.matches(':modal')).at(-1);
      const host = modal ?? document.body;
      if (element.parentElement !== host) host.appendChild(element);
    };
    place();
    // a dialog opens or closes (its open attribute), or is unmounted while open, taking the element along
    const observer = new MutationObserver((records) => {
      if (!element.isConnected || records.some((record) => record.type === 'attributes')) place();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['open'] });
    setLayer(element);
    return () => {
      observer.disconnect();
      element.remove();
    };
  }, []);
  return layer;
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [running, setRunning] = useState(false);
  const lifetime = toast.action ? ACTION_LIFETIME_MS : LIFETIME_MS[toast.kind];
  useEffect(() => {
    // an action that is running keeps its toast until it ends
    if (running) return;
    const timer = setTimeout(() => onDismiss(toast.id), lifetime);
    return () => clearTimeout(timer);
  }, [lifetime, onDismiss, running, toast.id]);

  const runAction = async () => {
    if (!toast.action || running) return;
    setRunning(true);
    try {
      await toast.action.run();
    } finally {
      onDismiss(toast.id);
    }
  };

  return (
    <div
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-toast={toast.kind}
      className={`pointer-events-auto overflow-hidden rounded-lg border text-sm shadow-lg ${
        toast.kind === 'error' ? 'border-red-800 bg-red-950 text-red-100' : 'border-emerald-800 bg-emerald-950 text-emerald-100'
      }`}
    >
      <div className="px-4 py-3">
        <div className="flex items-start justify-between gap-3">
          <p className="font-medium">{toast.title}</p>
          <div className="flex shrink-0 items-center gap-2">
            {toast.action && (
              <button
                type="button"
                onClick={() => void runAction()}
                disabled={running}
                aria-busy={running || undefined}
                data-toast-action
                className="rounded-md border border-current/40 px-2 py-0.5 text-xs font-semibold hover:bg-white/10 disabled:opacity-60"
              >
                {running ? `${toast.action.label}…` : toast.action.label}
              </button>
            )}
            <button type="button" onClick={() => onDismiss(toast.id)} className="text-xs opacity-70 hover:opacity-100" aria-label="Dismiss">
              ✕
            </button>
          </div>
        </div>
        {toast.description && <p className="mt-1 text-xs opacity-90">{toast.description}</p>}
      </div>
      {toast.action && !running && (
        <div
          aria-hidden
          data-countdown-bar
          className="h-0.5 origin-left bg-current/50"
          style={{ animation: `toast-countdown ${ACTION_LIFETIME_MS}ms linear forwards` }}
        />
      )}
    </div>
  );
}
