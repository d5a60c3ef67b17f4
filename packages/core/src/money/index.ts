export { allocate } from './allocate';
export { type CurrencyCode, currencyExponent, isCurrencyCode, knownCurrencyCodes } from './currencies';
export {
  add,
  assertMoney,
  compare,
  equals,
  formatMoney,
  isZero,
  type Money,
  max,
  min,
  money,
  multiply,
  subtract,
  sum,
  zero,
} from './money';
export { MoneyError, type MoneyErrorCode } from './money-error';
