import { useCallback, useEffect, useState } from 'react';
import { api, asApiError, type ApiError } from './client';

type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: ApiError };

/** Reads one API resource; `reload` fetches it again and keeps the old data on screen meanwhile. */
export function useApiGet<T>(path: string): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    api.get<T>(path).then(
      (data) => { if (current) setState({ status: 'ready', data }); },
      (error: unknown) => { if (current) setState({ status: 'failed', error: asApiError(error) }); },
    );
    return () => { current = false; };
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return [state, reload];
}
