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
      <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && <span className="badge badge-warn">{unread}</span>}
    </Link>
  );
}
