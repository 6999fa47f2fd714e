import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Palette } from './palette.js';

const types = [
  { type: 'input', category: 'io', description: 'Receives the input', configSchema: {} },
  { type: 'agent', category: 'ai', description: 'Calls an LLM', configSchema: {} },
  { type: 'router', category: 'control', description: 'Routes by CEL', configSchema: {} },
];
const library = [
  {
    id: 'agent-summarizer',
    name: 'Summarizer',
    description: 'Summarizes its input in three sentences.',
    icon: '📄',
    defaultConfig: { provider: 'openai', model: 'gpt-4o-mini', systemPrompt: 'Summarize.' },
  },
  { id: 'x-classifier', name: 'Classifier', description: 'Labels sentiment', nodeType: 'classify' },
];

afterEach(cleanup);

describe('the palette’s agent library', () => {
  it('lists agent templates right after the Agents group and adds one with its config and name', () => {
    const onAdd = vi.fn();
    render(<Palette types={types} onAdd={onAdd} disabled={false} library={library} />);
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Input / output',
      'Agents',
      'Agent library',
      'Control flow',
    ]);
    fireEvent.click(screen.getByTestId('palette-template-agent-summarizer'));
    expect(onAdd).toHaveBeenCalledWith('agent', {
      name: 'Summarizer',
      config: { provider: 'openai', model: 'gpt-4o-mini', systemPrompt: 'Summarize.' },
    });
    fireEvent.click(screen.getByTestId('palette-template-x-classifier'));
    expect(onAdd).toHaveBeenLastCalledWith('classify', { name: 'Classifier', config: {} });
  });

  it('is searched with the node types, and comes first when no node type matches', () => {
    render(<Palette types={types} onAdd={() => {}} disabled={false} library={library} />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search node types' }), {
      target: { value: 'sentiment' },
    });
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Agent library']);
    expect(screen.queryByTestId('palette-template-agent-summarizer')).toBeNull();
    expect(screen.getByTestId('palette-template-x-classifier')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search node types' }), {
      target: { value: 'nothing at all' },
    });
    expect(screen.getByText(/No node type matches/)).toBeTruthy();
  });

  it('sets the dragged node type and its preset on the drag data', () => {
    render(<Palette types={types} onAdd={() => {}} disabled={false} library={library} />);
    const data = new Map<string, string>();
    fireEvent.dragStart(screen.getByTestId('palette-template-agent-summarizer'), {
      dataTransfer: { setData: (k: string, v: string) => data.set(k, v), effectAllowed: '' },
    });
    expect(data.get('application/x-agentflow-node-type')).toBe('agent');
    expect(JSON.parse(data.get('application/x-agentflow-node-preset')!)).toEqual({
      name: 'Summarizer',
      config: { provider: 'openai', model: 'gpt-4o-mini', systemPrompt: 'Summarize.' },
    });
  });
});
