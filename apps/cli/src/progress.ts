import type { AgentFlowEvent, Usage, Workflow } from '@agentflow/protocol';
import type { CliOutput } from './io.js';

type RowState =
  | 'waiting'
  | 'running'
  | 'retrying'
  | 'done'
  | 'failed'
  | 'skipped'
  | 'paused'
  | 'cancelled'
  | 'not run';

interface Row {
  readonly id: string;
  readonly type: string;
  state: RowState;
  /** Start of the current activation. */
  startedAt: number | undefined;
  /** Elapsed time of the last finished activation, or of all of them for nodes that ran several times. */
  elapsedMs: number;
  tokens: number;
  /** Activations so far (feedback loops re-run nodes). */
  runs: number;
  /** Child executions (loop iterations, subworkflow runs): started and finished. */
  children: { started: number; done: number };
}

export interface ProgressOptions {
  readonly out: CliOutput;
  readonly color: boolean;
  /** (Default: Date.now) */
  readonly now?: () => number;
}

/**
 * Live progress for one execution on a terminal: one line per node with its state, elapsed time and tokens,
 * redrawn in place with ANSI cursor movement. Events of child executions (loop iterations, subworkflows) are
 * counted on the node that started them.
 */
export class ProgressView {
  private readonly rows: Row[];
  private readonly byId = new Map<string, Row>();
  /** Child execution id -> the top-level node that owns it. */
  private readonly owners = new Map<string, Row>();
  private drawn = 0;
  private stopped = false;
  private note: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(
    private readonly workflow: Workflow,
    private readonly executionId: string,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.rows = workflow.agents.map((a) => ({
      id: a.id,
      type: a.type,
      state: 'waiting',
      startedAt: undefined,
      elapsedMs: 0,
      tokens: 0,
      runs: 0,
      children: { started: 0, done: 0 },
    }));
    for (const row of this.rows) this.byId.set(row.id, row);
  }

  /** Starts redrawing every `intervalMs` (elapsed times tick while nodes run). */
  start(intervalMs = 100): void {
    this.options.out.write('\x1b[?25l');
    this.render();
    this.timer = setInterval(() => this.render(), intervalMs);
    this.timer.unref?.();
  }

  /** Draws the final state and gives the cursor back. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.render();
    this.options.out.write('\x1b[?25h');
  }

  /** Shows a message under the table (writing to the terminal directly would break the in-place redraw). */
  setNote(text: string): void {
    this.note = text;
    if (this.timer) this.render();
  }

  readonly onEvent = (event: AgentFlowEvent): void => {
    if (event.executionId !== this.executionId) {
      this.onChildEvent(event);
      return;
    }
    if (event.type === 'execution.completed' && event.status !== 'succeeded') {
      this.settleRemaining(event.at);
      return;
    }
    if (!('agentId' in event)) return;
    const row = this.byId.get(event.agentId);
    if (!row) return;
    switch (event.type) {
      case 'step.started':
        if (event.attempt === 1) {
          row.runs++;
          row.startedAt = event.at;
        }
        row.state = 'running';
        break;
      case 'step.retrying':
        row.state = 'retrying';
        break;
      case 'step.completed':
        this.finishActivation(row, event.durationMs);
        row.tokens += tokensOf(event.usage);
        row.state = 'done';
        break;
      case 'step.failed':
        if (!event.willRetry) {
          this.finishActivation(row, row.startedAt === undefined ? 0 : event.at - row.startedAt);
          row.state = 'failed';
        }
        break;
      case 'step.skipped':
        row.state = 'skipped';
        break;
      case 'step.waiting':
        row.state = 'paused';
        break;
    }
  };

  private onChildEvent(event: AgentFlowEvent): void {
    if (event.type === 'execution.started' && event.parentExecutionId !== undefined) {
      const owner = this.ownerOf(event.executionId, event.parentExecutionId);
      if (owner) {
        this.owners.set(event.executionId, owner);
        owner.children.started++;
      }
      return;
    }
    const owner = this.owners.get(event.executionId);
    if (!owner) return;
    if (event.type === 'step.completed') owner.tokens += tokensOf(event.usage);
    else if (event.type === 'execution.completed') owner.children.done++;
  }

  /** Child ids are `${parentExecutionId}:${agentId}:${iteration}/${key}`. */
  private ownerOf(childId: string, parentId: string): Row | undefined {
    if (parentId !== this.executionId) return this.owners.get(parentId);
    const rest = childId.slice(parentId.length + 1);
    return this.byId.get(rest.split(':')[0] ?? '');
  }

