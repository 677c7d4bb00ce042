import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '@palliance/core';
import { getSession, logout } from '../api/accounts';
import { ApiError } from '../api/http';
import { SessionContext, type Session } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setMe((await getSession()).user);
    } catch (err) {
      // A failure here must not block every page: treat it as signed out.
      if (!(err instanceof ApiError) || err.status !== 401) console.warn(err);
      setMe(null);
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<Session>(() => ({ me, setMe, refresh, signOut }), [me, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
