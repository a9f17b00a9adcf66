import { describe, expect, it } from 'vitest';
import { clusteringAccuracy, purity } from './accuracy.js';
import {
  adjustedMutualInformation,
  averageMethods,
  entropy,
  expectedMutualInformation,
  mutualInformation,
  normalizedMutualInformation,
} from './mutual-information.js';
import { adjustedRandIndex } from './rand-index.js';
import { clusteringScores } from './scores.js';
import { expectClose, loadFixture } from './test/fixtures.js';
import { millionLabels } from './test/million-labels.js';

interface Expected {
  n: number;
  ARI: number;
  NMI: Record<string, number>;
  AMI: Record<string, number>;
  MI: number;
  EMI: number;
  entropyTruth: number;
  entropyPred: number;
  CA: number;
  purity: number;
  /** Averages for which AMI is 0/0 and scikit-learn's value is rounding noise. */
  AMIUndefined: string[];
}

interface LabelPairsFixture {
  cases: { name: string; truth: number[] | string[]; pred: number[] | string[]; expected: Expected }[];
  million: { name: string; formula: string; expected: Expected };
}

const fixture = loadFixture<LabelPairsFixture>('label-pairs.json');

describe('clustering scores agree with scikit-learn 1.2 / scipy 1.10 to 1e-9', () => {
  describe.each(fixture.cases)('$name', ({ truth, pred, expected }) => {
    it('ARI', () => expectClose(adjustedRandIndex(truth, pred), expected.ARI, 1e-9, 'ARI'));

    it('MI, EMI and both entropies', () => {
      expectClose(mutualInformation(truth, pred), expected.MI, 1e-9, 'MI');
      expectClose(expectedMutualInformation(truth, pred), expected.EMI, 1e-9, 'EMI');
      expectClose(entropy(truth), expected.entropyTruth, 1e-9, 'H(truth)');
      expectClose(entropy(pred), expected.entropyPred, 1e-9, 'H(pred)');
    });

    it.each(averageMethods)('NMI and AMI with the %s average', (averageMethod) => {
      expectClose(
        normalizedMutualInformation(truth, pred, { averageMethod }),
        expected.NMI[averageMethod],
        1e-9,
        'NMI',
      );
      const ami = adjustedMutualInformation(truth, pred, { averageMethod });
      if (expected.AMIUndefined.includes(averageMethod)) expect(ami).toBe(0);
      else expectClose(ami, expected.AMI[averageMethod], 1e-9, 'AMI');
    });

    it('CA (scipy linear_sum_assignment) and purity', () => {
      expectClose(clusteringAccuracy(truth, pred), expected.CA, 1e-9, 'CA');
      expectClose(purity(truth, pred), expected.purity, 1e-9, 'purity');
    });

    it('clusteringScores returns the same values from one table', () => {
      const scores = clusteringScores(truth, pred);
      expect(scores.n).toBe(expected.n);
      expectClose(scores.ARI, expected.ARI, 1e-9, 'ARI');
      expectClose(scores.NMI, expected.NMI.arithmetic, 1e-9, 'NMI');
      expectClose(scores.AMI, expected.AMI.arithmetic, 1e-9, 'AMI');
      expectClose(scores.CA, expected.CA, 1e-9, 'CA');
      expectClose(scores.purity, expected.purity, 1e-9, 'purity');
    });
  });

  it('10^6 labels from the seeded formula: every score, including AMI with its expected MI', () => {
    const { truth, pred } = millionLabels();
    const { expected } = fixture.million;
    expect(fixture.million.formula).toBe('million-labels-v1');
    const scores = clusteringScores(truth, pred);
    expect(scores.n).toBe(1_000_000);
    expectClose(scores.ARI, expected.ARI, 1e-9, 'ARI');
    expectClose(scores.NMI, expected.NMI.arithmetic, 1e-9, 'NMI');
    expectClose(scores.AMI, expected.AMI.arithmetic, 1e-9, 'AMI');
    expectClose(scores.CA, expected.CA, 1e-9, 'CA');
    expectClose(scores.purity, expected.purity, 1e-9, 'purity');
    expectClose(expectedMutualInformation(truth, pred), expected.EMI, 1e-9, 'EMI');
    expectClose(mutualInformation(truth, pred), expected.MI, 1e-9, 'MI');
    const max = clusteringScores(truth, pred, { averageMethod: 'max' });
    expectClose(max.NMI, expected.NMI.max, 1e-9, 'NMI max');
    expectClose(max.AMI, expected.AMI.max, 1e-9, 'AMI max');
  });
});

describe('scores by hand', () => {
  it('label type does not matter: Int32Array, number[] and string[] give the same scores', () => {
    const truth = [0, 0, 1, 1, 2, 2, 2];
    const pred = [1, 1, 0, 2, 2, 2, 0];
    const asNumbers = clusteringScores(truth, pred);
    expect(clusteringScores(Int32Array.from(truth), Int32Array.from(pred))).toEqual(asNumbers);
    expect(
      clusteringScores(
        truth.map((v) => `class ${v}`),
        pred.map((v) => `c${v}`),
      ),
    ).toEqual(asNumbers);
    // Widely spread or fractional numbers take the hashing path: same result.
    expect(
      clusteringScores(
        truth.map((v) => v * 1e9),
        pred.map((v) => v + 0.5),
      ),
    ).toEqual(asNumbers);
  });

  it('ARI of a hand-computed 2 x 2 example', () => {
    // truth {a,a,b,b}, pred {x,y,y,y}: pairs together in both = 1 (b,b... ), see Hubert-Arabie formula:
    // index = Σ C(n_ij,2) = C(1,2)+C(1,2)+C(2,2) = 1; Σ C(a_i,2) = 2; Σ C(b_j,2) = 3; C(4,2) = 6.
    // expected = 2 * 3 / 6 = 1; max = (2 + 3) / 2 = 2.5; ARI = (1 - 1) / (2.5 - 1) = 0.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 1, 1])).toBe(0);
  });

  it('CA maps unequal numbers of clusters one to one: surplus clusters count as errors', () => {
    // 3 true classes, 5 clusters; best mapping takes 4 + 3 + 2 = 9 of 12 cells.
    const truth = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
    const pred = [0, 0, 0, 0, 3, 1, 1, 1, 4, 2, 2, 4];
    expect(clusteringAccuracy(truth, pred)).toBe(9 / 12);
    expect(clusteringAccuracy(pred, truth)).toBe(9 / 12);
    // Purity credits cluster 4 with its majority class too: (4 + 1 + 3 + 2 + 1) / 12.
    expect(purity(truth, pred)).toBe(11 / 12);
  });

  it('all-distinct labelling of 10^6 cells: no n x n table, quick results', () => {
    const n = 1_000_000;
    const distinct = Int32Array.from({ length: n }, (_, i) => i);
    const reversed = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const tenths = Int32Array.from({ length: n }, (_, i) => i % 10);
    const same = clusteringScores(distinct, reversed);
    expect(same).toMatchObject({ ARI: 1, NMI: 1, AMI: 1, CA: 1, purity: 1 });
    const coarse = clusteringScores(distinct, tenths);
    expect(coarse.ARI).toBe(0);
    expect(coarse.CA).toBeCloseTo(10 / n, 15);
    expect(coarse.purity).toBeCloseTo(10 / n, 15);
    // MI = H(tenths) = log 10 and EMI = log 10 too, so AMI is 0 up to rounding.
    expect(Math.abs(coarse.AMI)).toBeLessThan(1e-9);
  });
});
