import { z } from 'zod';
import { EventCatalogue } from './event-catalogue';
import { type OrderEvent, orderEventSchema } from './order-events';
import { type StockEvent, stockEventSchema } from './stock-events';

/** Every event the ledger writes: the order stream's and the stock stream's. */
export type LedgerEvent = OrderEvent | StockEvent;

export const ledgerEventSchema = z.discriminatedUnion('type', [
  ...orderEventSchema.def.options,
  ...stockEventSchema.def.options,
]);

export const orderCatalogue = new EventCatalogue<OrderEvent>(orderEventSchema);
export const stockCatalogue = new EventCatalogue<StockEvent>(stockEventSchema);

/** The catalogue stores validate against: order and stock events together. */
export const ledgerCatalogue = new EventCatalogue<LedgerEvent>(ledgerEventSchema);
