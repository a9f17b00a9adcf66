import type { Viewer } from './auth/authenticate.js';
import type { ApiContext } from './context.js';
import { forbidden, notFound, unauthenticated } from './errors.js';
import { isUuid } from './ids.js';
import type { DatasetRow, MemberRow, ProjectRow, RunGroupRow, RunRow, UploadRow } from './loaders.js';
import { datasetOf, runRow } from './shared-rows.js';

/** A project role. */
export type Role = MemberRow['role'];

const rank: Record<Role, number> = { VIEWER: 0, EDITOR: 1, OWNER: 2 };

/** The signed-in user; UNAUTHENTICATED otherwise. */
export function requireViewer(context: ApiContext): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

/**
 * Checks that the viewer is a member of `projectId` with at least `minimum` role. A non-member gets NOT_FOUND
 * naming `what` (the thing they asked for), exactly as for a thing that does not exist; a member with too small a
 * role gets FORBIDDEN. Returns the viewer's role.
 */
export async function requireRole(
  context: ApiContext,
  projectId: string,
  minimum: Role,
  what: string,
): Promise<Role> {
  requireViewer(context);
  const role = isUuid(projectId) ? await context.loaders.role.load(projectId) : null;
  if (!role) throw notFound(what);
  if (rank[role] < rank[minimum]) {
    throw forbidden(
      minimum === 'OWNER' ? 'only project owners may do this' : 'viewers cannot change a project',
    );
  }
  return role;
}

/** Loads a row by id through `load`, then checks the viewer's role in its project; NOT_FOUND when either fails. */
async function visible<T extends { projectId: string }>(
  context: ApiContext,
  id: string,
  load: (id: string) => Promise<T | null>,
  minimum: Role,
  what: string,
): Promise<T> {
  requireViewer(context);
  if (!isUuid(id)) throw notFound(what);
  const row = await load(id);
  if (!row) throw notFound(what);
  await requireRole(context, row.projectId, minimum, what);
  return row;
}

/** A project the viewer may access with at least `minimum` role. */
export function visibleProject(
  context: ApiContext,
  id: string,
  minimum: Role = 'VIEWER',
): Promise<ProjectRow> {
  return visible(
    context,
    id,
    async (projectId) => {
      const row = await context.loaders.project.load(projectId);
      return row ? { ...row, projectId: row.id } : null;
    },
    minimum,
    'project',
  );
}

/** A dataset the viewer may access with at least `minimum` role. */
export function visibleDataset(
  context: ApiContext,
  id: string,
  minimum: Role = 'VIEWER',
): Promise<DatasetRow> {
  return visible(context, id, (key) => datasetOf(context, key), minimum, 'dataset');
}

/** A run the viewer may access with at least `minimum` role. */
export function visibleRun(context: ApiContext, id: string, minimum: Role = 'VIEWER'): Promise<RunRow> {
  return visible(context, id, (key) => runRow(context, key), minimum, 'run');
}

/** A run group the viewer may access with at least `minimum` role. */
export function visibleRunGroup(
  context: ApiContext,
  id: string,
  minimum: Role = 'VIEWER',
): Promise<RunGroupRow> {
  return visible(context, id, (key) => context.loaders.runGroup.load(key), minimum, 'run group');
}

/** An upload the viewer may access with at least `minimum` role. */
export function visibleUpload(context: ApiContext, id: string, minimum: Role = 'VIEWER'): Promise<UploadRow> {
  return visible(context, id, (key) => context.loaders.upload.load(key), minimum, 'upload');
}
