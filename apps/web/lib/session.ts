import { graphql } from './api';

/** The signed-in user as the top bar and pages need it. */
export interface Viewer {
  id: string;
  email: string;
  displayName: string;
}

/** The signed-in user, or null when signed out or when the API cannot tell. */
export async function getViewer(): Promise<Viewer | null> {
  try {
    const data = await graphql<{ viewer: Viewer | null }>('query Viewer { viewer { id email displayName } }');
    return data.viewer;
  } catch {
    return null;
  }
}
