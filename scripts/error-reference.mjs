#!/usr/bin/env node
/**
 * Writes docs/errors.md, the reference of every error code the packages throw on purpose, from
 * the code itself: each `LedgerError` subclass in packages/<name>/src, and its `code`.
 *
 *   node scripts/error-reference.mjs           write docs/errors.md
 *   node scripts/error-reference.mjs --check   fail if docs/errors.md is not what would be written
 *
 * Where the meaning and the remedy come from:
 * - a class with one code (`readonly code = 'STORE_CLOSED' as const`): the class's doc comment;
 * - a class with many (`readonly code: OrderRefusalCode`): the doc comment on each member of that
 *   union type, in the package that declares the class;
 * - a subclass that passes its code to the parent (`super('OUT_OF_STOCK', …)`) is named as the
 *   class of that code.
 * The text before `@remedy` is the meaning; the text after it is what to do. Either fails
 * both modes when missing: a code nobody can act on is not done.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const output = join(root, 'docs', 'errors.md');
const base = 'LedgerError';

/** The doc comment right before `position` in `text`, split into meaning and remedy. */
function docBefore(text, from, to) {
  const comments = [...text.slice(from, to).matchAll(/\/\*\*([\s\S]*?)\*\//g)];
  const last = comments.at(-1);
  if (last === undefined) return { meaning: '', remedy: '' };
  const lines = last[1].split('\n').map((line) => line.replace(/^\s*\*?\s?/, '').trimEnd());
  const body = lines.join('\n').trim();
  const [meaning, ...tags] = body.split(/^@(?=\w)/m);
  const remedy = tags.find((tag) => tag.startsWith('remedy')) ?? '';
  const flat = (part) => part.replace(/\s+/g, ' ').trim();
  return { meaning: flat(meaning), remedy: flat(remedy.slice('remedy'.length)) };
}

function sourceFiles(packageFolder) {
  const src = join(packageFolder, 'src');
  return readdirSync(src, { recursive: true })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(src, file));
}

/** The classes and union types of one package's sources that the reference needs. */
function scanPackage(packageName, files) {
  const classes = [];
  const unions = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (ts.isTypeAliasDeclaration(statement) && ts.isUnionTypeNode(statement.type)) {
        const members = [];
        let previousEnd = statement.type.getFullStart();
        for (const member of statement.type.types) {
          if (ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal)) {
            members.push({ code: member.literal.text, ...docBefore(text, previousEnd, member.getStart()) });
          }
          previousEnd = member.getEnd();
        }
        unions.set(statement.name.text, members);
      }
      if (!ts.isClassDeclaration(statement) || statement.name === undefined) continue;
      const parent = statement.heritageClauses
        ?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)
        ?.types[0]?.expression.getText(source);
      if (parent === undefined) continue;
      const abstract = statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AbstractKeyword);
      const found = { name: statement.name.text, parent, abstract, packageName, file: relative(root, file) };
      for (const member of statement.members) {
        if (ts.isPropertyDeclaration(member) && member.name.getText(source) === 'code') {
          let value = member.initializer;
          while (value !== undefined && (ts.isAsExpression(value) || ts.isParenthesizedExpression(value))) {
            value = value.expression;
          }
          if (value !== undefined && ts.isStringLiteral(value)) found.code = value.text;
          else if (member.type !== undefined && ts.isTypeReferenceNode(member.type))
            found.codeType = member.type.getText();
        }
        if (ts.isConstructorDeclaration(member)) {
          member.body?.forEachChild(function visit(node) {
            if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
              const [first] = node.arguments;
              if (first !== undefined && ts.isStringLiteral(first)) found.superCode = first.text;
            }
            node.forEachChild(visit);
          });
        }
      }
      classes.push({ ...found, ...docBefore(text, statement.getFullStart(), statement.getStart()) });
    }
  }
  return { classes, unions };
}

/** Every code, with its class, package, meaning and remedy, in the order the reference lists them. */
function collectCodes() {
  const folders = readdirSync(join(root, 'packages')).map((folder) => join(root, 'packages', folder));
  const scanned = folders
    .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ folder, manifest }) => scanPackage(manifest.name, sourceFiles(folder)));
  const allClasses = scanned.flatMap((scan) => scan.classes);
  const byName = new Map(allClasses.map((found) => [found.name, found]));
  const isLedgerError = (found, seen = new Set()) => {
    if (found.parent === base) return true;
    const parent = byName.get(found.parent);
    return parent !== undefined && !seen.has(parent) && isLedgerError(parent, seen.add(found));
  };

  const codes = [];
  for (const { classes, unions } of scanned) {
    const errors = classes.filter((found) => isLedgerError(found));
    // A subclass that fixes one of its parent's codes (`super('OUT_OF_STOCK', …)`) is what is
    // thrown with that code, so the reference names it.
    const codeTypeOf = (name) => errors.find((found) => found.name === name)?.codeType;
    const claimedBy = new Map(
      errors
        .filter((found) => found.code === undefined && found.superCode !== undefined && codeTypeOf(found.parent))
        .map((found) => [found.superCode, found]),
    );
    for (const found of errors) {
      if (found.abstract) continue;
      if (found.code !== undefined) {
        codes.push({ code: found.code, errorClass: found, meaning: found.meaning, remedy: found.remedy });
      } else if (found.codeType !== undefined) {
        const members = unions.get(found.codeType);
        if (members === undefined)
          throw new Error(`${found.file}: ${found.name}'s code type ${found.codeType} not found`);
        for (const member of members) codes.push({ ...member, errorClass: claimedBy.get(member.code) ?? found });
      }
    }
  }
  const packageOrder = (name) => (name === '@order-ledger/core' ? '' : name);
  return codes.sort(
    (a, b) =>
      packageOrder(a.errorClass.packageName).localeCompare(packageOrder(b.errorClass.packageName)) ||
      a.code.localeCompare(b.code),
  );
}

