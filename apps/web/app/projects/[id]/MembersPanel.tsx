'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { clientGraphql } from '../../../lib/client';
import { addMemberMutation, changeMemberRoleMutation, removeMemberMutation } from '../../../lib/operations';

interface MemberRow {
  id: string;
  email: string;
  displayName: string;
  role: string;
}

const roles = ['OWNER', 'EDITOR', 'VIEWER'] as const;

/** The project's members; owners invite by email, change roles and remove members. */
export function MembersPanel({
  projectId,
  canManage,
  members,
}: {
  projectId: string;
  canManage: boolean;
  members: MemberRow[];
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      router.refresh();
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    await run(() =>
      clientGraphql(addMemberMutation, {
        projectId,
        email: String(form.get('email') ?? ''),
        role: String(form.get('role') ?? 'VIEWER'),
      }),
    );
    formElement.reset();
  }

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <table className="data" style={{ maxWidth: '44rem' }}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            {canManage ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <td>{member.displayName}</td>
              <td>{member.email}</td>
              <td>
                {canManage ? (
                  <select
                    aria-label={`Role of ${member.email}`}
                    value={member.role}
                    disabled={busy}
                    onChange={(event) =>
                      run(() =>
                        clientGraphql(changeMemberRoleMutation, {
                          projectId,
                          userId: member.id,
                          role: event.target.value,
                        }),
                      )
                    }
                  >
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {role.toLowerCase()}
                      </option>
                    ))}
                  </select>
                ) : (
                  member.role.toLowerCase()
                )}
              </td>
              {canManage ? (
                <td>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={() =>
                      run(() => clientGraphql(removeMemberMutation, { projectId, userId: member.id }))
                    }
                  >
                    Remove
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage ? (
        <form className="row" onSubmit={invite} aria-label="Invite a member" style={{ marginTop: '0.8rem' }}>
          <div className="field">
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" name="email" type="email" required />
          </div>
          <div className="field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" name="role" defaultValue="EDITOR">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role.toLowerCase()}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={busy} style={{ alignSelf: 'end' }}>
            Invite
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
