/**
 * ISO 4217 currencies in use, with their minor-unit exponents.
 *
 * Only the exponent matters to the ledger (amounts are stored in minor units); it is what lets a
 * report print 1234 JPY as ¥1,234 and 1234 EUR as €12.34. Codes not listed have exponent 2,
 * except those in the table below. The list of known codes guards against typos such as "EUD".
 */
const exponentZero = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const exponentThree = 'BHD IQD JOD KWD LYD OMR TND';
const exponentFour = 'CLF UYW';
const exponentTwo =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
  'GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD ' +
  'MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP ' +
  'PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
  'TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR ZMW ZWG';

const exponents: ReadonlyMap<string, number> = new Map([
  ...exponentTwo.split(' ').map((code) => [code, 2] as const),
  ...exponentZero.split(' ').map((code) => [code, 0] as const),
  ...exponentThree.split(' ').map((code) => [code, 3] as const),
  ...exponentFour.split(' ').map((code) => [code, 4] as const),
]);

/** A three-letter ISO 4217 code such as `"EUR"`. Checked against the known list at runtime. */
export type CurrencyCode = string;

export function isCurrencyCode(code: string): boolean {
  return exponents.has(code);
}

/** How many minor units make a major unit, as a power of ten: 2 for EUR (cents), 0 for JPY. */
export function currencyExponent(code: CurrencyCode): number {
  const exponent = exponents.get(code);
  if (exponent === undefined) throw new RangeError(`Unknown ISO 4217 currency "${code}"`);
  return exponent;
}

export const knownCurrencyCodes: readonly CurrencyCode[] = [...exponents.keys()].sort();
