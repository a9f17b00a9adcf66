import { readFileSync } from 'node:fs';
import { knownMethods } from './methods.js';

/** Where the paper's published tables are kept as seed data (a copy of `../shared/paper/paper_results.tsv`). */
export const paperResultsPath = new URL('../../seed/paper_results.tsv', import.meta.url);

/** The `source` value of rows loaded from the paper. */
export const paperSource = 'scSAMAC paper, Tables 2-5';

/** One published number. */
export interface ReportedResult {
  dataset: string;
  methodId: string;
  metric: string;
  value: number;
  source: string;
}

/**
 * Parses the paper's results table (`dataset, method, metric, value`, tab-separated, with a header) into rows keyed
 * by our method ids. Throws on a method name no known method reports, so a new table cannot be half-loaded.
 */
export function parseReportedResults(text: string, source = paperSource): ReportedResult[] {
  const byReportedName = new Map(knownMethods.map((method) => [method.reportedName, method.id]));
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines.shift()?.split('\t');
  if (header?.join(',') !== 'dataset,method,metric,value') {
    throw new Error(`reported results: unexpected header ${JSON.stringify(header)}`);
  }
  return lines.map((line, index) => {
    const [dataset, method, metric, value] = line.split('\t');
    const methodId = byReportedName.get(method ?? '');
    const number = Number(value);
    if (!dataset || !metric || !methodId || !Number.isFinite(number)) {
      throw new Error(`reported results line ${index + 2}: cannot read ${JSON.stringify(line)}`);
    }
    return { dataset, methodId, metric, value: number, source };
  });
}

/** Reads and parses the paper's table kept in `libs/db/seed`. */
export function loadPaperResults(): ReportedResult[] {
  return parseReportedResults(readFileSync(paperResultsPath, 'utf8'));
}
