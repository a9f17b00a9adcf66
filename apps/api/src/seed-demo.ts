import {
  datasets,
  projectMembers,
  projects,
  uploads,
  users,
  type Connection,
  type FileStorage,
} from '@scsamac/db';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from './auth/passwords.js';
import { validateMatrix } from './http/matrix-summary.js';

/** What the demo seed created or found. */
export interface DemoSeed {
  /** False when the demo user already existed (nothing was changed). */
  created: boolean;
  email: string;
  password: string;
  projectId: string | null;
  datasetIds: string[];
}

/** The demo account's credentials (printed by `npm start`; a local demo, not a secret). */
export const demoAccount = {
  email: 'demo@scsamac.local',
  password: 'scsamac-demo',
  displayName: 'Demo user',
};

/** Shared files the demo project gets when `../shared` is present, with the paper dataset each one is. */
const demoFiles = [
  { file: 'formats/Baron_mouse1.csr.h5ad', name: 'Baron mouse pancreas 1 (h5ad)', reportedAs: null },
  {
    file: 'datasets/CITE_CBMC/CITE_CBMC_counts_top2000.h5',
    name: 'CITE-seq CBMC (top 2,000 genes)',
    reportedAs: 'CITE_CBMC',
  },
] as const;

/**
 * Seeds a demo user and a demo project on first start, with datasets from `sharedDir` when it holds them.
 * Idempotent: when the demo user exists, nothing changes. Expects a migrated database.
 */
export async function seedDemo(
  connection: Connection,
  storage: FileStorage,
  options: { sharedDir?: string } = {},
): Promise<DemoSeed> {
  const { db } = connection;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoAccount.email));
  if (existing) {
    return {
      created: false,
      email: demoAccount.email,
      password: demoAccount.password,
      projectId: null,
      datasetIds: [],
    };
  }
  const [user] = await db
    .insert(users)
    .values({
      email: demoAccount.email,
      displayName: demoAccount.displayName,
      passwordHash: await hashPassword(demoAccount.password),
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (!user) {
    return {
      created: false,
      email: demoAccount.email,
      password: demoAccount.password,
      projectId: null,
      datasetIds: [],
    };
  }
  const [project] = await db
    .insert(projects)
    .values({
      name: 'Demo project',
      description: 'Example datasets from ../shared; start a run to see scSAMAC and the baselines at work.',
      createdBy: user.id,
    })
    .returning({ id: projects.id });
  await db.insert(projectMembers).values({ projectId: project!.id, userId: user.id, role: 'OWNER' });

  const datasetIds: string[] = [];
  for (const demo of demoFiles) {
    const source = options.sharedDir ? path.join(options.sharedDir, demo.file) : '';
    if (!source || !existsSync(source)) continue;
    const summary = await validateMatrix(source, 512 * 1024 ** 2);
    const id = randomUUID();
    const stored = await storage.put(`uploads/${id}`, createReadStream(source));
    const fileName = path.basename(source);
    const [dataset] = await db
      .insert(datasets)
      .values({
        projectId: project!.id,
        name: demo.name,
        fileName,
        storageKey: stored.key,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        ...summary,
        labelColumn: summary.labelColumns[0]?.name ?? null,
        reportedAs: demo.reportedAs,
        createdBy: user.id,
      })
      .returning({ id: datasets.id });
    await db.insert(uploads).values({
      id,
      projectId: project!.id,
      uploadedBy: user.id,
      fileName,
      storageKey: stored.key,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      ...summary,
      datasetId: dataset!.id,
    });
    datasetIds.push(dataset!.id);
  }
  return {
    created: true,
    email: demoAccount.email,
    password: demoAccount.password,
    projectId: project!.id,
    datasetIds,
  };
}
