import { Option } from 'commander';
import { readFileSync } from 'node:fs';
import { averageMethods, clusteringScores, type AverageMethod } from '@scsamac/metrics';
import type { RegisterCommand } from './index.js';

interface ScoreFlags {
  truth: string;
  pred: string;
  average: AverageMethod;
  json?: boolean;
}

/** What `score --json` prints, one JSON object on the last line. */
export interface ScoreReport {
  ARI: number;
  NMI: number;
  AMI: number;
  CA: number;
  n: number;
}

/**
 * The last field of every record of a CSV (or, for `.tsv`, tab-separated) text, skipping the header: RFC 4180
 * quoting (quoted fields may hold the delimiter, doubled quotes and line breaks), CRLF or LF line ends, blank
 * lines ignored.
 */
export function lastColumn(text: string, delimiter = ','): string[] {
  const records: string[] = [];
  let field = '';
  let fieldCount = 0;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    // A blank line is one empty unquoted field: not a record.
    if (fieldCount > 0 || field !== '') records.push(field);
    field = '';
    fieldCount = 0;
  };
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      field = '';
      fieldCount++;
    } else if (char === '\n') endRecord();
    else if (char !== '\r') field += char;
    i++;
  }
  endRecord();
  return records.slice(1);
}

function readLabels(path: string, which: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the ${which} file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const labels = lastColumn(text, path.toLowerCase().endsWith('.tsv') ? '\t' : ',');
  if (labels.length === 0) throw new Error(`${path}: no labels after the header row`);
  return labels;
}

/** Scores predicted labels against true labels read from two CSV files (header, label in the last column). */
export function scoreFiles(truthPath: string, predPath: string, average: AverageMethod = 'arithmetic') {
  const truth = readLabels(truthPath, '--truth');
  const pred = readLabels(predPath, '--pred');
  if (truth.length !== pred.length) {
    throw new Error(
      `${truthPath} has ${truth.length} labels but ${predPath} has ${pred.length}; both must list the same cells in the same order`,
    );
  }
  return clusteringScores(truth, pred, { averageMethod: average });
}

/** `scsamac score --truth FILE --pred FILE [--json]`: ARI, NMI, AMI, CA (and purity) of a clustering. */
export const registerScore: RegisterCommand = (program) => {
  program
    .command('score')
    .description(
      'score predicted cluster labels against true labels: ARI, NMI, AMI, clustering accuracy, purity',
    )
    .requiredOption(
      '--truth <file>',
      'CSV with a header row, the true label in its last column, one row per cell',
    )
    .requiredOption(
      '--pred <file>',
      'CSV with a header row, the predicted label in its last column, same cells',
    )
    .addOption(
      new Option('--average <method>', 'mean of the two entropies that normalises NMI and AMI')
        .choices(averageMethods)
        .default('arithmetic'),
    )
    .option('--json', 'also print one JSON object {ARI, NMI, AMI, CA, n} as the last line')
    .action((flags: ScoreFlags) => {
      const scores = scoreFiles(flags.truth, flags.pred, flags.average);
      const rows: [string, number][] = [
        ['ARI', scores.ARI],
        [`NMI (${flags.average})`, scores.NMI],
        [`AMI (${flags.average})`, scores.AMI],
        ['CA', scores.CA],
        ['purity', scores.purity],
      ];
      console.log(`cells: ${scores.n}`);
      for (const [name, value] of rows) console.log(`${name.padEnd(18)} ${value.toFixed(4)}`);
      if (flags.json) {
        const report: ScoreReport = {
          ARI: scores.ARI,
          NMI: scores.NMI,
          AMI: scores.AMI,
          CA: scores.CA,
          n: scores.n,
        };
        console.log(JSON.stringify(report));
      }
    });
};
