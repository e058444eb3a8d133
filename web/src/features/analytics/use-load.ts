// Loading one answer per key for a screen: an answer that arrives for an older key (the user changed the period
// meanwhile) is dropped, so a slow old answer never replaces a newer one.
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "../../api.js";

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** Loads once per key (null: nothing to load); an answer for an older key is dropped. */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: string | null }>({
    key: null,
    data: null,
    error: null,
  });
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    if (key === null) return;
    let live = true;
    loader.current().then(
      (data) => live && setState({ key, data, error: null }),
      (e: unknown) => live && setState({ key, data: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const current = key !== null && state.key === key;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: key !== null && !current,
  };
}
