import { badInput } from './errors.js';

/** The largest page a connection returns. */
export const maxPageSize = 100;

/** A Relay connection page as the resolvers return it; `totalCount` runs only when a client asks for it. */
export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: () => Promise<number>;
}

/**
 * Cursors are opaque offsets into the requested ordering (`o:<offset>`, base64url). Offsets work with every sort
 * order the API offers, including nullable columns; the price is that rows inserted ahead of a page shift it.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** The page to read: validated `first` (1..100) and the offset after `after`. */
export function pageOf(
  first: number | null | undefined,
  after: string | null | undefined,
): { limit: number; offset: number } {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
    throw badInput(`first must be between 1 and ${maxPageSize}`, 'first');
  }
  if (!after) return { limit, offset: 0 };
  const match = /^o:(\d+)$/.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badInput('after is not a cursor this API gave out', 'after');
  return { limit, offset: Number(match[1]) + 1 };
}

/**
 * Builds a connection from rows read with `limit + 1` (the extra row only says whether a next page exists).
 */
export function connectionOf<T>(
  rows: T[],
  page: { limit: number; offset: number },
  totalCount: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node, index) => ({ node, cursor: encodeCursor(page.offset + index) }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
