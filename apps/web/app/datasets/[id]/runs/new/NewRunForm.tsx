'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { clientGraphql } from '../../../../../lib/client';
import { startRunMutation } from '../../../../../lib/operations';
import {
  collectParams,
  defaultText,
  fieldsFromDefaults,
  fieldsFromSchema,
  parseSeeds,
  type ParamField,
} from '../../../../../lib/param-fields';

/** A runnable method as the form needs it. */
export interface MethodOption {
  id: string;
  displayName: string;
  kind: string;
  description: string;
  defaultParams: Record<string, unknown> | null;
  /** JSON Schema of the method's options, when the API provides one (richer help and bounds). */
  paramsSchema?: unknown;
}

function fieldsOf(method: MethodOption): ParamField[] {
  if (method.paramsSchema) return fieldsFromSchema(method.paramsSchema);
  return fieldsFromDefaults(method.defaultParams ?? {});
}

/** Choose methods, set each one's parameters and the seeds, and queue one run group per method. */
export function NewRunForm({
  datasetId,
  projectId,
  methods,
}: {
  datasetId: string;
  projectId: string;
  methods: MethodOption[];
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>(() => (methods[0] ? [methods[0].id] : []));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldsByMethod = useMemo(
    () => new Map(methods.map((method) => [method.id, fieldsOf(method)])),
    [methods],
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    let requests: { methodId: string; params: Record<string, unknown>; seeds: number[] }[];
    try {
      if (selected.length === 0) throw new Error('Choose at least one method.');
      const seeds = parseSeeds(String(form.get('seeds') ?? ''));
      // Baselines first: they finish in seconds, so their results show while the deep models train.
      const order = (methodId: string) =>
        methods.find((method) => method.id === methodId)?.kind === 'BASELINE' ? 0 : 1;
      requests = [...selected]
        .sort((a, b) => order(a) - order(b))
        .map((methodId) => {
          const fields = fieldsByMethod.get(methodId) ?? [];
          const raw: Record<string, string | boolean> = {};
          for (const field of fields) {
            const key = `${methodId}.${field.name}`;
            raw[field.name] = field.kind === 'boolean' ? form.get(key) === 'on' : String(form.get(key) ?? '');
          }
          const params = collectParams(fields, raw);
          const extra = String(form.get(`${methodId}.__extra`) ?? '').trim();
          if (extra) {
            let parsed: unknown;
            try {
              parsed = JSON.parse(extra);
            } catch {
              throw new Error(`Extra parameters of ${methodId} are not valid JSON.`);
            }
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
              throw new Error(`Extra parameters of ${methodId} must be a JSON object.`);
            }
            Object.assign(params, parsed);
          }
          return { methodId, params, seeds };
        });
    } catch (cause) {
      setError((cause as Error).message);
      return;
    }
    setBusy(true);
    try {
      const runIds: string[] = [];
      for (const request of requests) {
        const { startRun } = await clientGraphql<{ startRun: { id: string; runs: { id: string }[] } }>(
          startRunMutation,
          { input: { datasetId, ...request } },
        );
        runIds.push(...startRun.runs.map((run) => run.id));
      }
      if (runIds.length === 1) router.push(`/runs/${runIds[0]}`);
      else router.push(`/projects/${projectId}?dataset=${datasetId}`);
    } catch (cause) {
      setError((cause as Error).message);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="new-run">
      <fieldset className="panel">
        <legend>Methods</legend>
        {methods.map((method) => (
          <div key={method.id} style={{ marginBottom: '0.4rem' }}>
            <input
              type="checkbox"
              id={`method-${method.id}`}
              name="methods"
              value={method.id}
              checked={selected.includes(method.id)}
              onChange={(event) =>
                setSelected((current) =>
                  event.target.checked ? [...current, method.id] : current.filter((id) => id !== method.id),
                )
              }
            />{' '}
            <label htmlFor={`method-${method.id}`}>{method.displayName}</label>{' '}
            <span className="muted" style={{ fontSize: '0.85rem' }}>
              — {method.description}
            </span>
          </div>
        ))}
      </fieldset>

      <div className="field" style={{ maxWidth: '20rem', margin: '1rem 0' }}>
        <label htmlFor="seeds">Seeds</label>
        <input id="seeds" name="seeds" type="text" defaultValue="1" aria-describedby="seeds-help" />
        <span className="help" id="seeds-help">
          One run per seed, e.g. <code>1, 2, 3</code>; the leaderboard shows mean ± sd over seeds.
        </span>
      </div>

      {methods
        .filter((method) => selected.includes(method.id))
        .map((method) => {
          const fields = fieldsByMethod.get(method.id) ?? [];
          return (
            <fieldset key={method.id} className="panel" style={{ marginBottom: '1rem' }}>
              <legend>{method.displayName} parameters</legend>
              {fields.length === 0 ? (
                <p className="muted">This method runs with its built-in defaults.</p>
              ) : (
                <div className="grid-2">
                  {fields.map((field) => (
                    <ParamInput key={field.name} methodId={method.id} field={field} />
                  ))}
                </div>
              )}
              <div className="field" style={{ marginTop: '0.8rem' }}>
                <label htmlFor={`${method.id}.__extra`}>Other parameters (JSON object)</label>
                <textarea
                  id={`${method.id}.__extra`}
                  name={`${method.id}.__extra`}
                  rows={2}
                  placeholder='{"pretrainSteps": 50}'
                  aria-describedby={`${method.id}.__extra-help`}
                />
                <span className="help" id={`${method.id}.__extra-help`}>
                  Any option of the method not listed above; the server rejects unknown names.
                </span>
              </div>
            </fieldset>
          );
        })}

      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {selected.length > 1 ? `Start ${selected.length} methods` : 'Start run'}
      </button>
    </form>
  );
}

function ParamInput({ methodId, field }: { methodId: string; field: ParamField }) {
  const id = `${methodId}.${field.name}`;
  const helpId = `${id}-help`;
  return (
    <div className="field">
      <label htmlFor={id}>{field.name}</label>
      {field.kind === 'boolean' ? (
        <input
          id={id}
          name={id}
          type="checkbox"
          defaultChecked={Boolean(field.defaultValue)}
          aria-describedby={helpId}
        />
      ) : field.kind === 'enum' ? (
        <select id={id} name={id} defaultValue={defaultText(field)} aria-describedby={helpId}>
          {field.options?.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={id}
          type={field.kind === 'number' || field.kind === 'integer' ? 'number' : 'text'}
          step={field.kind === 'integer' ? 1 : 'any'}
          min={field.minimum}
          max={field.maximum}
          defaultValue={defaultText(field)}
          placeholder={field.nullable ? 'automatic' : undefined}
          aria-describedby={helpId}
        />
      )}
      <span className="help" id={helpId}>
        {field.help}
      </span>
    </div>
  );
}
