import type { OrderEvent } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { age, describeEvent, money, plain, statusWords } from '../page/words';

describe('words for people', () => {
  it('names every status in words, never by its identifier', () => {
    expect(statusWords.ready_for_pickup).toBe('Ready for pickup');
    for (const [status, words] of Object.entries(statusWords)) {
      expect(words).not.toContain('_');
      expect(words).not.toBe(status);
    }
  });

  it('writes minor units in their currency, with that currency’s own decimals', () => {
    const en = (text: string) => text.replaceAll('\u00a0', ' ');
    expect(en(money(4500, 'EUR'))).toMatch(/^€45\.00$|^45[.,]00 €$/);
    expect(en(money(4500, 'JPY'))).toMatch(/4,500|4\.500|4 500/);
    expect(en(money(4500, 'JPY'))).not.toContain('45.00');
    expect(en(money(12345, 'KWD'))).toMatch(/12\.345|12,345/);
  });

  it('says what an order event did in a sentence', () => {
    const refunded = {
      type: 'Refunded',
      data: {
        at: '2026-03-02T12:00:00Z',
        refundId: 'r1',
        reason: 'wrong_item',
        lines: [],
        shipping: { amount: 0, currency: 'EUR' },
        other: { amount: 0, currency: 'EUR' },
        amount: { amount: 900, currency: 'EUR' },
      },
    } as OrderEvent;
    expect(describeEvent(refunded)).toMatch(/^Refunded .*9[.,]00.* \(wrong item\)$/);
    expect(describeEvent({ type: 'PickedUp', data: { at: '2026-03-02T12:00:00Z' } })).toBe('Picked up');
    expect(plain('bank_transfer')).toBe('Bank transfer');
    expect([age(0), age(1), age(4)]).toEqual(['today', '1 day', '4 days']);
  });
});
