/** One server-sent event as a test reads it. */
export interface SentEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: string;
}

/** A `text/event-stream` response read message by message, over real HTTP. */
export interface EventStreamReader {
  readonly status: number;
  readonly contentType: string | null;
  /** The next message; waits for it (the test's timeout is the hang detector). */
  next(): Promise<SentEvent>;
  close(): void;
}

function parse(block: string): SentEvent | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { event, id, data: data.join('\n') };
}

export async function openEventStream(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<EventStreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${base}${path}`, { headers, signal: abort.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const ready: SentEvent[] = [];
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    async next() {
      for (;;) {
        const first = ready.shift();
        if (first !== undefined) return first;
        if (reader === undefined) throw new Error(`${path} answered without a body`);
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`${path} ended before the next message`);
        buffered += decoder.decode(chunk.value, { stream: true }).replaceAll('\r\n', '\n');
        for (let end = buffered.indexOf('\n\n'); end !== -1; end = buffered.indexOf('\n\n')) {
          const message = parse(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
          if (message !== undefined) ready.push(message);
        }
      }
    },
    close: () => abort.abort(),
  };
}
