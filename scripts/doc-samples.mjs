#!/usr/bin/env node
/**
 * Every TypeScript sample in the docs compiles: extracts each ```ts block of README.md, docs/*.md
 * and the packages' and examples' READMEs into examples/doc-samples/extracted/ (one module per
 * block, with the `<!-- sample-context … -->` comment right above it put first), then typechecks
 * them against the packages' sources with the repository's strict settings. An error is told at
 * the doc's own file and line.
 *
 *   node scripts/doc-samples.mjs
 *
 * Blocks fenced `ts no-check` are skipped (see examples/doc-samples/README.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const project = join(root, 'examples', 'doc-samples');
const out = join(project, 'extracted');

/** The markdown files whose samples are compiled: the README, docs/, and every package's and example's README. */
function docFiles() {
  const files = [join(root, 'README.md')];
  for (const name of readdirSync(join(root, 'docs')).sort())
    if (name.endsWith('.md')) files.push(join(root, 'docs', name));
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const readme = join(root, group, name, 'README.md');
      // The doc-samples README shows the convention itself, inside a fence of four backticks.
      if (name !== 'doc-samples' && existsSync(readme)) files.push(readme);
    }
  }
  return files;
}

/** The ```ts blocks of one file: their first line, their code, and the context comment above them. */
function samplesOf(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const samples = [];
  for (let index = 0; index < lines.length; index += 1) {
    const fence = /^```(ts|typescript)(\s.*)?$/.exec(lines[index] ?? '');
    if (fence === null) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end += 1;
    if (end === lines.length) throw new Error(`${relative(root, file)}:${index + 1}: a \`\`\`ts block is never closed`);
    const skip = (fence[2] ?? '').includes('no-check');
    if (!skip) samples.push({ line: start + 1, code: lines.slice(start, end), context: contextAbove(lines, index) });
    index = end;
  }
  return samples;
}

/** The lines of a `<!-- sample-context … -->` comment ending right above the fence, if any. */
function contextAbove(lines, fenceIndex) {
  if ((lines[fenceIndex - 1] ?? '').trim() !== '-->') return [];
  let open = fenceIndex - 2;
  while (open >= 0 && !(lines[open] ?? '').startsWith('<!-- sample-context')) open -= 1;
  return open < 0 ? [] : lines.slice(open + 1, fenceIndex - 1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
/** Where each extracted file's lines come from: `[file, first line of the sample, lines of context]`. */
const origins = new Map();
let count = 0;
for (const file of docFiles()) {
  const slug = relative(root, file).replace(/[/\\.]/g, '_');
  for (const sample of samplesOf(file)) {
    count += 1;
    const name = `${slug}_${sample.line}.ts`;
    // `export {}` makes each sample a module of its own: top-level await, no clashes between them.
    writeFileSync(join(out, name), [...sample.context, ...sample.code, 'export {};', ''].join('\n'));
    origins.set(name, { file: relative(root, file), line: sample.line, context: sample.context.length });
  }
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = spawnSync(process.execPath, [tsc, '-p', join(project, 'tsconfig.json'), '--pretty', 'false'], {
  encoding: 'utf8',
});
const report = `${run.stdout}${run.stderr}`.trim();
if (run.status === 0) {
  console.log(`doc samples: ${count} compile`);
} else {
  // Errors read `extracted/<name>.ts(line,col): error …`: told again at the doc's own line.
  const told = report.replace(/^(?:.*[/\\])?extracted[/\\]([^(]+)\((\d+),(\d+)\)/gm, (whole, name, line, column) => {
    const origin = origins.get(name);
    if (origin === undefined) return whole;
    const inSample = Number(line) - origin.context;
    return inSample >= 1
      ? `${origin.file}:${origin.line + inSample - 1}:${column}`
      : `${origin.file}:${origin.line} (its sample-context, line ${line})`;
  });
  console.error(`doc samples: ${count} extracted, and these do not compile:\n${told}`);
  process.exit(1);
}
