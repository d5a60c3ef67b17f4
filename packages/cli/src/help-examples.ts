import type { Command } from 'commander';

/** One or two examples per command, shown at the end of its `--help`. */
const examples: Readonly<Record<string, readonly string[]>> = {
  'order-ledger': ['order-ledger demo', 'order-ledger report sweep --store sqlite:./shop.db'],
  demo: ['order-ledger demo --store sqlite:./demo.db', 'order-ledger demo --seed 3 --orders 300 --json'],
  import: [
    'order-ledger import history.jsonl --store sqlite:./shop.db',
    'order-ledger import orders_export.csv --skip-invalid',
  ],
  export: ['order-ledger export --out history.jsonl', 'order-ledger export | head -1'],
  reconcile: ['order-ledger reconcile --store esdb://localhost:2113?tls=false --dry-run'],
  report: [
    'order-ledger report sweep',
    'order-ledger report revenue --all',
    'order-ledger report order 1001 --json',
    'order-ledger report board --as-of 2026-03-31 --store postgres://me@localhost/shop',
  ],
  stock: ['order-ledger stock adjust BEANS --delta -1 --reason breakage'],
  'stock adjust': [
    'order-ledger stock adjust BEANS --delta 24 --reason received',
    'order-ledger stock adjust MUG --delta -1 --reason breakage --note "dropped"',
  ],
  'stock recount': ['order-ledger stock recount BEANS --counted 12'],
  order: ['order-ledger order ship 1001 --carrier DHL'],
  'order prepare': ['order-ledger order prepare 1001 --by sam'],
  'order ready': ['order-ledger order ready 1001'],
  'order ship': ['order-ledger order ship 1001 --carrier DHL --tracking 00340434'],
  'order deliver': ['order-ledger order deliver 1001 --at 2026-03-31T17:00:00Z'],
  'order pickup': ['order-ledger order pickup 1001'],
  'order cancel': ['order-ledger order cancel 1001 --reason customer'],
  'order refund': ['order-ledger order refund 1001 --amount 12.50 --reason damaged'],
};

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at !== null; at = at.parent) names.unshift(at.name());
  return names.length === 1 ? names.join(' ') : names.slice(1).join(' ');
}

/**
 * Adds its examples to every command's help. A command without one is a mistake of ours, found
 * by the first `--help` a test asks for.
 */
export function addHelpExamples(command: Command): void {
  const path = pathOf(command);
  const lines = examples[path];
  if (lines === undefined) throw new Error(`no --help example for "${path}"`);
  command.addHelpText(
    'after',
    `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  $ ${line}`).join('\n')}`,
  );
  for (const sub of command.commands) addHelpExamples(sub);
}
