'use client';
import { useRouter } from 'next/navigation';
import { clientGraphql } from '../../lib/client';
import { useFormSubmit } from '../../lib/form-submit';
import { createProjectMutation } from '../../lib/operations';

export function CreateProjectForm() {
  const router = useRouter();
  const { busy, error, onSubmit } = useFormSubmit(async (form) => {
    const { createProject } = await clientGraphql<{ createProject: { id: string } }>(createProjectMutation, {
      input: { name: String(form.get('name') ?? ''), description: String(form.get('description') ?? '') },
    });
    router.push(`/projects/${createProject.id}`);
  });

  return (
    <form className="stack" onSubmit={onSubmit}>
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