const anchor = (entry) => `${entry.errorClass.packageName.replace(/^@order-ledger\//, '')}-${entry.code}`.toLowerCase();

function classLabel(found) {
  return found.parent === base ? `\`${found.name}\`` : `\`${found.name}\` (a \`${found.parent}\`)`;
}

function renderReference(codes) {
  const packages = [...new Set(codes.map((entry) => entry.errorClass.packageName))];
  const parts = [
    '# Error reference',
    '',
    '<!-- Written by `node scripts/error-reference.mjs` from the doc comments of the error classes and',
    'their code types: edit those, then run it again (CI runs it with --check). -->',
    '',
    'Every error the packages throw on purpose is a `LedgerError` with a stable `code`. Branch on the',
    "code, not on the message (which is for people and may change): `hasErrorCode(error, 'ORDER_NOT_PAID')`",
    'from `@order-ledger/core` tells it whichever copy of a package threw the error, where `instanceof`',
    'would not. The message says which order, SKU, stream, field or file; the properties of each class',
    'say it again for programs.',
    '',
    `${codes.length} codes in ${packages.length} packages.`,
  ];
  for (const packageName of packages) {
    const entries = codes.filter((entry) => entry.errorClass.packageName === packageName);
    parts.push('', `## ${packageName}`, '', '| code | class |', '| --- | --- |');
    for (const entry of entries) {
      parts.push(`| [\`${entry.code}\`](#${anchor(entry)}) | ${classLabel(entry.errorClass)} |`);
    }
    for (const entry of entries) {
      parts.push(
        '',
        `<a id="${anchor(entry)}"></a>`,
        '',
        `### \`${entry.code}\``,
        '',
        `${classLabel(entry.errorClass)}, [${entry.errorClass.file}](../${entry.errorClass.file})`,
        '',
        entry.meaning,
        '',
        `**What to do:** ${entry.remedy}`,
      );
    }
  }
  return formatted(`${parts.join('\n')}\n`);
}

/** The text as the workspace's formatter (Biome) lays Markdown out, so lint and `--check` agree. */
function formatted(markdown) {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  const result = spawnSync(biome, ['format', `--stdin-file-path=${output}`], { input: markdown, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`biome could not format the reference: ${result.stderr}`);
  return result.stdout;
}

/**
 * Codes the sources test for (`hasErrorCode(error, 'CODE')`) that no class declares: a code
 * renamed in one place and not the other, or thrown without a class. Driver codes (`SQLITE_…`)
 * are the drivers' own.
 */
function undeclaredCodes(codes) {
  const known = new Set(codes.map((entry) => entry.code));
  const problems = [];
  for (const folder of readdirSync(join(root, 'packages'))) {
    for (const file of sourceFiles(join(root, 'packages', folder))) {
      for (const [, code] of readFileSync(file, 'utf8').matchAll(/hasErrorCode\([^,()]+,\s*'([A-Z][A-Z0-9_]+)'\)/g)) {
        if (!known.has(code) && !code.startsWith('SQLITE_')) {
          problems.push(`${relative(root, file)} tests for ${code}, which no error class declares`);
        }
      }
    }
  }
  return problems;
}

function main() {
  const codes = collectCodes();
  const problems = undeclaredCodes(codes);
  problems.push(
    ...codes
      .filter((entry) => entry.meaning === '' || entry.remedy === '')
      .map(
        (entry) =>
          `${entry.code} (${entry.errorClass.name}, ${entry.errorClass.file}) has no ${entry.meaning === '' ? 'description' : '@remedy'} in its doc comment`,
      ),
  );
  const reference = renderReference(codes);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(output, 'utf8');
    } catch {
      problems.push(`${relative(root, output)} is missing`);
    }
    if (current !== '' && current !== reference) {
      problems.push(`${relative(root, output)} is out of date: run node scripts/error-reference.mjs`);
    }
  } else {
    writeFileSync(output, reference);
    console.log(`wrote ${relative(root, output)}: ${codes.length} codes`);
  }
  if (problems.length > 0) {
    console.error(`error reference:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  if (process.argv.includes('--check')) console.log(`${relative(root, output)} is up to date: ${codes.length} codes`);
}

main();
