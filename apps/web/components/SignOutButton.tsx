'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { clientGraphql } from '../lib/client';

/** Ends the session on the API (which clears its cookie) and returns to the home page. */
export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="secondary"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await clientGraphql('mutation SignOut { signOut }');
        } finally {
          router.push('/');
          router.refresh();
        }
      }}
    >
      Sign out
    </button>
  );
}
