import type { ButtonHTMLAttributes } from 'react';

const VARIANTS = {
  primary: 'bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-950 disabled:text-indigo-200/80',
  secondary: 'bg-zinc-800 text-zinc-100 hover:bg-zinc-700 disabled:bg-zinc-800/60',
  danger: 'bg-red-700 text-white hover:bg-red-600 disabled:bg-red-950 disabled:text-red-200/80',
  ghost: 'bg-transparent text-zinc-300 hover:bg-zinc-800 disabled:text-zinc-500',
} as const;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof VARIANTS;
  size?: 'sm' | 'md';
  pending?: boolean;
}

export function Button({ variant = 'secondary', size = 'sm', pending = false, className = '', children, disabled, ...props }: ButtonProps) {
  // a finger needs 44 px (WCAG 2.5.5); a mouse gets the compact console
  const sizing = size === 'sm' ? 'h-7 px-2.5 text-xs pointer-coarse:h-11 pointer-coarse:min-w-11' : 'h-9 px-3.5 text-sm pointer-coarse:h-11';
  return (
    <button
      type="button"
      {...props}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400 disabled:cursor-not-allowed ${sizing} ${VARIANTS[variant]} ${className}`}
    >
      {pending && <span className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
      {children}
    </button>
  );
}
