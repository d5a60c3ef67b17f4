/**
 * A piece of caller input as an error message shows it. Input that was refused for its size or
 * its characters must not make the message unreadable in turn: a 10 MB id is cut to its start and
 * its length, and control characters (U+0000 above all) are shown escaped.
 */
export function shownInput(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value;
  const cut = value.length > maxShown;
  const head = cut ? `${value.slice(0, maxShown)}…` : value;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  const plain = !cut && head !== '' && !/[\u0000-\u001f\u007f"]/.test(head);
  const shown = plain ? head : JSON.stringify(head);
  return cut ? `${shown} (${value.length} characters)` : shown;
}

const maxShown = 60;
