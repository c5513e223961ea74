import type { ReactNode } from 'react';
import type { Account } from '@/lib/db/accounts';
import { AccountProvider } from './account-context';
import { AppHeader } from './app-header';

/** The browser gets only what it needs of the session's account: who it is and its role. */
export function SignedIn({ account, children }: { account: Account; children: ReactNode }) {
  return <AccountProvider account={{ email: account.email, name: account.name, role: account.role }}>{children}</AccountProvider>;
}

/** A page of the account menu (Bans, Audit, Accounts, Presets): the header with its title, then the page. */
export function SignedInPage({
  account,
  title,
  narrow = false,
  children,
}: {
  account: Account;
  title: string;
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <SignedIn account={account}>
      <AppHeader>
        <span className="font-medium text-zinc-100">{title}</span>
      </AppHeader>
      <main className={`mx-auto ${narrow ? 'max-w-[1200px]' : 'max-w-[1600px]'} px-4 py-4`}>{children}</main>
    </SignedIn>
  );
}
