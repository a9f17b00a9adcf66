'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { clientGraphql } from '../lib/client';
import { useFormSubmit } from '../lib/form-submit';
import { signInMutation, signUpMutation } from '../lib/operations';

/** Sign-up and sign-in form; on success the API has set the session cookie and the user goes on to `next`. */
export function AuthForm({ mode }: { mode: 'signin' | 'signup' }) {
  const router = useRouter();
  const search = useSearchParams();
  const next = safeNext(search.get('next'));
  const { busy, error, onSubmit } = useFormSubmit(async (form) => {
    const input: Record<string, string> = {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    };
    if (mode === 'signup') input.displayName = String(form.get('name') ?? '');
    await clientGraphql(mode === 'signup' ? signUpMutation : signInMutation, { input });
    router.push(next);
    router.refresh();
  });

  return (
    <form className="stack" onSubmit={onSubmit} aria-describedby={error ? 'auth-error' : undefined}>
      {mode === 'signup' ? (
        <div className="field">
          <label htmlFor="name">Name</label>
          <input id="name" name="name" type="text" autoComplete="name" required />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
          minLength={mode === 'signup' ? 8 : undefined}
          required
        />
        {mode === 'signup' ? <span className="help">At least 8 characters.</span> : null}
      </div>
      {error ? (
        <p id="auth-error" className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          {mode === 'signup' ? 'Create account' : 'Sign in'}
        </button>
        {mode === 'signup' ? (
          <Link href={`/signin?next=${encodeURIComponent(next)}`}>I have an account</Link>
        ) : (
          <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
        )}
      </div>
    </form>
  );
}

// Only same-site paths: a crafted ?next= must not send the user to another site after signing in.
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/projects';
}
