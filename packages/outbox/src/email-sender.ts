import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { PermanentDeliveryError, TransientDeliveryError } from './delivery-errors';
import type { OutboxMessage } from './message';
import type { OutboxSender } from './sender';
import { type WordingOptions, worded } from './wording';

/** Who a message goes to. */
export interface Recipient {
  readonly email: string;
  readonly name?: string;
}

export interface EmailSenderOptions extends WordingOptions {
  /** The SMTP server: nodemailer's SMTP options (host, port, secure, auth, ...) or an smtp:// URL. */
  readonly smtp: SMTPTransport.Options | string;
  /** The sender's address, `"Shop" <hello@shop.example>` or a bare address. */
  readonly from: string;
  /** The buyer's address: the ledger knows customers by id only. Undefined fails the message. */
  readonly recipient: (message: OutboxMessage) => Promise<Recipient | undefined>;
  /** Give up on one attempt's connection, greeting or silence after this long. Default 30 seconds. */
  readonly timeoutMs?: number;
}

/** The header naming the outbox message, for a mail system or a test to spot a repeat. */
export const messageIdHeader = 'X-Order-Ledger-Message-Id';

function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'order-ledger.invalid';
}

function smtpCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return undefined;
  return typeof error.responseCode === 'number' ? error.responseCode : undefined;
}

/**
 * Sends each message as a plain-text email over SMTP through nodemailer. A repeat of one message
 * carries the same `Message-ID` (derived from the message id), which mail systems use to drop
 * duplicates. An SMTP 5xx answer fails the message for good (the server refused it); a 4xx, a
 * timeout or a dropped connection is retried.
 */
export class EmailSender implements OutboxSender {
  readonly #options: EmailSenderOptions;
  readonly #transport: Transporter<SMTPTransport.SentMessageInfo>;
  readonly #domain: string;

  constructor(options: EmailSenderOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    const limits = { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout };
    this.#transport =
      typeof options.smtp === 'string'
        ? createTransport({ url: options.smtp, ...limits } as SMTPTransport.Options)
        : createTransport({ ...limits, ...options.smtp });
    this.#options = options;
    this.#domain = domainOf(options.from);
  }

  async send(message: OutboxMessage): Promise<void> {
    const to = await this.#options.recipient(message);
    if (to === undefined) {
      throw new PermanentDeliveryError(`no email address for customer ${message.customerId} (message ${message.id})`);
    }
    const words = await worded(this.#options, message);
    const digest = createHash('sha256').update(message.id).digest('hex').slice(0, 32);
    try {
      await this.#transport.sendMail({
        from: this.#options.from,
        to: to.name === undefined ? to.email : { name: to.name, address: to.email },
        subject: words.subject,
        text: words.text,
        messageId: `<${digest}@${this.#domain}>`,
        headers: { [messageIdHeader]: message.id },
      });
    } catch (error) {
      const code = smtpCode(error);
      const said = `SMTP refused message ${message.id}${code === undefined ? '' : ` (${code})`}`;
      if (code !== undefined && code >= 500) throw new PermanentDeliveryError(said, { cause: error });
      throw new TransientDeliveryError(code === undefined ? `SMTP unreachable for message ${message.id}` : said, {
        cause: error,
      });
    }
  }

  /** Closes the transport's pooled connections, if any. */
  close(): void {
    this.#transport.close();
  }
}
