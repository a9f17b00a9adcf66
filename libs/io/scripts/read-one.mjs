/* global process, performance, console */
// Child process of the bench: reads one file with the compiled libs/io (plain node, no tsx) and prints the read time
// and peak RSS as JSON. One process per file makes the peak RSS that file's alone.
// Usage: node read-one.mjs DIST_INDEX_JS FILE [LABELS]
import { pathToFileURL } from 'node:url';

const [distIndex, path, labels] = process.argv.slice(2);
const { readMatrix, totalCount } = await import(pathToFileURL(distIndex).href);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const matrix = await readMatrix(path, labels ? { labels } : {});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    format: matrix.provenance.format,
    cells: matrix.rows,
    genes: matrix.cols,
    nnz: matrix.data.length,
    total: totalCount(matrix),
    seconds,
    // CPU time of the read (user + system): the work itself, whatever else loads the machine.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
