export interface StockPolicy {
  /** Let orders promise units the shelf does not have yet (made to order, restock on the way). */
  readonly allowBackorders: boolean;
}

export const defaultStockPolicy: StockPolicy = { allowBackorders: false };
