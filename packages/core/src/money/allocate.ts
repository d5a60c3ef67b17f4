import type { Money } from './money';
import { MoneyError } from './money-error';

/**
 * Splits `whole` over `ratios` by the largest-remainder method: every share gets the floor of its
 * exact part, then the minor units left over go one each to the largest fractional remainders
 * (earliest ratio first on a tie). The shares always sum to `whole` exactly, and each differs from
 * its exact part by less than one minor unit.
 *
 * Used to spread a partial refund over lines, shipping and tax in proportion to what each cost.
 * Ratios are non-negative safe integers (minor units work well); at least one must be positive.
 */
export function allocate(whole: Money, ratios: readonly number[]): Money[] {
  if (ratios.length === 0) throw new MoneyError('MONEY_INVALID_RATIOS', 'allocate needs at least one ratio');
  let total = 0;
  for (const [index, ratio] of ratios.entries()) {
    if (!Number.isSafeInteger(ratio) || ratio < 0) {
      throw new MoneyError('MONEY_INVALID_RATIOS', `ratio ${index} must be a non-negative whole number, got ${ratio}`);
    }
    total += ratio;
  }
  if (total === 0) throw new MoneyError('MONEY_INVALID_RATIOS', 'allocate needs at least one positive ratio');
  if (!Number.isSafeInteger(total)) {
    throw new MoneyError('MONEY_UNSAFE_INTEGER', 'the ratios add up beyond the safe integer range');
  }
  if (!Number.isSafeInteger(whole.amount)) {
    throw new MoneyError('MONEY_UNSAFE_INTEGER', `amount ${whole.amount} is not a safe whole number`);
  }

  // Work on the magnitude with bigint so amount × ratio never loses precision, then restore the sign.
  const sign = whole.amount < 0 ? -1n : 1n;
  const magnitude = BigInt(Math.abs(whole.amount));
  const bigTotal = BigInt(total);
  const shares = ratios.map((ratio) => (magnitude * BigInt(ratio)) / bigTotal);
  const remainders = ratios.map((ratio, index) => ({ index, remainder: (magnitude * BigInt(ratio)) % bigTotal }));
  let leftOver = magnitude - shares.reduce((acc, share) => acc + share, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftOver === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftOver -= 1n;
  }
  return shares.map((share) => ({ amount: Number(share * sign), currency: whole.currency }));
}
