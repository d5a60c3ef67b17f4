/**
 * Whether an unpacked package declares exactly what its built files import: every package a
 * `.js`, `.cjs` or `.d.ts` file names is in `dependencies` or `peerDependencies`, and every
 * dependency is named by some file (an `@types/x` dependency counts when a declaration file
 * imports `x`: a strict consumer needs those types).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';

const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"'./][^"']*)["']/gm;

function packageOf(name) {
  const parts = name.split('/');
  return name.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function builtFiles(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(c?js|d\.c?ts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The problems with `packageFolder`'s declared dependencies; empty when it declares what it imports. */
export function undeclaredOrUnused(packageFolder) {
  const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8'));
  const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
  const imported = new Map();
  const typesImported = new Set();
  for (const file of builtFiles(join(packageFolder, 'dist'))) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(specifier)) {
      if (isBuiltin(name)) continue;
      const owner = packageOf(name);
      if (owner === manifest.name) continue;
      if (!imported.has(owner)) imported.set(owner, file.slice(packageFolder.length + 1));
      if (/\.d\.c?ts$/.test(file)) typesImported.add(owner);
    }
  }
  const problems = [];
  for (const [owner, file] of imported) {
    if (!declared.has(owner)) problems.push(`imports ${owner} (${file}) without declaring it`);
  }
  for (const name of declared) {
    const typesOf = name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__/, '@$1/') : undefined;
    const used = typesOf === undefined ? imported.has(name) : typesImported.has(typesOf);
    if (!used) problems.push(`declares ${name}, which nothing it ships imports`);
  }
  return problems;
}
