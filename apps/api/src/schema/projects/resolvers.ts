import { artifacts, datasets, projectMembers, projects, runs, uploads, users } from '@scsamac/db';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole, requireViewer, visibleProject, type Role } from '../../access.js';
import { clearCache } from '../../cache.js';
import type { ApiContext } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { isUuid } from '../../ids.js';
import type { ProjectRow } from '../../loaders.js';
import { connectionOf, pageOf } from '../../pagination.js';
import { listRuns, type RunListArgs } from '../runs/list-runs.js';
import { parseInput } from '../users/resolvers.js';

const projectName = z.string().trim().min(1, 'must not be empty').max(100);
const projectDescription = z.string().trim().max(2000);
const createProjectInput = z.object({ name: projectName, description: projectDescription.nullish() });

/** Deletes stored files after their rows are gone; a file that fails to delete is only an orphan, so log it. */
export async function deleteFiles(context: ApiContext, keys: string[]): Promise<void> {
  for (const key of new Set(keys)) {
    await context.storage
      .delete(key)
      .catch((error: unknown) => console.warn(`api: could not delete ${key}`, error));
  }
}

async function owners(context: ApiContext, projectId: string): Promise<number> {
  const [row] = await context.db
    .select({ owners: count() })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, 'OWNER')));
  return row?.owners ?? 0;
}

async function memberOf(context: ApiContext, projectId: string, userId: string) {
  const members = await context.loaders.members.load(projectId);
  return members.find((member) => member.user.id === userId);
}

