import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';

interface PredictFlags {
  model: string;
  labels?: string;
  out?: string;
  json?: boolean;
}

/**
 * `scsamac predict FILE --model DIR`: assigns the cells of a new count matrix to the clusters of a model that
 * `scsamac cluster --out DIR` saved (as DIR/model/; either folder may be given). Genes are matched by name; with
 * `--out` writes labels.csv, latent.csv, metrics.json (with labels) and result.h5ad; with `--json` the last line is
 * `{"cells","genes","k","ARI","NMI","CA","seconds","backend","missingGenes"}`.
 */
export const registerPredict: RegisterCommand = (program: Command) => {
  program
    .command('predict')
    .description('assign the cells of a new count matrix to the clusters of a saved scSAMAC model')
    .argument('<file>', 'count matrix file (or 10x MTX folder) with gene names')
    .requiredOption('--model <dir>', 'the folder that scsamac cluster --out wrote, or its model/ subfolder')
    .option(
      '--labels <column-or-file>',
      'label column in the file, or a label file (cell id, label), to score against',
    )
    .option('--out <dir>', 'write labels.csv, latent.csv, metrics.json and result.h5ad here')
    .option('--json', 'print a JSON summary as the last line')
    .action(async (file: string, flags: PredictFlags) => {
      // Loaded here, not at start-up, so `scsamac --help` and other commands do not pay for tfjs and the readers.
      const { runPredictionFile } = await import('../pipeline/run-prediction.js');
      const { scoresLine } = await import('../pipeline/run-clustering.js');
      const request: { labels?: string; outDir?: string } = {};
      if (flags.labels !== undefined) request.labels = flags.labels;
      if (flags.out !== undefined) request.outDir = flags.out;
      const { summary, outcome, missing, modelGenes, written } = await runPredictionFile(
        flags.model,
        file,
        request,
      );
      if (missing.length > 0)
        console.error(
          `warning: ${missing.length} of the model's ${modelGenes} genes are not in ${file}; they count as zero (first: ${missing.slice(0, 5).join(', ')})`,
        );
      console.log(
        `${outcome.method} model: ${summary.cells} cells x ${summary.genes} genes, k ${summary.k}, ${summary.seconds} s, backend ${summary.backend}`,
      );
      console.log(scoresLine(outcome, summary));
      for (const path of written) console.log(`wrote ${path}`);
      if (flags.json) console.log(JSON.stringify(summary));
    });
};
