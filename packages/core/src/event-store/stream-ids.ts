/** The stream that holds one order's history. */
export function orderStreamId(orderId: string): string {
  return `order-${orderId}`;
}

/** The stream that holds one SKU's stock movements. */
export function stockStreamId(sku: string): string {
  return `stock-${sku}`;
}

export type StreamKind = 'order' | 'stock' | 'other';

export function streamKindOf(streamId: string): StreamKind {
  if (streamId.startsWith('order-')) return 'order';
  if (streamId.startsWith('stock-')) return 'stock';
  return 'other';
}
