import type { EventStore } from '../event-store/event-store';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import type { RecordedEvent } from '../event-store/types';
import type { LedgerCommand } from '../ledger/ledger-command';
import { OrderLedger, type OrderLedgerOptions } from '../ledger/order-ledger';
import type { LedgerScenario } from './ledger-arbitraries';

export interface ScenarioStep {
  readonly command: LedgerCommand;
  readonly events: readonly RecordedEvent[];
}

export interface ScenarioRun {
  readonly store: EventStore;
  readonly ledger: OrderLedger;
  readonly steps: readonly ScenarioStep[];
}

/**
 * Runs a scenario's commands through an `OrderLedger` on `store` (a fresh in-memory store by
 * default), each with a command id of its own. Every command must be accepted: a refusal here
 * means the store or ledger disagrees with the model that generated the scenario. `options` go to the
 * ledger (a small `snapshotEvery` makes every load go through a snapshot).
 */
export async function runScenario(
  scenario: LedgerScenario,
  store: EventStore = new InMemoryEventStore(),
  onStep?: (step: ScenarioStep, ledger: OrderLedger) => Promise<void> | void,
  options: Omit<OrderLedgerOptions, 'policy'> = {},
): Promise<ScenarioRun> {
  const ledger = new OrderLedger(store, { ...options, policy: scenario.policy });
  const steps: ScenarioStep[] = [];
  for (const [index, command] of scenario.commands.entries()) {
    const result = await ledger.execute(command, { commandId: `cmd-${index}` });
    const step = { command, events: result.events };
    steps.push(step);
    await onStep?.(step, ledger);
  }
  return { store, ledger, steps };
}

export { readEverything } from '../event-store/read-everything';
