import { createContext, useContext } from 'react';
import type { Me } from '@palliance/core';

export interface Session {
  /** undefined while the first /me answer is awaited; null when nobody is signed in. */
  me: Me | null | undefined;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function isAdmin(me: Me | null | undefined): boolean {
  return !!me?.roles.some((r) => r.role === 'admin');
}
