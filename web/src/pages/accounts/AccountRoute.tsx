import { RequireAuth } from '../../session/RequireAuth';
import { AccountPage } from './AccountPage';

export function AccountRoute() {
  return (
    <RequireAuth>
      <AccountPage />
    </RequireAuth>
  );
}
