import { useCallback, useEffect, useRef, useState } from '@wordpress/element';
import { type ApiError, toApiError } from './api-client';

/** Loads data for a screen with loading and error states; `reload` after a change. */
export function useRequest<T>(load: () => Promise<T>, dependencies: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, dependencies);
  const reload = useCallback(async () => {
    const current = ++generation.current;
    setIsLoading(true);
    try {
      const result = await run();
      if (current === generation.current) {
        setData(result);
        setError(null);
      }
    } catch (thrown) {
      if (current === generation.current) setError(toApiError(thrown));
    } finally {
      if (current === generation.current) setIsLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, setData, error, isLoading, reload };
}
