import { ExplorerLoader } from './ExplorerLoader';

export const metadata = { title: 'API explorer · scSAMAC' };

/** The GraphQL API explorer: the same API the app uses, with the signed-in user's access. */
export default function ExplorerPage() {
  return (
    <main className="wide">
      <h1>API explorer</h1>
      <p className="muted">
        Queries run as you, against <code>/graphql</code>. Scripts can use the same endpoint with an API token
        in an <code>Authorization: Bearer</code> header.
      </p>
      <ExplorerLoader />
    </main>
  );
}
