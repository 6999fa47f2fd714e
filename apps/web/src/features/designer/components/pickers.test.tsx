import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Fallback, FallbackPicker, move, providersQuery } from './fallback-picker.js';
import { readJsonLines } from './ollama-models.js';
import { type ToolInfo, ToolsPicker, toolsQuery } from './tools-picker.js';

const tools: ToolInfo[] = [
  { name: 'web_fetch', description: 'Fetches a page', sideEffect: false, source: 'builtin' },
  { name: 'http_request', description: 'Any HTTP request', sideEffect: true, source: 'builtin' },
  {
    name: 'wiki__search',
    description: 'Searches the wiki',
    sideEffect: false,
    source: 'mcp',
    server: 'wiki',
  },
  { name: 'crm__create_lead', description: 'Creates a lead', sideEffect: true, source: 'mcp', server: 'crm' },
];
const providers = [
  {
    name: 'openai',
    kind: 'openai',
    configured: true,
    capabilities: {},
    models: [{ id: 'gpt-5', capabilities: {} }],
  },
  {
    name: 'anthropic',
    kind: 'anthropic',
    configured: false,
    problem: 'ANTHROPIC_API_KEY is not set',
    capabilities: {},
    models: [{ id: 'claude-sonnet-4-5', capabilities: {} }],
  },
];

/** Server state already in the cache (fresh): the pickers render it without a request. */
function withData(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(toolsQuery.queryKey, tools);
  client.setQueryData(providersQuery.queryKey, providers);
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

afterEach(cleanup);

function ControlledTools({
  initial,
  onChange,
}: {
  initial?: string[];
  onChange: (t: string[] | undefined) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <ToolsPicker
      value={value}
      readOnly={false}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

function ControlledFallback({
  initial,
  onChange,
}: {
  initial?: Fallback[];
  onChange: (f: Fallback[] | undefined) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <FallbackPicker
      value={value}
      readOnly={false}
      errors={{ 1: 'AF_UNKNOWN_MODEL: no such model' }}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

describe('tools picker', () => {
  it('groups built-ins first, then each MCP server; searches; checks and unchecks', () => {
    const onChange = vi.fn();
    withData(<ControlledTools onChange={onChange} />);
    const groups = screen.getAllByRole('group').slice(1); // the first is the picker itself
    expect(groups.map((g) => g.querySelector('legend')?.textContent)).toEqual([
      'Built-in',
      'MCP · crm',
      'MCP · wiki',
    ]);
    expect(
      within(groups[0]!)
        .getAllByRole('checkbox')
        .map((c) => c.closest('label')?.textContent),
    ).toEqual([expect.stringContaining('http_request'), expect.stringContaining('web_fetch')]);
    expect(within(groups[0]!).getByText('http_request').closest('label')?.textContent).toContain(
      'side effects',
    );

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search tools' }), { target: { value: 'wiki' } });
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    fireEvent.click(screen.getByRole('checkbox', { name: /wiki__search/ }));
    expect(onChange).toHaveBeenLastCalledWith(['wiki__search']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search tools' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /http_request/ }));
    expect(onChange).toHaveBeenLastCalledWith(['wiki__search', 'http_request']);
    expect(screen.getByText('(2 chosen)')).toBeTruthy();
    // Chosen tools are listed above the search, each removable there.
    const chips = screen.getByRole('list', { name: 'Chosen tools' });
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['wiki__search', 'http_request']);
    fireEvent.click(screen.getByRole('checkbox', { name: /wiki__search/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /http_request/ }));
    // Nothing chosen: the field is removed rather than left as an empty list.
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('keeps a chosen tool the server no longer offers, marked, until it is removed', () => {
    const onChange = vi.fn();
    withData(<ControlledTools initial={['gone_tool', 'web_fetch']} onChange={onChange} />);
    const stale = screen.getByRole('checkbox', { name: /gone_tool/ }).closest('label')!;
    expect(stale.textContent).toContain('not offered by this server');
    fireEvent.click(within(stale).getByRole('checkbox'));
    expect(onChange).toHaveBeenLastCalledWith(['web_fetch']);
  });

  it('is inert when read-only', () => {
    withData(<ToolsPicker value={['web_fetch']} readOnly onChange={() => {}} />);
    for (const box of screen.getAllByRole('checkbox')) expect(box).toHaveProperty('disabled', true);
  });
});

describe('fallback chain picker', () => {
  it('adds (first configured provider and its first model), edits, reorders and removes', () => {
    const onChange = vi.fn();
    withData(<ControlledFallback onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add fallback' }));
    expect(onChange).toHaveBeenLastCalledWith([{ provider: 'openai', model: 'gpt-5' }]);
    fireEvent.click(screen.getByRole('button', { name: '+ Add fallback' }));
    fireEvent.change(screen.getByLabelText('Fallback 2 provider'), { target: { value: 'anthropic' } });
    fireEvent.change(screen.getByLabelText('Fallback 2 model'), { target: { value: 'claude-sonnet-4-5' } });
    expect(onChange).toHaveBeenLastCalledWith([
      { provider: 'openai', model: 'gpt-5' },
      { provider: 'anthropic', model: 'claude-sonnet-4-5' },
    ]);
    // An unconfigured provider says why; a problem is shown on its row.
    expect(screen.getByText('ANTHROPIC_API_KEY is not set')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('AF_UNKNOWN_MODEL: no such model');
    expect(screen.getByRole('button', { name: 'Move fallback 1 up' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Move fallback 2 down' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Move fallback 2 up' }));
    expect(onChange).toHaveBeenLastCalledWith([
      { provider: 'anthropic', model: 'claude-sonnet-4-5' },
      { provider: 'openai', model: 'gpt-5' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove fallback 1' }));
    expect(onChange).toHaveBeenLastCalledWith([{ provider: 'openai', model: 'gpt-5' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove fallback 1' }));
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('offers no editing when read-only', () => {
    withData(
      <FallbackPicker value={[{ provider: 'openai', model: 'gpt-5' }]} readOnly onChange={() => {}} />,
    );
    expect(screen.queryByRole('button', { name: '+ Add fallback' })).toBeNull();
    expect(screen.getByLabelText('Fallback 1 provider')).toHaveProperty('disabled', true);
    expect(screen.getByLabelText('Fallback 1 model')).toHaveProperty('readOnly', true);
  });

  it('moves an item within a list', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
});

describe('pull progress stream', () => {
  it('reads JSON lines split anywhere across chunks', async () => {
    const text =
      '{"status":"pulling manifest"}\n{"status":"pulling ab","total":100,"completed":25}\n{"status":"success"}';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const lines: unknown[] = [];
    await readJsonLines(stream, (line) => lines.push(line));
    expect(lines).toEqual([
      { status: 'pulling manifest' },
      { status: 'pulling ab', total: 100, completed: 25 },
      { status: 'success' },
    ]);
  });
});
