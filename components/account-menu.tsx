'use client';

import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
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

export function AccountMenu() {
  const account = useAccount();
  const isAdmin = useCan('admin');
  const [leaving, setLeaving] = useState(false);
  if (!account) return null;
  return (
    <div className="flex items-center gap-3 text-xs" data-account={account.email} data-account-role={account.role}>
      {PAGES.filter((page) => !page.adminOnly || isAdmin).map(({ href, label }) => (
        <Link key={href} href={href} className="text-zinc-300 hover:text-zinc-100">
          {label}
        </Link>
      ))}
      <span className="text-zinc-400" title={account.name || account.email}>
        {account.email} · <span className="text-zinc-200">{account.role}</span>
      </span>
      <Button
        variant="ghost"
        pending={leaving}
        onClick={async () => {
          setLeaving(true);
          await signOut({ redirect: false });
          window.location.assign('/signin');
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
