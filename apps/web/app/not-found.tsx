import Link from 'next/link';

/** Shown for missing pages and for anything the signed-in user may not see (which the API reports the same way). */
export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <p>There is nothing here, or you do not have access to it.</p>
      <p>
        <Link href="/projects">Back to your projects</Link>
      </p>
    </main>
  );
}
