import { type CurrencyCode, currencyExponent, isCurrencyCode } from './currencies';
import { MoneyError } from './money-error';

/**
 * An amount of one currency in integer minor units (cents for EUR, yen for JPY).
 *
 * Plain data on purpose: it goes into events and JSON as it is, with no class to revive.
 * Every function here checks its inputs, so a `Money` built by hand is still refused when wrong.
 */
export interface Money {
  readonly amount: number;
  readonly currency: CurrencyCode;
}

function assertAmount(amount: number, what: string): void {
  if (!Number.isInteger(amount)) {
    throw new MoneyError('MONEY_NOT_AN_INTEGER', `${what} must be a whole number of minor units, got ${amount}`);
  }
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError('MONEY_UNSAFE_INTEGER', `${what} ${amount} is beyond the safe integer range`);
  }
}

function assertCurrency(currency: string): void {
  if (!isCurrencyCode(currency)) {
    throw new MoneyError('MONEY_UNKNOWN_CURRENCY', `"${currency}" is not an ISO 4217 currency code`);
  }
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('MONEY_CURRENCY_MISMATCH', `cannot combine ${a.currency} with ${b.currency}`);
  }
}

/** Makes a checked `Money`: `money(1250, 'EUR')` is €12.50. */
export function money(amount: number, currency: CurrencyCode): Money {
  assertCurrency(currency);
  assertAmount(amount, 'an amount');
  return { amount, currency };
}

export function zero(currency: CurrencyCode): Money {
  return money(0, currency);
}

/** Checks a value read from outside (an event, a file) and returns it unchanged. */
export function assertMoney(value: Money): Money {
  assertCurrency(value.currency);
  assertAmount(value.amount, 'an amount');
  return value;
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  const sum = a.amount + b.amount;
  assertAmount(sum, 'the sum');
  return { amount: sum, currency: a.currency };
}

/** `a − b`. May be negative: a balance owed the other way round is still meaningful. */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  const difference = a.amount - b.amount;
  assertAmount(difference, 'the difference');
  return { amount: difference, currency: a.currency };
}

/** The price of `quantity` units: a whole number of units, never a fraction of one. */
export function multiply(unit: Money, quantity: number): Money {
  if (!Number.isInteger(quantity)) {
    throw new MoneyError('MONEY_NOT_AN_INTEGER', `a quantity must be a whole number, got ${quantity}`);
  }
  const product = unit.amount * quantity;
  assertAmount(product, 'the product');
  return { amount: product, currency: unit.currency };
}

/** Adds any number of amounts of one currency; the empty sum is zero of `currency`. */
export function sum(amounts: readonly Money[], currency: CurrencyCode): Money {
  let total = zero(currency);
  for (const amount of amounts) total = add(total, amount);
  return total;
}

export function isZero(value: Money): boolean {
  return value.amount === 0;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

/** −1, 0 or 1. Comparing two currencies is refused rather than guessed. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function min(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

export function max(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? a : b;
}

/** "EUR 12.50": for logs and CLI tables, not for a storefront (no locale rules). */
export function formatMoney(value: Money): string {
  const exponent = currencyExponent(value.currency);
  const sign = value.amount < 0 ? '-' : '';
  const digits = Math.abs(value.amount)
    .toString()
    .padStart(exponent + 1, '0');
  const major = digits.slice(0, digits.length - exponent);
  const minor = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${value.currency} ${sign}${major}${minor}`;
}
