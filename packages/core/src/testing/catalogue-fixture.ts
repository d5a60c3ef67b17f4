import type { LineKind } from '../catalogue/order-events';

/** A small shop's catalogue for tests: few SKUs, so orders compete for the same stock. */
export interface FixtureProduct {
  readonly sku: string;
  readonly kind: LineKind;
  readonly unitPrice: number;
  readonly title: string;
}

export const fixtureCurrency = 'EUR';

export const fixtureProducts: readonly FixtureProduct[] = [
  { sku: 'MUG-BLUE', kind: 'physical', unitPrice: 1800, title: 'Blue mug' },
  { sku: 'MUG-GREEN', kind: 'physical', unitPrice: 1800, title: 'Green mug' },
  { sku: 'TEA-250', kind: 'physical', unitPrice: 950, title: 'Loose tea, 250 g' },
  { sku: 'CANDLE', kind: 'physical', unitPrice: 2400, title: 'Beeswax candle' },
  { sku: 'EBOOK-BREW', kind: 'digital', unitPrice: 700, title: 'Brewing guide (PDF)' },
];

export const fixtureCustomers: readonly string[] = ['ada', 'grace', 'linus', 'margaret'];

export const fixtureAddress = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' } as const;
