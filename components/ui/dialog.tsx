'use client';

import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from './button';

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}

/** A native modal <dialog>: focus is trapped, Esc closes it, the page behind is inert. */
export function Dialog({ open, onClose, title, children, footer, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${wide ? 'max-w-2xl' : 'max-w-md'} rounded-xl border border-zinc-700 bg-zinc-900 p-0 text-zinc-100 shadow-2xl backdrop:bg-black/60`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <header className="flex items-center justify-between border-b border-zinc-800 px-5 py-3">
            <h2 className="text-base font-semibold">{title}</h2>
            <button
              type="button"
              onClick={onClose}
              className="grid min-h-6 min-w-6 place-items-center rounded p-1 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 pointer-coarse:min-h-11 pointer-coarse:min-w-11"
              aria-label="Close dialog"
            >
              ✕
            </button>
          </header>
          <div className="min-w-0 overflow-y-auto px-5 py-4">{children}</div>
          {footer && <footer className="flex flex-wrap justify-end gap-2 border-t border-zinc-800 px-5 py-3 *:h-auto *:min-h-9 *:max-w-full *:py-1.5 *:whitespace-normal">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}

/** `pending` while a submit runs; the submit resolves true when it succeeded. */
export function usePendingSubmit() {
  const [pending, setPending] = useState(false);
  const submit = useCallback(async (work: () => Promise<boolean>) => {
    setPending(true);
    try {
      return await work();
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, submit };
}

export interface DialogAction {
  label: ReactNode;
  variant?: ButtonProps['variant'];
  /** why the action cannot run yet; the button is disabled while there is one */
  blocked?: boolean;
  autoFocus?: boolean;
  /** resolves true when it succeeded, which closes the dialog */
  run: () => Promise<boolean>;
}

/** A dialog whose footer is Cancel and one action: pending while the action runs, closed when it succeeds. */
export function ActionDialog({ action, ...dialog }: Omit<DialogProps, 'footer'> & { action: DialogAction }) {
  const { pending, submit } = usePendingSubmit();
  return (
    <Dialog
      {...dialog}
      footer={
        <>
          <Button size="md" onClick={dialog.onClose}>
            Cancel
          </Button>
          <Button
            size="md"
            variant={action.variant ?? 'primary'}
            pending={pending}
            disabled={action.blocked}
            autoFocus={action.autoFocus}
            onClick={() => void submit(action.run).then((ok) => ok && dialog.onClose())}
          >
            {action.label}
          </Button>
        </>
      }
    />
  );
}
