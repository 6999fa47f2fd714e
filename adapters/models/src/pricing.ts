import { DEFAULT_PRICES, type Price, type PriceTable } from './prices.js';

/** Additions and overrides by provider, then model id. */
export type PriceOverrides = Partial<Record<string, Record<string, Price>>>;

export interface Cost {
  costUsd: number;
  /** False when no price is known for the model (cost reported as 0). */
  priced: boolean;
}

const BOUNDARY = new Set(['-', ':', '@']);

/** Prices calls from the table: exact model id first, then the longest listed prefix at a boundary. */
export class PriceBook {
  private readonly table: PriceTable;
  private readonly cache = new Map<string, Price | null>();

  constructor(overrides: PriceOverrides = {}) {
    this.table = {};
    for (const [provider, models] of Object.entries(DEFAULT_PRICES)) this.table[provider] = { ...models };
    for (const [provider, models] of Object.entries(overrides)) {
      this.table[provider] = { ...this.table[provider], ...models };
    }
  }

  price(provider: string, model: string): Price | undefined {
    const key = `${provider}\u0000${model}`;
    let found = this.cache.get(key);
    if (found === undefined) {
      found = this.lookup(provider, model) ?? null;
      this.cache.set(key, found);
    }
    return found ?? undefined;
  }

  cost(provider: string, model: string, inputTokens: number, outputTokens: number): Cost {
    const price = this.price(provider, model);
    if (!price) return { costUsd: 0, priced: false };
    const costUsd = (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
    return { costUsd: Math.round(costUsd * 1e10) / 1e10, priced: true };
  }

  private lookup(provider: string, model: string): Price | undefined {
    const models = this.table[provider];
    if (!models) return undefined;
    const exact = models[model];
    if (exact) return exact;
    let best: string | undefined;
    for (const id of Object.keys(models)) {
      if (
        model.startsWith(id) &&
        BOUNDARY.has(model[id.length] ?? '') &&
        (!best || id.length > best.length)
      ) {
        best = id;
      }
    }
    return best ? models[best] : undefined;
  }
}
