import { useEffect, useState } from 'react';
import type { CatalogActivity } from '../../../compiler';
import { api } from '../api';

export interface CatalogState {
  /** Undefined while loading; empty when it could not be loaded. */
  activities?: CatalogActivity[];
  failed: boolean;
}

/** The activity types (AI and built-in), in the shape the compiler checks service tasks against. */
export function useCatalog(): CatalogState {
  const [state, setState] = useState<CatalogState>({ failed: false });
  useEffect(() => {
    let current = true;
    api.catalog().then(
      ({ compilerCatalog }) => current && setState({ activities: compilerCatalog, failed: false }),
      () => current && setState({ activities: [], failed: true }),
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}
