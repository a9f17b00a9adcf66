'use client';
import { useState, type FormEvent } from 'react';

/**
 * The submit handling of a form that sends its fields to the API and then leaves the page: `onSubmit` stops the
 * browser's own submit, marks the form busy, clears the last error and calls `send` with the form's fields. If `send`
 * throws, its message becomes `error` and the form is free again; if it succeeds the form stays busy, since `send`
 * has navigated away (a second click would submit twice).
 */
export function useFormSubmit(send: (form: FormData) => Promise<void>): {
  busy: boolean;
  error: string | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
} {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await send(form);
    } catch (cause) {
      setError((cause as Error).message);
      setBusy(false);
    }
  }
  return { busy, error, onSubmit };
}
