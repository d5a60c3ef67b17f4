/**
 * `OrderLedger.execute` on a large store against the same commands on a small one: the ledger's
 * cost per command should not grow with the history. Both stores hold the synthetic history
 * (written through the store), the large one `largeOrders` orders, the small one `smallOrders`;
 * the same new orders' commands run on both, one command at a time, alternating which store goes
 * first, each timed; the median gives each side's rate. Ratio: large / small.
 */
import { type EventStore, OrderLedger } from '@order-ledger/core';
import { type Comparison, compareInterleaved } from '@order-ledger/core/testing';
import { newOrderCommands } from './new-order-commands';

export async function measureExecuteAtScale(
  large: EventStore,
  small: EventStore,
  newOrders: number,
): Promise<Comparison> {
  const commands = newOrderCommands(newOrders);
  // The synthetic history was decided with backorders allowed; the new orders are too.
  const onStore = (store: EventStore) => async () => {
    const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
    return {
      step: async (index: number) => {
        const command = commands[index];
        if (command !== undefined) await ledger.execute(command);
      },
      finish: () => undefined,
    };
  };
  return compareInterleaved('execute', { count: commands.length, unit: 'commands' }, onStore(large), onStore(small));
}
