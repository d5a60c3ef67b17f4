import { when } from './words';

/** What an element is made of: text (never parsed as HTML), elements, or nothing. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Attributes = Readonly<Record<string, string | number | boolean | undefined | ((event: Event) => void)>>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const each of child) append(parent, each);
  } else if (child instanceof Node) parent.appendChild(child);
  else parent.appendChild(document.createTextNode(String(child)));
}

/**
 * An element, its attributes (functions for `on…` are listeners) and its children. Text goes in as
 * text nodes, so nothing the ledger holds (a customer's id, a note) is ever read as markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** A link to one of the page's own views. */
export function link(route: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href: `#${route}` }, ...children);
}

/** A table with a header row, or a line saying there is nothing to list. */
export function table(headings: readonly string[], rows: readonly (readonly Child[])[], empty: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headings.map((heading) => h('th', {}, heading)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

/** A titled part of a view. */
export function section(title: string, id: string, ...children: Child[]): HTMLElement {
  return h('section', { 'aria-labelledby': `${id}-title`, id }, h('h2', { id: `${id}-title` }, title), ...children);
}

/** Terms and their values, side by side: an order's money, a customer's totals. */
export function facts(pairs: readonly (readonly [string, Child])[]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

/** What happened, oldest first, each with when. */
export function timeline(entries: readonly (readonly [at: string, ...what: Child[]])[]): HTMLElement {
  return section(
    'Timeline',
    'timeline',
    h(
      'ol',
      { class: 'timeline' },
      entries.map(([at, ...what]) => h('li', {}, h('time', {}, when(at)), ' ', what)),
    ),
  );
}
