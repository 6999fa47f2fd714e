import { describe, expect, it } from 'vitest';
import {
  compactCount,
  filtersFromParams,
  groupTargets,
  initialMapping,
  mappingBody,
  missingCredentials,
  paramsFromFilters,
  parseTags,
  ratingText,
} from './filters.js';

describe('gallery filters in the URL', () => {
  it('round-trips every filter and leaves defaults out', () => {
    const f = filtersFromParams(
      new URLSearchParams('q=sum&category=research&kind=agent&visibility=public&sort=rating'),
    );
    expect(f).toEqual({
      q: 'sum',
      category: 'research',
      kind: 'agent',
      visibility: 'public',
      sort: 'rating',
    });
    expect(paramsFromFilters(f).toString()).toBe(
      'q=sum&category=research&kind=agent&visibility=public&sort=rating',
    );
    expect(paramsFromFilters({ sort: 'popular' }).toString()).toBe('');
  });

  it('ignores unknown values instead of sending them to the API', () => {
    expect(
      filtersFromParams(new URLSearchParams('kind=robot&visibility=secret&sort=random&q=%20%20')),
    ).toEqual({
      sort: 'popular',
    });
  });
});

describe('tags', () => {
  it('lower-cases, trims, deduplicates and reports the ones the API refuses', () => {
    expect(parseTags(' Research, multi  agent,research,, -bad, ok+1 ')).toEqual({
      tags: ['research', 'multi agent', 'ok+1'],
      invalid: ['-bad'],
    });
  });
  it('keeps at most 20', () => {
    const { tags, invalid } = parseTags(Array.from({ length: 22 }, (_, i) => `t${i}`).join(','));
    expect(tags).toHaveLength(20);
    expect(invalid).toEqual(['t20 (more than 20 tags)', 't21 (more than 20 tags)']);
  });
});

describe('counts and ratings', () => {
  it('compacts counts', () => {
    expect([0, 999, 1000, 1250, 12_400, 2_500_000].map(compactCount)).toEqual([
      '0',
      '999',
      '1k',
      '1.3k',
      '12k',
      '2.5M',
    ]);
  });
  it('says when a template is not rated', () => {
    expect(ratingText(undefined, 0)).toBe('Not rated yet');
    expect(ratingText(4.25, 1)).toBe('4.3 out of 5 (1 rating)');
    expect(ratingText(3, 7)).toBe('3.0 out of 5 (7 ratings)');
  });
});

describe('credential mapping at install', () => {
  const reqs = [
    { key: 'openai', type: 'openai', optional: true, candidates: ['main', 'spare'] },
    { key: 'db', type: 'postgres', optional: false, candidates: ['warehouse'], mapped: 'warehouse' },
    { key: 'slack', type: 'slack', optional: false, candidates: [] },
  ];
  it('starts from what the server would map, none for optional ones', () => {
    expect(initialMapping(reqs)).toEqual({ openai: '', db: 'warehouse', slack: '' });
  });
  it('lists the required ones still missing and sends only mapped keys', () => {
    const mapping = { openai: 'spare', db: 'warehouse', slack: '' };
    expect(missingCredentials(reqs, mapping)).toEqual(['slack']);
    expect(mappingBody(mapping)).toEqual({ openai: 'spare', db: 'warehouse' });
  });
});

describe('install targets', () => {
  it('groups the same model, tool or URL into one line with every path, in order', () => {
    expect(
      groupTargets([
        { kind: 'model', path: 'agents[2].config', provider: 'openai', model: 'gpt-4o-mini' },
        { kind: 'tool', path: 'agents[3].config.tools[0]', tool: 'web_fetch' },
        { kind: 'model', path: 'agents[3].config', provider: 'openai', model: 'gpt-4o-mini' },
        { kind: 'url', path: 'agents[4].config.url', url: 'https://example.com/' },
        { kind: 'model', path: 'agents[5].config', provider: 'anthropic', model: 'claude' },
      ]),
    ).toEqual([
      { kind: 'model', label: 'openai gpt-4o-mini', paths: ['agents[2].config', 'agents[3].config'] },
      { kind: 'tool', label: 'web_fetch', paths: ['agents[3].config.tools[0]'] },
      { kind: 'url', label: 'https://example.com/', paths: ['agents[4].config.url'] },
      { kind: 'model', label: 'anthropic claude', paths: ['agents[5].config'] },
    ]);
  });
});
