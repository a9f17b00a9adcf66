'use client';

/** Shown when a page fails to render, e.g. when the API is unreachable; the message is the API's own. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main>
      <h1>Something went wrong</h1>
      <p className="error" role="alert">
        {error.message || 'The page could not be rendered.'}
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
