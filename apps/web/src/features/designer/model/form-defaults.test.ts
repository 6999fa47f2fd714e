import { describe, expect, it } from 'vitest';
import { onlyDefaultsFilled } from './form-defaults.js';

const schema = {
  type: 'object',
  properties: {
    temperature: { type: 'number', default: 0.7 },
    options: { type: 'object', properties: { retries: { type: 'integer', default: 2 } } },
    prompt: { type: 'string' },
  },
};

describe('onlyDefaultsFilled', () => {
  it('is true for the config with its defaults filled in, as the form reports it on opening', () => {
    expect(onlyDefaultsFilled({ temperature: 0.7, options: { retries: 2 } }, schema, {})).toBe(true);
    expect(
      onlyDefaultsFilled({ temperature: 0.2, options: { retries: 2 }, prompt: 'p' }, schema, {
        temperature: 0.2,
        prompt: 'p',
      }),
    ).toBe(true);
  });

  it('is false for an edit, including one back to a default value', () => {
    expect(onlyDefaultsFilled({ temperature: 0.7, options: { retries: 2 }, prompt: 'hi' }, schema, {})).toBe(
      false,
    );
    expect(
      onlyDefaultsFilled({ temperature: 0.7, options: { retries: 2 } }, schema, { temperature: 0.5 }),
    ).toBe(false);
    expect(onlyDefaultsFilled({ temperature: 0.7, options: { retries: 5 } }, schema, {})).toBe(false);
  });
});
