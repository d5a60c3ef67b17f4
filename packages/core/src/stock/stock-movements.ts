import type { OrderEvent } from '../catalogue/order-events';
import { evolveOrder } from '../order/evolve-order';
import { type LineState, type OrderState, openUnits } from '../order/order-state';
import type { StockCommand } from './stock-commands';

/**
 * The stock movements an order's new events call for, one command per SKU and line.
 *
 * Units are committed when the order is placed, not when it is paid: the promise to the buyer is
 * made at checkout, and a pay-later order (bank transfer, pay at pickup) must not have its last
 * unit sold to someone else meanwhile. They are released on cancel (or a cancel-restock refund,
 * or an edit down), taken out when they ship or are picked up, and put back when a resellable
 * return arrives. Digital lines never move stock.
 *
 * `before` is the order's state before the first of `events`; it is folded forward as it goes,
 * so each event is read against the lines as they stood at that moment.
 */
export function stockMovementsFor(before: OrderState, events: readonly OrderEvent[]): StockCommand[] {
  const movements: StockCommand[] = [];
  let state = before;
  for (const event of events) {
    movements.push(...movementsOf(state, event));
    state = evolveOrder(state, event);
  }
  return movements;
}

function physical(lines: readonly LineState[]): LineState[] {
  return lines.filter((line) => line.kind === 'physical');
}

function movementsOf(state: OrderState, event: OrderEvent): StockCommand[] {
  const { at } = event.data;
  const orderId = state.orderId;
  switch (event.type) {
    case 'OrderPlaced':
      return event.data.lines
        .filter((line) => line.kind === 'physical')
        .map((line) => ({
          type: 'CommitStock',
          sku: line.sku,
          at,
          orderId: event.data.orderId,
          lineId: line.lineId,
          quantity: line.quantity,
        }));
    case 'OrderEdited': {
      const moves: StockCommand[] = [];
      let lines = state.lines;
      for (const change of event.data.changes) {
        if (change.kind !== 'VariantSwapped' && change.kind !== 'QuantityChanged') continue;
        const line = lines.find((candidate) => candidate.lineId === change.lineId);
        if (line === undefined || line.kind !== 'physical') continue;
        const open = openUnits(line);
        const base = { at, orderId, lineId: line.lineId } as const;
        if (change.kind === 'VariantSwapped' && change.sku !== line.sku && open > 0) {
          moves.push({ type: 'ReleaseStock', sku: line.sku, ...base, quantity: open, cause: 'edited' });
          moves.push({ type: 'CommitStock', sku: change.sku, ...base, quantity: open });
        }
        if (change.kind === 'QuantityChanged') {
          const delta = change.quantity - line.quantity;
          if (delta > 0) moves.push({ type: 'CommitStock', sku: line.sku, ...base, quantity: delta });
          if (delta < 0)
            moves.push({ type: 'ReleaseStock', sku: line.sku, ...base, quantity: -delta, cause: 'edited' });
        }
        lines = lines.map((candidate) =>
          candidate.lineId !== line.lineId
            ? candidate
            : change.kind === 'VariantSwapped'
              ? { ...candidate, sku: change.sku }
              : { ...candidate, quantity: change.quantity },
        );
      }
      return moves;
    }
    case 'OrderCancelled':
      return physical(state.lines)
        .filter((line) => openUnits(line) > 0)
        .map((line) => ({
          type: 'ReleaseStock',
          sku: line.sku,
          at,
          orderId,
          lineId: line.lineId,
          quantity: openUnits(line),
          cause: 'cancelled',
        }));
    case 'Refunded':
      return event.data.lines.flatMap((refund): StockCommand[] => {
        const line = state.lines.find((candidate) => candidate.lineId === refund.lineId);
        if (line?.kind !== 'physical' || refund.restock !== 'cancel' || refund.quantity === 0) return [];
        return [
          {
            type: 'ReleaseStock',
            sku: line.sku,
            at,
            orderId,
            lineId: line.lineId,
            quantity: refund.quantity,
            cause: 'refunded',
          },
        ];
      });
    case 'Shipped':
    case 'PickedUp':
      return physical(state.lines)
        .filter((line) => openUnits(line) > 0)
        .map((line) => ({
          type: 'ShipOutStock',
          sku: line.sku,
          at,
          orderId,
          lineId: line.lineId,
          quantity: openUnits(line),
        }));
    case 'ReturnReceived':
      return event.data.lines.flatMap((entry): StockCommand[] => {
        const line = state.lines.find((candidate) => candidate.lineId === entry.lineId);
        // A damaged unit is written off: it never comes back to on hand, so never to available.
        if (line?.kind !== 'physical' || entry.condition !== 'resellable') return [];
        return [{ type: 'ReturnStock', sku: line.sku, at, orderId, lineId: line.lineId, quantity: entry.quantity }];
      });
    case 'ReplacementShipped':
      // Replacement units are promised and sent in one step.
      return event.data.lines.flatMap((entry): StockCommand[] => {
        const line = state.lines.find((candidate) => candidate.lineId === entry.lineId);
        if (line?.kind !== 'physical') return [];
        const base = { sku: line.sku, at, orderId, lineId: line.lineId, quantity: entry.quantity } as const;
        return [
          { type: 'CommitStock', ...base },
          { type: 'ShipOutStock', ...base },
        ];
      });
    default:
      return [];
  }
}
