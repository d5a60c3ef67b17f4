export { medianOf } from './median';
export { reorderRhythmDays, type SkuPurchase } from './reorder-rhythm';