/** Projects and memberships. */
export const projectsResolvers = {
  Query: {
    projects: async (_parent: unknown, args: { first?: number; after?: string }, context: ApiContext) => {
      const viewer = requireViewer(context);
      const page = pageOf(args.first, args.after);
      const mine = eq(projectMembers.userId, viewer.id);
      const rows = await context.db
        .select({ project: projects })
        .from(projects)
        .innerJoin(projectMembers, eq(projectMembers.projectId, projects.id))
        .where(mine)
        .orderBy(desc(projects.createdAt), desc(projects.id))
        .limit(page.limit + 1)
        .offset(page.offset);
      return connectionOf(
        rows.map((row) => row.project),
        page,
        async () => (await context.db.select({ n: count() }).from(projectMembers).where(mine))[0]?.n ?? 0,
      );
    },
    project: (_parent: unknown, args: { id: string }, context: ApiContext) =>
      visibleProject(context, args.id),
  },
  Project: {
    viewerRole: (project: ProjectRow, _args: unknown, context: ApiContext) =>
      context.loaders.role.load(project.id),
    members: (project: ProjectRow, _args: unknown, context: ApiContext) =>
      context.loaders.members.load(project.id),
    datasets: async (project: ProjectRow, args: { first?: number; after?: string }, context: ApiContext) => {
      const page = pageOf(args.first, args.after);
      const where = eq(datasets.projectId, project.id);
      const rows = await context.db
        .select()
        .from(datasets)
        .where(where)
        .orderBy(desc(datasets.createdAt), desc(datasets.id))
        .limit(page.limit + 1)
        .offset(page.offset);
      for (const row of rows) context.loaders.dataset.prime(row.id, row);
      return connectionOf(
        rows,
        page,
        async () => (await context.db.select({ n: count() }).from(datasets).where(where))[0]?.n ?? 0,
      );
    },
    runs: (project: ProjectRow, args: RunListArgs, context: ApiContext) =>
      listRuns(context, project.id, args),
    runCounts: async (project: ProjectRow, _args: unknown, context: ApiContext) => {
      const counts = await context.loaders.runCountsOfProject.load(project.id);
      return {
        queued: counts.QUEUED,
        running: counts.RUNNING,
        succeeded: counts.SUCCEEDED,
        failed: counts.FAILED,
        cancelled: counts.CANCELLED,
      };
    },
  },
  Mutation: {
    createProject: async (_parent: unknown, args: { input: unknown }, context: ApiContext) => {
      const viewer = requireViewer(context);
      const input = parseInput(createProjectInput, args.input);
      return context.db.transaction(async (tx) => {
        const [project] = await tx
          .insert(projects)
          .values({ name: input.name, description: input.description ?? '', createdBy: viewer.id })
          .returning();
        await tx.insert(projectMembers).values({ projectId: project!.id, userId: viewer.id, role: 'OWNER' });
        return project!;
      });
    },
    renameProject: async (
      _parent: unknown,
      args: { id: string; name: string; description?: string | null },
      context: ApiContext,
    ) => {
      await visibleProject(context, args.id, 'OWNER');
      const name = parseInput(projectName, args.name);
      const description =
        args.description == null ? undefined : parseInput(projectDescription, args.description);
      const [project] = await context.db
        .update(projects)
        .set({ name, ...(description === undefined ? {} : { description }) })
        .where(eq(projects.id, args.id))
        .returning();
      return project;
    },
    deleteProject: async (_parent: unknown, args: { id: string }, context: ApiContext) => {
      await visibleProject(context, args.id, 'OWNER');
      const [datasetFiles, uploadFiles, artifactFiles] = await Promise.all([
        context.db.select({ key: datasets.storageKey }).from(datasets).where(eq(datasets.projectId, args.id)),
        context.db.select({ key: uploads.storageKey }).from(uploads).where(eq(uploads.projectId, args.id)),
        context.db
          .select({ key: artifacts.storageKey })
          .from(artifacts)
          .where(
            inArray(
              artifacts.runId,
              context.db.select({ id: runs.id }).from(runs).where(eq(runs.projectId, args.id)),
            ),
          ),
      ]);
      await context.db.delete(projects).where(eq(projects.id, args.id));
      clearCache(context.db);
      await deleteFiles(
        context,
        [...datasetFiles, ...uploadFiles, ...artifactFiles].map((row) => row.key),
      );
      return args.id;
    },
    addMember: async (
      _parent: unknown,
      args: { projectId: string; email: string; role: Role },
      context: ApiContext,
    ) => {
      await visibleProject(context, args.projectId, 'OWNER');
      const [user] = await context.db
        .select({ id: users.id, email: users.email, displayName: users.displayName })
        .from(users)
        .where(eq(users.email, args.email.trim().toLowerCase()));
      if (!user) throw badInput('no account has this email; ask them to sign up first', 'email');
      const [member] = await context.db
        .insert(projectMembers)
        .values({ projectId: args.projectId, userId: user.id, role: args.role })
        .onConflictDoNothing()
        .returning();
      if (!member) throw badInput(`${user.email} is already a member`, 'email');
      // Roles are cached for a few seconds (loaders.ts, roleTtlMs): a change of membership must apply at once.
      clearCache(context.db);
      return { projectId: member.projectId, role: member.role, addedAt: member.createdAt, user };
    },
    changeMemberRole: async (
      _parent: unknown,
      args: { projectId: string; userId: string; role: Role },
      context: ApiContext,
    ) => {
      await visibleProject(context, args.projectId, 'OWNER');
      const member = isUuid(args.userId) ? await memberOf(context, args.projectId, args.userId) : undefined;
      if (!member) throw notFound('member');
      if (member.role === 'OWNER' && args.role !== 'OWNER' && (await owners(context, args.projectId)) <= 1) {
        throw badInput('a project needs at least one owner', 'role');
      }
      await context.db
        .update(projectMembers)
        .set({ role: args.role })
        .where(and(eq(projectMembers.projectId, args.projectId), eq(projectMembers.userId, args.userId)));
      clearCache(context.db);
      return { ...member, role: args.role };
    },
    removeMember: async (
      _parent: unknown,
      args: { projectId: string; userId: string },
      context: ApiContext,
    ) => {
      const viewer = requireViewer(context);
      // Anyone may leave a project they belong to; removing others takes an owner.
      await requireRole(context, args.projectId, viewer.id === args.userId ? 'VIEWER' : 'OWNER', 'project');
      const member = isUuid(args.userId) ? await memberOf(context, args.projectId, args.userId) : undefined;
      if (!member) throw notFound('member');
      if (member.role === 'OWNER' && (await owners(context, args.projectId)) <= 1) {
        throw badInput(
          'the last owner cannot leave; delete the project or make someone else owner',
          'userId',
        );
      }
      await context.db
        .delete(projectMembers)
        .where(and(eq(projectMembers.projectId, args.projectId), eq(projectMembers.userId, args.userId)));
      clearCache(context.db);
      return args.userId;
    },
  },
  Member: {
    addedAt: (member: { addedAt: Date }) => member.addedAt,
  },
};
