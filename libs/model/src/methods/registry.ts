import { pcaKmeans } from './pca-kmeans.js';
import { pcaLeiden } from './pca-leiden.js';
import type { ClusteringMethod } from './types.js';
import { scsamacMethods } from '../scsamac/methods.js';

/**
 * Every clustering method, by name. To add one, import it and append it here (one line each); the CLI
 * (`scsamac cluster --method NAME`), the trainer and the API list and dispatch through this table.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own options type
const METHODS: ClusteringMethod<any>[] = [pcaKmeans, pcaLeiden, ...scsamacMethods];

/** The method called `name`; throws a RangeError naming the known methods otherwise. */
export function getMethod(name: string): ClusteringMethod {
  const method = METHODS.find((candidate) => candidate.name === name);
  if (!method)
    throw new RangeError(`Unknown method "${name}"; known: ${METHODS.map((m) => m.name).join(', ')}`);
  return method;
}

/** All registered methods, in registration order. */
export function listMethods(): ClusteringMethod[] {
  return [...METHODS];
}
