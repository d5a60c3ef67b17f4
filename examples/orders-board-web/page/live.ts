import { told } from './api';

/** How the page learns the ledger moved: the shop API's `/events` stream. */
export interface Live {
  /** Called with each position past what the page has read. */
  readonly onMoved: () => void;
  /** Called when the stream opens or drops, for the indicator. */
  readonly onState: (state: 'live' | 'reconnecting') => void;
}

/**
 * Opens `/events`. A message says "the ledger moved to position N"; when N is past what the page
 * last read, the page reads again (asking for at least N). EventSource reconnects by itself after
 * a drop and sends the last id it saw, so nothing moved meanwhile goes untold.
 */
export function followLedger(live: Live): EventSource {
  const source = new EventSource('/events');
  source.addEventListener('open', () => live.onState('live'));
  source.addEventListener('error', () => live.onState('reconnecting'));
  source.addEventListener('position', (message) => {
    const { position } = JSON.parse((message as MessageEvent<string>).data) as { position: number };
    if (told(position)) live.onMoved();
  });
  return source;
}
