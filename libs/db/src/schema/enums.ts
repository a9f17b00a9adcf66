import { pgEnum } from 'drizzle-orm/pg-core';

/** What a project member may do: owners manage members and the project, editors add data and runs, viewers read. */
export const memberRole = pgEnum('member_role', ['OWNER', 'EDITOR', 'VIEWER']);

/**
 * Life cycle of a run. QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED; a RUNNING run whose lease expired goes
 * back to QUEUED (attempts + 1) until it has used `max_attempts`.
 */
export const runStatus = pgEnum('run_status', ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']);

/**
 * Where a method comes from: our scSAMAC variants and ablations, baselines we run ourselves, or methods known only
 * from publications (their numbers live in `reported_results`; they cannot be run here).
 */
export const methodKind = pgEnum('method_kind', ['SCSAMAC', 'BASELINE', 'PUBLISHED']);
