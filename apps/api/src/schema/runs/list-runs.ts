import { runs } from '@scsamac/db';
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ApiContext } from '../../context.js';
import { isUuid } from '../../ids.js';
import type { RunStatusName } from '../../loaders.js';
import { connectionOf, pageOf } from '../../pagination.js';

/** Arguments of `Project.runs`. */
export interface RunListArgs {
  filter?: {
    status?: RunStatusName[] | null;
    methodIds?: string[] | null;
    datasetId?: string | null;
    runGroupId?: string | null;
  } | null;
  orderBy?: {
    field: 'CREATED_AT' | 'FINISHED_AT' | 'STATUS' | 'METHOD';
    direction?: 'ASC' | 'DESC' | null;
  } | null;
  first?: number | null;
  after?: string | null;
}

const orderColumns = {
  CREATED_AT: runs.createdAt,
  FINISHED_AT: runs.finishedAt,
  STATUS: runs.status,
  METHOD: runs.methodId,
};

/** One page of a project's runs, filtered and sorted; the project's access was checked by the caller. */
export async function listRuns(context: ApiContext, projectId: string, args: RunListArgs) {
  const page = pageOf(args.first, args.after);
  const conditions: SQL[] = [eq(runs.projectId, projectId)];
  const filter = args.filter ?? {};
  if (filter.status?.length) conditions.push(inArray(runs.status, filter.status));
  if (filter.methodIds?.length) conditions.push(inArray(runs.methodId, filter.methodIds));
  // An id that cannot exist matches nothing (rather than erroring in PostgreSQL's uuid parser).
  if (filter.datasetId)
    conditions.push(isUuid(filter.datasetId) ? eq(runs.datasetId, filter.datasetId) : sql`false`);
  if (filter.runGroupId) {
    conditions.push(isUuid(filter.runGroupId) ? eq(runs.runGroupId, filter.runGroupId) : sql`false`);
  }
  const where = and(...conditions);
  const column = orderColumns[args.orderBy?.field ?? 'CREATED_AT'];
  const direction = args.orderBy?.direction === 'ASC' ? asc : desc;
  const rows = await context.db
    .select()
    .from(runs)
    .where(where)
    // Unfinished runs sort last by FINISHED_AT either way; id breaks ties so pages are stable.
    .orderBy(sql`${column} is null`, direction(column), direction(runs.createdAt), desc(runs.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  for (const row of rows) context.loaders.run.prime(row.id, row);
  return connectionOf(
    rows,
    page,
    async () => (await context.db.select({ n: count() }).from(runs).where(where))[0]?.n ?? 0,
  );
}
