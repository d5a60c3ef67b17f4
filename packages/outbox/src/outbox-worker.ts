import { type DeliverOptions, type DeliveryReport, deliverDue } from './deliver-due';
import { failureText } from './delivery-errors';

export interface OutboxWorkerOptions extends Omit<DeliverOptions, 'now'> {
  /** The business clock. Default the system's. */
  readonly clock?: () => Date;
  /** How long to wait when nothing was due. Default 5 seconds. */
  readonly pollIntervalMs?: number;
  /** How the worker waits; a test passes one that returns at once. Default a timer, cut short by abort. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Called after each round that claimed something. */
  readonly onReport?: (report: DeliveryReport) => void;
  /** Called when a round fails (the database away, say); the worker waits and goes on. */
  readonly onError?: (error: unknown) => void;
}

function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Keeps an outbox moving: each round writes what fell due (`enqueueDue`) and delivers what is due
 * (`deliverDue`), then waits when there was nothing to send. Any number of workers may run on one
 * store, in one process or many: their claims never overlap.
 */
export class OutboxWorker {
  readonly #options: OutboxWorkerOptions;

  constructor(options: OutboxWorkerOptions) {
    this.#options = options;
  }

  /** One round: enqueue, then deliver. */
  async round(): Promise<DeliveryReport> {
    const now = (this.#options.clock ?? (() => new Date()))();
    await this.#options.outbox.enqueueDue(now);
    return deliverDue({ ...this.#options, now });
  }

  /** Rounds until `signal` aborts; the round under way finishes first. */
  async run(signal: AbortSignal): Promise<void> {
    const sleep = this.#options.sleep ?? sleepFor;
    while (!signal.aborted) {
      let busy = false;
      try {
        const report = await this.round();
        busy = report.claimed > 0;
        if (busy) this.#options.onReport?.(report);
      } catch (error) {
        if (this.#options.onError === undefined) console.error(`outbox worker: ${failureText(error)}`);
        else this.#options.onError(error);
      }
      if (!busy) await sleep(this.#options.pollIntervalMs ?? 5000, signal);
    }
  }
}
