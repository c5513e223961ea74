'use client';

import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useAccount, useCan } from './account-context';

export function AccountMenu() {
  const account = useAccount();
  const isAdmin = useCan('admin');
  const [leaving, setLeaving] = useState(false);
  if (!account) return null;
  return (
    <div className="flex items-center gap-3 text-xs" data-account={account.email} data-account-role={account.role}>
      <Link href="/bans" className="text-zinc-300 hover:text-zinc-100">
        Bans
      </Link>
      <Link href="/audit" className="text-zinc-300 hover:text-zinc-100">
        Audit
      </Link>
      {isAdmin && (
        <>
          <Link href="/admin" className="text-zinc-300 hover:text-zinc-100">
            Accounts
          </Link>
          <Link href="/presets" className="text-zinc-300 hover:text-zinc-100">
            Presets
          </Link>
        </>
      )}
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
