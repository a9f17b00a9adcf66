import { describe, expect, it } from 'vitest';
import { ProgressRecorder } from './progress-recorder.js';

describe('ProgressRecorder', () => {
  it('turns each loss of each event into a history row with a per-key step', () => {
    const recorder = new ProgressRecorder();
    recorder.record({
      phase: 'pretrain',
      epoch: 0,
      totalEpochs: 2,
      fraction: 0.1,
      losses: { nb: 3, contrastive: 1 },
    });
    recorder.record({ phase: 'pretrain', epoch: 1, totalEpochs: 2, fraction: 0.2, losses: { nb: 2.5 } });
    recorder.record({
      phase: 'cluster',
      epoch: 0,
      totalEpochs: 5,
      fraction: 0.6,
      losses: { nb: 2, kmeans: Number.NaN },
    });
    expect(recorder.takeProgress()).toEqual({ phase: 'cluster', fraction: 0.6 });
    expect(recorder.takeProgress()).toBeUndefined();
    expect(recorder.takeRows()).toEqual([
      { key: 'nb', step: 0, value: 3, phase: 'pretrain', epoch: 0 },
      { key: 'contrastive', step: 0, value: 1, phase: 'pretrain', epoch: 0 },
      { key: 'nb', step: 1, value: 2.5, phase: 'pretrain', epoch: 1 },
      { key: 'nb', step: 2, value: 2, phase: 'cluster', epoch: 0 },
    ]);
    expect(recorder.takeRows()).toEqual([]);
  });

  it('keeps rows whose write failed ahead of newer ones', () => {
    const recorder = new ProgressRecorder();
    recorder.record({ phase: 'pretrain', epoch: 0, totalEpochs: 2, fraction: 0.1, losses: { nb: 3 } });
    const failed = recorder.takeRows();
    recorder.record({ phase: 'pretrain', epoch: 1, totalEpochs: 2, fraction: 0.2, losses: { nb: 2 } });
    recorder.restoreRows(failed);
    expect(recorder.takeRows().map((row) => row.step)).toEqual([0, 1]);
  });
});
