import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Palette } from './palette.js';

const types = [
  { type: 'input', category: 'io', description: 'Receives the input', configSchema: {} },
  { type: 'output', category: 'io', description: 'Marks the output', configSchema: {} },
  { type: 'agent', category: 'ai', description: 'Calls an LLM', configSchema: {} },
  { type: 'router', category: 'control', description: 'Routes by CEL', configSchema: {} },
  { type: 'tool', category: 'tool', description: 'Calls a tool', configSchema: {} },
  { type: 'custom', category: null, description: 'A plugin node', configSchema: {} },
];

afterEach(cleanup);

describe('node palette', () => {
  it('groups every node type, filters by search, and adds on click', () => {
    const onAdd = vi.fn();
    render(<Palette types={types} onAdd={onAdd} disabled={false} />);
    const headings = screen.getAllByRole('heading').map((h) => h.textContent);
    expect(headings).toEqual(['Input / output', 'Agents', 'Control flow', 'Tools', 'Other']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search node types' }), {
      target: { value: 'llm' },
    });
    expect(screen.getAllByRole('button').map((b) => within(b).getAllByText(/./)[0]!.textContent)).toEqual([
      'agent',
    ]);
    fireEvent.click(screen.getByRole('button', { name: /agent/ }));
    expect(onAdd).toHaveBeenCalledWith('agent');
  });

  it('is inert when read-only', () => {
    render(<Palette types={types} onAdd={() => {}} disabled />);
    for (const button of screen.getAllByRole('button')) expect(button).toHaveProperty('disabled', true);
  });
});
