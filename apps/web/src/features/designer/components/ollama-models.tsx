/**
 * Ollama in the agent's model selector: whether the server reaches Ollama, its installed models (choose one),
 * and, for those who may manage providers, a pull with live progress (`POST /providers/ollama/pull`, one JSON
 * object per line). The server talks to its configured OLLAMA_BASE_URL only.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api, errorText, unwrap } from '../../../lib/api.js';
import { Button } from '../../../ui/button.js';
import { inputClass } from '../../../ui/field.js';
import { useMe } from '../../auth/session.js';

export const ollamaStatusQuery = {
  queryKey: ['providers', 'ollama', 'status'] as const,
  queryFn: async () => unwrap(await api.GET('/api/v1/providers/ollama/status')),
  staleTime: 30_000,
};

export const ollamaModelsQuery = {
  queryKey: ['providers', 'ollama', 'models'] as const,
  queryFn: async () => unwrap(await api.GET('/api/v1/providers/ollama/models')).items,
  staleTime: 30_000,
  retry: false,
};

export interface PullProgress {
  status: string;
  total?: number;
  completed?: number;
  percent?: number;
  error?: { code: string; message: string };
}

/** Reads a stream of JSON lines, calling `onLine` with each parsed object. */
export async function readJsonLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (value: unknown) => void,
): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) onLine(JSON.parse(line));
      nl = buffer.indexOf('\n');
    }
    if (done) break;
  }
  if (buffer.trim()) onLine(JSON.parse(buffer));
}

function gigabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

export function OllamaModels({
  model,
  readOnly,
  onChoose,
}: {
  model: string;
  readOnly: boolean;
  onChoose: (model: string) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const mayPull = useMe().data?.permissions.includes('provider:manage') ?? false;
  const status = useQuery(ollamaStatusQuery);
  const reachable = status.data?.reachable ?? false;
  const models = useQuery({ ...ollamaModelsQuery, enabled: reachable });
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<PullProgress>();
  const [pulling, setPulling] = useState(false);
  /** The model of the last pull (the field is cleared when it succeeds). */
  const [target, setTarget] = useState('');
  const abort = useRef<AbortController | undefined>(undefined);

  const pull = async () => {
    const wanted = name.trim();
    if (!wanted) return;
    abort.current = new AbortController();
    setTarget(wanted);
    setPulling(true);
    setProgress({ status: 'starting' });
    try {
      const { data } = await api.POST('/api/v1/providers/ollama/pull', {
        body: { name: wanted },
        parseAs: 'stream',
        signal: abort.current.signal,
      });
      let last: PullProgress | undefined;
      if (data)
        await readJsonLines(data, (line) => {
          last = line as PullProgress;
          setProgress(last);
        });
      if (last?.status === 'success') setName('');
      await queryClient.invalidateQueries({ queryKey: ollamaModelsQuery.queryKey });
    } catch (error) {
      if (!abort.current.signal.aborted)
        setProgress({ status: 'error', error: { code: '', message: errorText(error) } });
      else setProgress({ status: 'cancelled' });
    } finally {
      setPulling(false);
    }
  };

  const percent =
    progress?.percent ??
    (progress?.total && progress.completed !== undefined
      ? Math.round((progress.completed / progress.total) * 100)
      : undefined);

  return (
    <div className="space-y-2" data-testid="ollama">
      <p className="flex items-center gap-1.5 text-xs" role="status">
        <span
          aria-hidden
          className={`inline-block h-2 w-2 rounded-full ${
            status.isPending ? 'bg-slate-400' : reachable ? 'bg-emerald-500' : 'bg-red-500'
          }`}
        />
        {status.isPending
          ? 'Checking Ollama…'
          : reachable
            ? `Ollama ${status.data?.version ?? ''} at ${status.data?.baseURL}`
            : `Ollama is not reachable at ${status.data?.baseURL ?? 'its address'}${
                status.data?.error ? `: ${status.data.error}` : ''
              }`}
      </p>
      {reachable && (
        <div>
          <p id={`${id}-installed`} className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            Installed models
          </p>
          {models.data && models.data.length === 0 && (
            <p className="text-xs text-slate-500">None yet: pull one below.</p>
          )}
          <ul aria-labelledby={`${id}-installed`} className="max-h-40 space-y-1 overflow-y-auto">
            {models.data?.map((m) => (
              <li key={m.name}>
                <button
                  type="button"
                  disabled={readOnly}
                  aria-pressed={m.name === model}
                  onClick={() => onChoose(m.name)}
                  className={`flex w-full flex-col items-start rounded border px-2 py-1 text-left text-xs disabled:cursor-default ${
                    m.name === model
                      ? 'border-indigo-500 bg-indigo-50 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100'
                      : 'border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800'
                  }`}
                >
                  <span className="max-w-full truncate font-mono">{m.name}</span>
                  <span className="text-[11px] text-slate-500 dark:text-slate-400">
                    {[m.parameterSize, m.quantization, gigabytes(m.size)].filter(Boolean).join(' · ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {reachable && mayPull && !readOnly && (
        <div className="space-y-1.5">
          <label
            htmlFor={`${id}-pull`}
            className="block text-xs font-medium text-slate-600 dark:text-slate-300"
          >
            Pull a model
          </label>
          <div className="flex gap-1.5">
            <input
              id={`${id}-pull`}
              className={inputClass}
              placeholder="e.g. qwen2.5:7b"
              value={name}
              disabled={pulling}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void pull();
              }}
            />
            {pulling ? (
              <Button size="sm" onClick={() => abort.current?.abort()}>
                Cancel
              </Button>
            ) : (
              <Button size="sm" onClick={() => void pull()} disabled={name.trim() === ''}>
                Pull
              </Button>
            )}
          </div>
          {progress && (
            <div className="space-y-1" data-testid="pull-progress">
              {progress.status !== 'error' && progress.status !== 'success' && (
                <progress
                  className="af-progress h-1.5 w-full"
                  max={100}
                  aria-label={`Pulling ${target}`}
                  {...(percent !== undefined ? { value: percent } : {})}
                />
              )}
              <p
                className={`text-xs ${
                  progress.status === 'error'
                    ? 'text-red-600 dark:text-red-400'
                    : progress.status === 'success'
                      ? 'text-emerald-700 dark:text-emerald-400'
                      : 'text-slate-600 dark:text-slate-300'
                }`}
                role={progress.status === 'error' ? 'alert' : undefined}
              >
                {progress.status === 'error'
                  ? `${progress.error?.code ? `${progress.error.code}: ` : ''}${progress.error?.message ?? 'the pull failed'}`
                  : progress.status === 'success'
                    ? `Pulled ${target}.`
                    : `${progress.status}${percent !== undefined ? ` · ${percent}%` : ''}`}
              </p>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
