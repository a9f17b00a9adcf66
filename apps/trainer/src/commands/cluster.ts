import type { ProgressEvent } from '@scsamac/model';
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import type { ClusteringRequest } from '../pipeline/run-clustering.js';
import type { RegisterCommand } from './index.js';

function positiveInteger(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new InvalidArgumentError(`${name} must be a whole number`);
    return parsed;
  };
}

function kValue(value: string): number | 'auto' | 'labels' {
  if (value === 'auto' || value === 'labels') return value;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('--k must be a positive whole number, "labels" or "auto"');
  return parsed;
}

interface ClusterFlags {
  k?: number | 'auto' | 'labels';
  labels?: string;
  method: string;
  seed?: number;
  pretrainEpochs?: number;
  maxEpochs?: number;
  out?: string;
  json?: boolean;
}

/** Progress on a terminal: a bar on stderr with the phase and the latest losses; nothing when not a TTY. */
function progressReporter(): { onProgress?: (event: ProgressEvent) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const bar = new SingleBar({
    format: '{bar} {percentage}% | {phase} {epoch}/{totalEpochs} | {losses}',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(100, 0, { phase: 'start', epoch: 0, totalEpochs: 0, losses: '' });
  return {
    onProgress: (event) => {
      const losses = Object.entries(event.losses)
        .map(([key, value]) => `${key} ${value.toPrecision(4)}`)
        .join(' ');
      bar.update(Math.round(event.fraction * 100), {
        phase: event.phase,
        epoch: event.epoch,
        totalEpochs: event.totalEpochs,
        losses,
      });
    },
    stop: () => bar.stop(),
  };
}

/**
 * `scsamac cluster FILE`: clusters one count matrix with a registered method and prints the scores; with `--out`
 * writes labels.csv, latent.csv, history.csv, metrics.json, result.h5ad and, for scSAMAC methods, the trained
 * model/ (for `scsamac predict`); with `--json` the last line is
 * `{"cells","genes","k","ARI","NMI","CA","seconds","backend"}`.
 */
export const registerCluster: RegisterCommand = (program: Command) => {
  program
    .command('cluster')
    .description(
      'cluster the cells of a count matrix (h5, h5ad, 10x h5/MTX, CSV/TSV) with a registered method',
    )
    .argument('<file>', 'count matrix file (or 10x MTX folder)')
    .option(
      '--k <n>',
      'number of clusters, or "labels" (classes of --labels) or "auto"; default: labels if known, else auto',
      kValue,
    )
    .option(
      '--labels <column-or-file>',
      'label column in the file, or a label file (cell id, label), to score against',
    )
    .option(
      '--method <name>',
      'clustering method: scsamac, scsamac-zinb, pca-kmeans, pca-leiden, … (an unknown name lists them all)',
      'scsamac',
    )
    .option('--seed <s>', 'random seed', positiveInteger('--seed'))
    .option(
      '--pretrain-epochs <n>',
      'pretraining epochs (scSAMAC methods)',
      positiveInteger('--pretrain-epochs'),
    )
    .option('--max-epochs <n>', 'clustering-stage epochs (scSAMAC methods)', positiveInteger('--max-epochs'))
    .option(
      '--out <dir>',
      'write labels.csv, latent.csv, history.csv, metrics.json, result.h5ad and (scSAMAC) model/ here',
    )
    .option('--json', 'print a JSON summary as the last line')
    .action(async (file: string, flags: ClusterFlags) => {
      // Only the flags given become method options, so a method's schema can reject what it does not take.
      const options: Record<string, unknown> = {};
      if (flags.seed !== undefined) options.seed = flags.seed;
      if (flags.pretrainEpochs !== undefined) options.pretrainEpochs = flags.pretrainEpochs;
      if (flags.maxEpochs !== undefined) options.maxEpochs = flags.maxEpochs;
      const request: ClusteringRequest & { labels?: string; outDir?: string } = {
        method: flags.method,
        options,
      };
      if (flags.k !== undefined) request.k = flags.k;
      if (flags.labels !== undefined) request.labels = flags.labels;
      if (flags.out !== undefined) request.outDir = flags.out;
      // Loaded here, not at start-up, so `scsamac --help` and other commands do not pay for tfjs and the readers.
      const { runClusteringFile, scoresLine } = await import('../pipeline/run-clustering.js');
      const progress = progressReporter();
      let run: Awaited<ReturnType<typeof runClusteringFile>>;
      try {
        run = await runClusteringFile(
          file,
          request,
          progress.onProgress ? { onProgress: progress.onProgress } : {},
        );
      } finally {
        progress.stop();
      }
      const { summary, outcome, written } = run;
      console.log(
        `${outcome.method}: ${summary.cells} cells x ${summary.genes} genes, k ${summary.k}, ${summary.seconds} s, backend ${summary.backend}`,
      );
      console.log(scoresLine(outcome, summary));
      for (const file of written) console.log(`wrote ${file}`);
      if (flags.json) console.log(JSON.stringify(summary));
    });
};
