'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { roleAllows, type Access, type Role } from '@/lib/auth/roles';

export interface SignedInAccount {
  email: string;
  name: string;
  role: Role;
}

const AccountContext = createContext<SignedInAccount | null>(null);

/** Set by each page from its server-side session check; the browser only uses it to hide what it cannot do. */
export function AccountProvider({ account, children }: { account: SignedInAccount; children: ReactNode }) {
  return <AccountContext.Provider value={account}>{children}</AccountContext.Provider>;
}

export function useAccount(): SignedInAccount | null {
  return useContext(AccountContext);
}

export function useCan(access: Access): boolean {
  const account = useAccount();
  return account !== null && roleAllows(account.role, access);
}
