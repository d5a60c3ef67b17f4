/**
 * One SKU's stock. `available = onHand − committed`: the units a new order may still promise.
 *
 * The movement totals (`received`, `adjusted`, `shippedOut`, `returned`) make the conservation
 * law checkable from the state alone: onHand = received + adjusted − shippedOut + returned.
 */
export interface StockState {
  readonly sku: string;
  readonly onHand: number;
  readonly committed: number;
  readonly available: number;
  /** Units promised per order line (`orderId/lineId`), so a release or shipment can be checked. */
  readonly commitments: Readonly<Record<string, number>>;
  readonly received: number;
  /** Every adjustment but `received`: breakage, in-person sales, recounts, restocks, other. */
  readonly adjusted: number;
  readonly shippedOut: number;
  readonly returned: number;
  /** Business time of the last recount, if any. */
  readonly lastCountedAt: string | undefined;
}

export function initialStockState(): StockState {
  return {
    sku: '',
    onHand: 0,
    committed: 0,
    available: 0,
    commitments: {},
    received: 0,
    adjusted: 0,
    shippedOut: 0,
    returned: 0,
    lastCountedAt: undefined,
  };
}

export function commitmentKey(orderId: string, lineId: string): string {
  return `${orderId}/${lineId}`;
}
