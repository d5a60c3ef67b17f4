import { buyerDay, type TrackView } from './track-view';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML, in an element or a quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.status{font-size:1.5rem;font-weight:600}dt{font-weight:600}dd{margin:0 0 .75rem}ol{padding-left:1.25rem}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The tracking page: the status first, then what was promised and what comes next, then the story. */
export function trackPage(view: TrackView): string {
  const facts: string[] = [];
  if (view.promise !== null) facts.push(`<dt>Promised</dt><dd>${escapeHtml(view.promise)}</dd>`);
  if (view.next !== null) facts.push(`<dt>Next</dt><dd>${escapeHtml(view.next)}</dd>`);
  if (view.tracking !== null) {
    const { carrier, trackingNumber } = view.tracking;
    const parts = [carrier, trackingNumber === undefined ? undefined : `tracking number ${trackingNumber}`];
    facts.push(`<dt>Tracking</dt><dd>${escapeHtml(parts.filter((part) => part !== undefined).join(', '))}</dd>`);
  }
  const story = view.history
    .map(
      (entry) =>
        `<li><time datetime="${escapeHtml(entry.at)}">${escapeHtml(buyerDay(entry.at))}</time>: ${escapeHtml(entry.what)}</li>`,
    )
    .join('\n');
  return page(
    `Order ${view.orderId}`,
    `<h1>Order ${escapeHtml(view.orderId)}</h1>
<p class="status" role="status">${escapeHtml(view.status)}</p>
${facts.length === 0 ? '' : `<dl>\n${facts.join('\n')}\n</dl>`}
<h2>So far</h2>
<ol>
${story}
</ol>`,
  );
}

/** The page for a link that leads nowhere: the same whether the order exists or the token is wrong. */
export function trackNotFoundPage(): string {
  return page(
    'Order not found',
    '<h1>Order not found</h1>\n<p>This tracking link does not lead to an order. Check that the whole link was copied from your message.</p>',
  );
}
