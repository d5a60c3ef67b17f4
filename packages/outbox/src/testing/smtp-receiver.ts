import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { messageIdHeader } from '../email-sender';

/** One mail the receiver got. */
export interface ReceivedMail {
  /** The outbox message id from its header. */
  readonly id: string | undefined;
  readonly to: readonly string[];
  /** The raw message: headers and body. */
  readonly raw: string;
}

/** What the receiver answers the `nth` mail (from 1) for a message id: accept, or an SMTP error code. */
export type MailAnswer = 'accept' | { readonly code: number };

export interface SmtpReceiver {
  readonly port: number;
  readonly received: ReceivedMail[];
  readonly accepted: string[];
  close(): Promise<void>;
}

function headerValue(raw: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(raw);
  return match?.[1]?.trim();
}

/** A real SMTP server on loopback (the `smtp-server` package), plain text, no login. */
export async function startSmtpReceiver(
  answer: (id: string, nth: number) => MailAnswer = () => 'accept',
): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  const accepted: string[] = [];
  const seen = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const id = headerValue(raw, messageIdHeader);
        received.push({ id, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        const nth = (seen.get(id ?? '') ?? 0) + 1;
        seen.set(id ?? '', nth);
        const reply = answer(id ?? '', nth);
        if (reply === 'accept') {
          if (id !== undefined) accepted.push(id);
          callback();
          return;
        }
        callback(Object.assign(new Error(`refused with ${reply.code}`), { responseCode: reply.code }));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
