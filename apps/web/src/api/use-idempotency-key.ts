import { useCallback, useRef } from 'react';

/**
 * One Idempotency-Key per submission attempt: the same key until the form changes or succeeds,
 * so a double click or a retry of the same content cannot create the record twice.
 */
export function useIdempotencyKey(): { key: () => string; reset: () => void } {
  const current = useRef<string | null>(null);
  const key = useCallback(() => (current.current ??= crypto.randomUUID()), []);
  const reset = useCallback(() => { current.current = null; }, []);
  return { key, reset };
}
