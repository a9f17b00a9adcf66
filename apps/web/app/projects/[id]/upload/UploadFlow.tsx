'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, type DragEvent } from 'react';
import {
  QualityControlHistograms,
  type QualityControl,
} from '../../../../components/QualityControlHistograms';
import { clientGraphql } from '../../../../lib/client';
import { useFormSubmit } from '../../../../lib/form-submit';
import { registerDatasetMutation, uploadQuery } from '../../../../lib/operations';
import { uploadFile } from '../../../../lib/upload';

interface UploadSummary {
  id: string;
  fileName: string;
  sizeBytes: number;
  format: string | null;
  cells: number | null;
  genes: number | null;
  nonZeros: number | null;
  labelColumns: { name: string; classes: number }[];
  qualityControl: QualityControl | null;
}

type Stage =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; fraction: number }
  | { kind: 'failed'; message: string }
  | { kind: 'uploaded'; upload: UploadSummary; benchmarks: string[] };

/** Drop or choose a file, watch it upload, read the server's summary and QC, then register it as a dataset. */
export function UploadFlow({ projectId }: { projectId: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  async function start(file: File) {
    setStage({ kind: 'uploading', fileName: file.name, fraction: 0 });
    const { promise } = uploadFile(projectId, file, (fraction) =>
      setStage({ kind: 'uploading', fileName: file.name, fraction }),
    );
    const answer = await promise;
    if (!answer.ok) {
      setStage({ kind: 'failed', message: answer.message });
      return;
    }
    try {
      const data = await clientGraphql<{ upload: UploadSummary; benchmarks: string[] }>(uploadQuery, {
        id: answer.upload.id,
      });
      setStage({ kind: 'uploaded', upload: data.upload, benchmarks: data.benchmarks });
    } catch (cause) {
      setStage({ kind: 'failed', message: (cause as Error).message });
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void start(file);
  }

  const {
    busy: registering,
    error: registerError,
    onSubmit: register,
  } = useFormSubmit(async (form) => {
    // The form exists only once the upload is summarised.
    if (stage.kind !== 'uploaded') throw new Error('Upload a file before registering it.');
    const labelColumn = String(form.get('labelColumn') ?? '');
    const reportedAs = String(form.get('reportedAs') ?? '');
    const { registerDataset } = await clientGraphql<{ registerDataset: { id: string } }>(
      registerDatasetMutation,
      {
        input: {
          uploadId: stage.upload.id,
          name: String(form.get('name') ?? ''),
          description: String(form.get('description') ?? ''),
          ...(labelColumn ? { labelColumn } : {}),
          ...(reportedAs ? { reportedAs } : {}),
        },
      },
    );
    router.push(`/datasets/${registerDataset.id}`);
  });

  const uploading = stage.kind === 'uploading';
  return (
    <>
      <div
        className={`dropzone${dragging ? ' active' : ''}`}
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drag and drop a file here, or</p>
        <label htmlFor="file-input" className="button secondary">
          Choose a file
        </label>
        <input
          ref={input}
          id="file-input"
          type="file"
          className="visually-hidden"
          disabled={uploading}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void start(file);
            event.target.value = '';
          }}
        />
      </div>

      {stage.kind === 'uploading' ? (
        <div style={{ marginTop: '1rem' }}>
          <label htmlFor="upload-progress">
            Uploading {stage.fileName}: {Math.round(stage.fraction * 100)}%
            {stage.fraction >= 1 ? ' — the server is checking the file…' : ''}
          </label>
          <progress id="upload-progress" max={1} value={stage.fraction} />
        </div>
      ) : null}

      {stage.kind === 'failed' ? (
        <div className="error" role="alert" data-testid="upload-error" style={{ marginTop: '1rem' }}>
          <strong>The server rejected the file:</strong> {stage.message}
        </div>
      ) : null}

      {stage.kind === 'uploaded' ? (
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading">{stage.upload.fileName}</h2>
          <dl className="facts" data-testid="upload-summary">
            <dt>Format</dt>
            <dd>{stage.upload.format}</dd>
            <dt>Cells</dt>
            <dd data-testid="upload-cells">{stage.upload.cells?.toLocaleString('en-US')}</dd>
            <dt>Genes</dt>
            <dd data-testid="upload-genes">{stage.upload.genes?.toLocaleString('en-US')}</dd>
            <dt>Non-zero counts</dt>
            <dd>{stage.upload.nonZeros?.toLocaleString('en-US')}</dd>
            <dt>Size</dt>
            <dd>{(stage.upload.sizeBytes / 1024 / 1024).toFixed(2)} MiB</dd>
          </dl>
          {stage.upload.qualityControl ? (
            <div className="row" style={{ alignItems: 'flex-start', marginTop: '1rem' }}>
              <QualityControlHistograms qualityControl={stage.upload.qualityControl} />
            </div>
          ) : null}

          <h2>Register it</h2>
          <form className="stack" onSubmit={register}>
            <div className="field">
              <label htmlFor="dataset-name">Name</label>
              <input
                id="dataset-name"
                name="name"
                type="text"
                required
                maxLength={200}
                defaultValue={stage.upload.fileName
                  .replace(/\.(h5ad|h5|csv|tsv|gz|zip|mtx)+$/gi, '')
                  .replace(/\.(csr|dense)$/i, '')}
              />
            </div>
            <div className="field">
              <label htmlFor="dataset-description">Description</label>
              <textarea id="dataset-description" name="description" rows={2} />
            </div>
            <div className="field">
              <label htmlFor="label-column">Ground-truth label column</label>
              <select
                id="label-column"
                name="labelColumn"
                defaultValue={stage.upload.labelColumns[0]?.name ?? ''}
              >
                <option value="">none (no scores against truth)</option>
                {stage.upload.labelColumns.map((column) => (
                  <option key={column.name} value={column.name}>
                    {column.name} ({column.classes} classes)
                  </option>
                ))}
              </select>
              <span className="help">Scores (ARI, NMI, CA) and the leaderboard use it.</span>
            </div>
            <div className="field">
              <label htmlFor="reported-as">This is the paper&apos;s dataset</label>
              <select id="reported-as" name="reportedAs" defaultValue="">
                <option value="">none of them</option>
                {stage.benchmarks.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
              <span className="help">
                Links the leaderboard to the paper&apos;s reported numbers for that dataset.
              </span>
            </div>
            {registerError ? (
              <p className="error" role="alert">
                {registerError}
              </p>
            ) : null}
            <div>
              <button type="submit" disabled={registering}>
                Register dataset
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}
