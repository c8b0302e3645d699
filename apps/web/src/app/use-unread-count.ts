import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Notification } from '../api/types';

/** Unread notifications, asked for again on every page change and whenever `refresh` is called. */
export function useUnreadCount(path: string): [number, () => void] {
  const [count, setCount] = useState(0);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    api.get<{ notifications: Notification[] }>('/notifications').then(
      ({ notifications }) => { if (current) setCount(notifications.filter((notification) => !notification.readAt).length); },
      // The count is a convenience; the notifications page shows any failure in full.
      () => {},
    );
    return () => { current = false; };
  }, [path, generation]);
  const refresh = useCallback(() => setGeneration((value) => value + 1), []);
  return [count, refresh];
}
