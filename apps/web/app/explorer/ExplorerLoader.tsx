'use client';
import dynamic from 'next/dynamic';

// GraphiQL and Monaco touch `window` when imported, so they load in the browser only.
const GraphiQLExplorer = dynamic(() => import('./GraphiQLExplorer'), {
  ssr: false,
  loading: () => <p role="status">Loading the explorer…</p>,
});

export function ExplorerLoader() {
  return <GraphiQLExplorer />;
}
