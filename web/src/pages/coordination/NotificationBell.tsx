import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { unreadCount } from '../../api/coordination';

/** The unread count, linked to the notifications page; to place in the header for signed-in users. */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const location = useLocation();
  useEffect(() => {
    const controller = new AbortController();
    const load = () => unreadCount(controller.signal).then((r) => setUnread(r.unread), () => {});
    void load();
    const timer = window.setInterval(load, 60_000);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [location.pathname]);
  return (
    <Link to="/notifications" aria-label={unread ? `Notifications : ${unread} non lue${unread > 1 ? 's' : ''}` : 'Notifications'}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 && <span className="badge badge-warn">{unread}</span>}
    </Link>
  );
}
