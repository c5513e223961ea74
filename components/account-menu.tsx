'use client';

import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useAccount, useCan } from './account-context';

const PAGES: Array<{ href: string; label: string; adminOnly?: boolean }> = [
  { href: '/bans', label: 'Bans' },
  { href: '/audit', label: 'Audit' },
  { href: '/account/password', label: 'Password' },
  { href: '/admin', label: 'Accounts', adminOnly: true },
  { href: '/presets', label: 'Presets', adminOnly: true },
  { href: '/admin/diagnostics', label: 'Diagnostics', adminOnly: true },
];

function SignOutButton({ className = '' }: { className?: string }) {
  const [leaving, setLeaving] = useState(false);
  return (
    <Button
      variant="ghost"
      className={className}
      pending={leaving}
      onClick={async () => {
        setLeaving(true);
        await signOut({ redirect: false });
        window.location.assign('/signin');
      }}
    >
      Sign out
    </Button>
  );
}

/** The pages, who is signed in, and Sign out: in a row from `lg`, behind a Menu button below it. */
export function AccountMenu() {
  const account = useAccount();
  const isAdmin = useCan('admin');
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const closeOutside = (event: PointerEvent) => !menuRef.current?.contains(event.target as Node) && setOpen(false);
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('pointerdown', closeOutside);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('pointerdown', closeOutside);
    };
  }, [open]);
  if (!account) return null;
  const pages = PAGES.filter((page) => !page.adminOnly || isAdmin);
  const who = (
    <>
      {account.email} · <span className="text-zinc-200">{account.role}</span>
    </>
  );
  return (
    <div className="flex items-center gap-3 text-xs" data-account={account.email} data-account-role={account.role}>
      <div className="hidden items-center gap-3 lg:flex">
        {pages.map(({ href, label }) => (
          <Link key={href} href={href} className="inline-flex min-h-6 items-center text-zinc-300 hover:text-zinc-100">
            {label}
          </Link>
        ))}
        <span className="text-zinc-400" title={account.name || account.email}>
          {who}
        </span>
        <SignOutButton />
      </div>
      <div ref={menuRef} className="relative lg:hidden">
        <Button aria-expanded={open} aria-controls="account-menu" onClick={() => setOpen((was) => !was)}>
          Menu
        </Button>
        {open && (
          <div id="account-menu" className="absolute top-full right-0 z-30 mt-2 w-64 rounded-lg border border-zinc-700 bg-zinc-900 p-2 shadow-xl">
            <p className="truncate px-2 py-1 text-zinc-400" title={account.name || account.email}>
              {who}
            </p>
            <ul>
              {pages.map(({ href, label }) => (
                <li key={href}>
                  <Link href={href} onClick={() => setOpen(false)} className="flex h-11 items-center rounded-md px-2 text-sm text-zinc-200 hover:bg-zinc-800">
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
            <SignOutButton className="mt-1 w-full" />
          </div>
        )}
      </div>
    </div>
  );
}
