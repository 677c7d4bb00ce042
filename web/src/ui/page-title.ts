import { useEffect } from 'react';

/** Each screen names itself in the tab and in what a screen reader announces on arrival. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – Palliance` : 'Palliance';
  }, [title]);
}
