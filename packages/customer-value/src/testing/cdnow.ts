import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Purchase } from '../customer-summary';

/** The CDNOW 1/10 sample shipped in fixtures/ (see fixtures/README.md): 6,919 lines, 2,357 customers. */
export const cdnowSamplePath = fileURLToPath(new URL('../fixtures/CDNOW_sample.txt', import.meta.url));

/**
 * Its lines as purchases: customer = the sample's id (column 2), day from YYYYMMDD (column 3),
 * spend = the line's dollar value (column 5); the CD count (column 4) is not used.
 */
export function readCdnowSample(path: string = cdnowSamplePath): Purchase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, customerId = '', date = '', , spend = ''] = line.trim().split(/\s+/);
      return { customerId, day: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, spend: Number(spend) };
    });
}