  /** The execution ended early: nodes still running were stopped, nodes still waiting never ran. */
  private settleRemaining(at: number): void {
    for (const row of this.rows) {
      if (row.state === 'running' || row.state === 'retrying') {
        this.finishActivation(row, row.startedAt === undefined ? 0 : at - row.startedAt);
        row.state = 'cancelled';
      } else if (row.state === 'waiting') row.state = 'not run';
    }
  }

  private finishActivation(row: Row, durationMs: number): void {
    row.elapsedMs = row.runs > 1 ? row.elapsedMs + durationMs : durationMs;
    row.startedAt = undefined;
  }

  /** The lines as they would be drawn now, without colors (for tests). */
  lines(): string[] {
    return this.layout().map((cells) => cells.map((c) => c.text).join(''));
  }

  private render(): void {
    const columns = this.options.out.columns ?? 0;
    const width = columns > 20 ? columns - 1 : 120;
    const lines = this.layout().map((cells) => this.paint(cells, width));
    let text = this.drawn > 0 ? `\x1b[${this.drawn}A\r` : '';
    for (const line of lines) text += `\x1b[2K${line}\n`;
    this.drawn = lines.length;
    this.options.out.write(text);
  }

  private layout(): Cell[][] {
    const now = this.now();
    const idWidth = Math.min(28, Math.max(...this.rows.map((r) => r.id.length), 4));
    const typeWidth = Math.min(12, Math.max(...this.rows.map((r) => r.type.length), 4));
    const lines: Cell[][] = [[{ text: `${this.workflow.name}  ${this.executionId}`, style: 'bold' }]];
    let tokens = 0;
    let finished = 0;
    for (const row of this.rows) {
      tokens += row.tokens;
      if (['done', 'skipped', 'failed', 'cancelled'].includes(row.state)) finished++;
      const running = row.state === 'running' || row.state === 'retrying';
      const elapsed =
        running && row.startedAt !== undefined ? row.elapsedMs + now - row.startedAt : row.elapsedMs;
      const extras: string[] = [];
      if (row.runs > 1) extras.push(`×${row.runs}`);
      if (row.children.started > 0) extras.push(`${row.children.done}/${row.children.started} runs`);
      lines.push([
        { text: `${SYMBOL[row.state]} `, style: row.state },
        { text: pad(row.id, idWidth), style: 'plain' },
        { text: ` ${pad(row.type, typeWidth)} `, style: 'dim' },
        { text: pad(row.state, 9), style: row.state },
        {
          text: ` ${pad(row.state === 'waiting' || row.state === 'skipped' || row.state === 'not run' ? '' : seconds(elapsed), 7, true)}`,
          style: 'plain',
        },
        { text: ` ${pad(row.tokens > 0 ? `${row.tokens} tok` : '', 10, true)}`, style: 'dim' },
        { text: extras.length > 0 ? `  ${extras.join(' ')}` : '', style: 'dim' },
      ]);
    }
    lines.push([
      {
        text: `${finished}/${this.rows.length} nodes · ${seconds(now - this.startedAt)} · ${tokens} tokens`,
        style: 'dim',
      },
    ]);
    if (this.note !== undefined) lines.push([{ text: this.note, style: 'bold' }]);
    return lines;
  }

  private paint(cells: Cell[], width: number): string {
    let left = width;
    let out = '';
    for (const cell of cells) {
      if (left <= 0) break;
      const text = cell.text.length > left ? cell.text.slice(0, left) : cell.text;
      left -= text.length;
      const code = this.options.color ? COLOR[cell.style] : '';
      out += code ? `${code}${text}\x1b[0m` : text;
    }
    return out;
  }
}

type Style = RowState | 'plain' | 'dim' | 'bold';
interface Cell {
  text: string;
  style: Style;
}

const SYMBOL: Record<RowState, string> = {
  waiting: '·',
  running: '›',
  retrying: '↻',
  done: '✓',
  failed: '✗',
  skipped: '-',
  paused: '‖',
  cancelled: '✗',
  'not run': '·',
};

const COLOR: Record<Style, string> = {
  waiting: '\x1b[2m',
  running: '\x1b[33m',
  retrying: '\x1b[33m',
  done: '\x1b[32m',
  failed: '\x1b[31m',
  skipped: '\x1b[2m',
  paused: '\x1b[36m',
  cancelled: '\x1b[31m',
  'not run': '\x1b[2m',
  plain: '',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
};

function tokensOf(usage: Usage | undefined): number {
  return usage ? usage.inputTokens + usage.outputTokens : 0;
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))}ms` : `${(ms / 1000).toFixed(1)}s`;
}

function pad(text: string, width: number, right = false): string {
  const t = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return right ? t.padStart(width) : t.padEnd(width);
}
