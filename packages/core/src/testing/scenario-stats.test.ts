import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerScenarioArbitrary } from './ledger-arbitraries';

/**
 * The laws are only as strong as the histories they run on: these checks keep the arbitrary
 * from drifting into trivial scenarios (few commands, nothing shipped, nothing refunded).
 */
describe('ledgerScenarioArbitrary', () => {
  it('reaches every kind of command across a sample of scenarios', () => {
    const seen = new Map<string, number>();
    let commands = 0;
    for (const scenario of fc.sample(ledgerScenarioArbitrary(), { numRuns: 200, seed: 42 })) {
      commands += scenario.commands.length;
      for (const command of scenario.commands) seen.set(command.type, (seen.get(command.type) ?? 0) + 1);
    }
    expect(commands / 200).toBeGreaterThan(15);
    for (const type of [
      'AdjustStock',
      'RecountStock',
      'PlaceOrder',
      'Pay',
      'StartPreparing',
      'MarkReadyForPickup',
      'Ship',
      'MarkDelivered',
      'MarkPickedUp',
      'EditOrder',
      'CancelOrder',
      'RefundOrder',
      'RefundAmount',
      'ReceiveReturn',
      'ClaimNeverArrived',
      'SettleNeverArrived',
    ]) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
  });
});
