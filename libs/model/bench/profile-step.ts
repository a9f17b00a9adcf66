/**
 * Times the pieces of one pretraining step at batch 256 x 2000 genes on the current backend, to see where a
 * step's time goes. `npx tsx libs/model/bench/profile-step.ts`
 */
import * as tf from '@tensorflow/tfjs-core';
import { backendThreads, initBackend } from '../src/backend.js';
import { contrastiveLoss } from '../src/losses/contrastive.js';
import { countModelLossFromLogits } from '../src/losses/count-model-logits.js';
import { countModel, Network } from '../src/nn/network.js';
import { RandomBank } from '../src/nn/random-bank.js';
import { createRandom } from '../src/random.js';
import { saliencyMask } from '../src/scsamac/masking.js';
import { parseScsamacOptions } from '../src/scsamac/options.js';
import { pretrainLossParts, weightedTotal } from '../src/scsamac/train.js';

const backend = await initBackend();
// The default options' step (sizes, noise, masking, attention dropout, temperature, mu), so timings follow them.
const o = parseScsamacOptions({});
const masking = { thresholds: o.maskThresholds, probabilities: o.maskProbabilities };
const b = o.batchSize;
const g = 2000;
const net = new Network(
  {
    genes: g,
    hidden: o.hidden,
    latent: o.latent,
    heads: o.attentionHeads,
    attention: o.attention,
    zeroInflated: false,
  },
  1,
);
const bank = new RandomBank(createRandom(1), 1);
const dropoutMask = (shape: number[], rate: number) => bank.dropoutMask(shape, rate);
const x = tf.randomNormal([b, g]);
// About 90% zeros, as in the shared datasets' top 2,000 genes.
const counts = tf.floor(tf.mul(tf.relu(tf.sub(tf.randomNormal([b, g]), 1.1)), 4)) as tf.Tensor2D;
const sf = tf.ones([b, 1]) as tf.Tensor2D;

function time(name: string, f: () => tf.Tensor | tf.Tensor[] | void, repeats = 5) {
  f();
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < repeats; i++) {
    const out = tf.tidy(f as () => tf.Tensor);
    if (out) (Array.isArray(out) ? out : [out]).forEach((t) => (t as tf.Tensor).dataSync());
    tf.dispose(out as tf.Tensor);
  }
  const used = process.cpuUsage(cpu);
  console.log(
    `${name.padEnd(40)} wall ${((performance.now() - start) / repeats).toFixed(1)} ms  cpu ${((used.user + used.system) / 1000 / repeats).toFixed(1)} ms`,
  );
}

time(`randomNormal ${b}x${g}`, () => bank.normal([b, g], o.inputNoise));
time('tensor2d from Float32Array', () => tf.tensor2d(new Float32Array(b * g), [b, g]));
time('mask', () => saliencyMask(x as tf.Tensor2D, masking, bank.uniform([g])));
time('encode 3 views fwd', () =>
  net.encode(tf.concat([x, x, x], 0) as tf.Tensor2D, 3, o.attentionDropout, dropoutMask),
);
time('encode 1 view fwd', () => net.encode(x as tf.Tensor2D, 1, o.attentionDropout, dropoutMask));
time('decode fwd', () => {
  const r = countModel(net.decodeLogits(tf.zeros([b, o.latent]) as tf.Tensor2D), sf, net.shape.zeroInflated);
  return [r.mean, r.dispersion];
});
// The NB loss as a step computes it (one JavaScript pass, shared with the helper thread on several wasm threads).
const logits = tf.mul(tf.concat([x, x], 1), 0.5) as tf.Tensor2D;
time('nb loss from logits, value + gradient', () =>
  tf.grad((l: tf.Tensor) => countModelLossFromLogits(counts, l as tf.Tensor2D, sf, 0, false))(logits),
);
time('contrastive fwd', () =>
  contrastiveLoss(
    tf.randomNormal([b, o.latent]) as tf.Tensor2D,
    tf.randomNormal([b, o.latent]) as tf.Tensor2D,
    { temperature: o.temperature },
  ),
);
const vars = net.variables();
// One pretraining step's loss, the function pretraining itself calls (noisy, clean and masked views encoded together;
// NB on the noisy view's reconstruction + mu * contrastive between clean and masked).
const batch = { x: x as tf.Tensor2D, counts, sizeFactors: sf, logFactorialSum: 0 };
const pretrainLoss = () => weightedTotal(pretrainLossParts({ network: net, options: o, bank }, batch));
/** The network's variables whose names (its weight keys, not tfjs's variable names) start with a prefix. */
const weightsNamed = (...prefixes: string[]) =>
  Object.entries(net.weights)
    .filter(([name]) => prefixes.some((prefix) => name.startsWith(prefix)))
    .map(([, v]) => v);
time(
  'full pretrain step grads',
  () => {
    const { grads, value } = tf.variableGrads(pretrainLoss, vars);
    return [value, ...Object.values(grads)];
  },
  3,
);
time(
  'encode-only grads (1 view)',
  () => {
    const { grads, value } = tf.variableGrads(
      () => tf.sum(net.encode(x as tf.Tensor2D, 1, o.attentionDropout, dropoutMask)) as tf.Scalar,
      weightsNamed('enc', 'att'),
    );
    return [value, ...Object.values(grads)];
  },
  3,
);
time(
  'decode-only grads',
  () => {
    const { grads, value } = tf.variableGrads(
      () => {
        const r = countModel(
          net.decodeLogits(tf.ones([b, o.latent]) as tf.Tensor2D),
          sf,
          net.shape.zeroInflated,
        );
        return tf.add(tf.sum(r.mean), tf.sum(r.dispersion)) as tf.Scalar;
      },
      weightsNamed('dec', 'heads'),
    );
    return [value, ...Object.values(grads)];
  },
  3,
);
console.log('backend', backend, 'threads', await backendThreads());

// Per-kernel time of one full pretraining step (wall ms; noisy on a loaded machine, but shows the shares).
const profile = await tf.profile(() => {
  const { grads, value } = tf.variableGrads(pretrainLoss, vars);
  tf.dispose([value, ...Object.values(grads)]);
});
const byKernel = new Map<string, { ms: number; count: number }>();
for (const k of profile.kernels) {
  const entry = byKernel.get(k.name) ?? { ms: 0, count: 0 };
  entry.ms += Number(k.kernelTimeMs);
  entry.count++;
  byKernel.set(k.name, entry);
}
const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
console.log(`kernels total ${total.toFixed(0)} ms`);
for (const [name, e] of [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
  console.log(`${name.padEnd(24)} ${e.ms.toFixed(1).padStart(8)} ms  x${e.count}`);
