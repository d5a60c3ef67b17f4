/**
 * The README's library sample (the TypeScript block under "## A taste"), made into programs a
 * consumer runs: as an ES module, and as CommonJS. The README is the only copy, so the check
 * runs what a reader copies.
 *
 * A line `expression; // 'value'` (or a number, `true`, `false`, before an optional `: reason`)
 * states what the expression gives; in the programs it becomes an assertion, so a sample whose
 * comments no longer tell the truth fails the check.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const heading = '## A taste';
const statedValue = /^(\s*)(.+);\s*\/\/\s*('(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|true|false)(?::.*)?$/;

/** The sample's TypeScript, as the README shows it. */
export function readmeSample(readmePath) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`${readmePath}: no "${heading}" section`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  if (block === null) throw new Error(`${readmePath}: no \`\`\`ts block under "${heading}"`);
  return block[1];
}

/** The sample with each stated value turned into an assertion; fails if it states none. */
function withAssertions(source) {
  let stated = 0;
  const lines = source.split('\n').map((line) => {
    const match = statedValue.exec(line);
    if (match === null) return line;
    stated += 1;
    const [, indent, expression, value] = match;
    return `${indent}assert.deepStrictEqual(${expression}, ${value});`;
  });
  if (stated === 0) throw new Error('the README sample states no value (`expression; // value`) to check');
  return lines.join('\n');
}

function transpile(source, module) {
  return ts.transpileModule(source, {
    compilerOptions: { module, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  }).outputText;
}

/** The sample as an ES module: top-level await as written. */
export function sampleAsEsm(source) {
  return `import assert from 'node:assert/strict';\n${transpile(withAssertions(source), ts.ModuleKind.ESNext)}`;
}

/**
 * The sample as CommonJS. CommonJS has no top-level await, so the statements after the imports
 * run in an async function, as a CommonJS user would write them.
 */
export function sampleAsCommonJs(source) {
  const lines = withAssertions(source).split('\n');
  const firstStatement = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('import '));
  const imports = lines.slice(0, firstStatement).join('\n');
  const body = lines.slice(firstStatement).join('\n');
  const wrapped = `${imports}\nasync function main() {\n${body}\n}\nmain().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`;
  return `const assert = require('node:assert/strict');\n${transpile(wrapped, ts.ModuleKind.CommonJS)}`;
}
