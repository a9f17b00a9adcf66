/** One logged value of a run's history. */
export interface HistoryEntry {
  key: string;
  step: number;
  value: number;
  phase?: string | null;
}

/** The history of one phase as uPlot wants it: a shared x axis and one y array per key (null where missing). */
export interface AlignedSeries {
  phase: string;
  keys: string[];
  steps: number[];
  values: (number | null)[][];
}

/** Groups history by phase (in order of first appearance) and aligns each phase's keys on its sorted steps. */
export function alignHistory(entries: readonly HistoryEntry[]): AlignedSeries[] {
  const phases = new Map<string, HistoryEntry[]>();
  for (const entry of entries) {
    const phase = entry.phase ?? 'train';
    if (!phases.has(phase)) phases.set(phase, []);
    phases.get(phase)!.push(entry);
  }
  return [...phases].map(([phase, list]) => {
    const steps = [...new Set(list.map((entry) => entry.step))].sort((a, b) => a - b);
    const keys = [...new Set(list.map((entry) => entry.key))].sort();
    const stepIndex = new Map(steps.map((step, index) => [step, index]));
    const values = keys.map(() => new Array<number | null>(steps.length).fill(null));
    for (const entry of list) {
      values[keys.indexOf(entry.key)]![stepIndex.get(entry.step)!] = Number.isFinite(entry.value)
        ? entry.value
        : null;
    }
    return { phase, keys, steps, values };
  });
}
