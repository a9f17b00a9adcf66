'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { LossCharts } from '../../../components/LossChart';
import { StatusBadge } from '../../../components/StatusBadge';
import { clientGraphql } from '../../../lib/client';
import { cancelRunMutation, runProgressQuery } from '../../../lib/operations';
import type { HistoryEntry } from '../../../lib/series';

interface LiveState {
  status: string;
  progress: number;
  phase: string | null;
  history: HistoryEntry[];
}

interface ProgressData {
  run: {
    status: string;
    progress: number;
    phase: string | null;
    failureReason: string | null;
    metricHistory: { key: string; points: { step: number; value: number; phase: string | null }[] }[];
  };
}

/** Polls a queued or running run every 1.5 s: status, progress, phase and loss curves update without a reload. */
export function RunLive({
  runId,
  initial,
  canCancel,
}: {
  runId: string;
  initial: LiveState;
  canCancel: boolean;
}) {
  const router = useRouter();
  const [state, setState] = useState<LiveState>(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { run } = await clientGraphql<ProgressData>(runProgressQuery, { id: runId });
        if (stopped) return;
        setError(null);
        setState({
          status: run.status,
          progress: run.progress,
          phase: run.phase,
          history: run.metricHistory.flatMap((series) =>
            series.points.map((point) => ({
              key: series.key,
              step: point.step,
              value: point.value,
              phase: point.phase,
            })),
          ),
        });
        if (run.status !== 'QUEUED' && run.status !== 'RUNNING') {
          // Finished: the server page renders the results.
          router.refresh();
          return;
        }
      } catch (cause) {
        if (!stopped) setError((cause as Error).message);
      }
      if (!stopped) timer = setTimeout(poll, 1500);
    };
    timer = setTimeout(poll, 1500);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, router]);

  const percent = Math.round(state.progress * 100);
  return (
    <section aria-labelledby="progress-heading" className="panel">
      <h2 id="progress-heading" style={{ marginTop: 0 }}>
        Progress
      </h2>
      <div className="row" aria-live="polite">
        <StatusBadge status={state.status} />
        <span data-testid="run-phase">
          {state.phase ? `phase: ${state.phase}` : state.status === 'QUEUED' ? 'waiting for a trainer' : ''}
        </span>
        <span data-testid="run-progress-text">{percent}%</span>
      </div>
      <progress
        max={1}
        value={state.progress}
        aria-label="Run progress"
        data-testid="run-progress"
        data-value={state.progress}
      />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {canCancel ? (
        <p>
          <button
            type="button"
            className="danger"
            onClick={async () => {
              try {
                await clientGraphql(cancelRunMutation, { id: runId });
                router.refresh();
              } catch (cause) {
                setError((cause as Error).message);
              }
            }}
          >
            Cancel run
          </button>
        </p>
      ) : null}
      <h3>Losses</h3>
      <LossCharts history={state.history} />
    </section>
  );
}
