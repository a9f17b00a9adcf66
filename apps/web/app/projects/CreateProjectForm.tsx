'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { clientGraphql } from '../../lib/client';
import { createProjectMutation } from '../../lib/operations';

export function CreateProjectForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { createProject } = await clientGraphql<{ createProject: { id: string } }>(
        createProjectMutation,
        {
          input: { name: String(form.get('name') ?? ''), description: String(form.get('description') ?? '') },
        },
      );
      router.push(`/projects/${createProject.id}`);
    } catch (cause) {
      setError((cause as Error).message);
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit}>
      <div className="field">
        <label htmlFor="project-name">Name</label>
        <input id="project-name" name="name" type="text" required maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="project-description">Description</label>
        <textarea id="project-description" name="description" rows={2} maxLength={2000} />
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={busy}>
          Create project
        </button>
      </div>
    </form>
  );
}
