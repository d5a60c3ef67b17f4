#!/usr/bin/env node
/**
 * The packages as a user gets them: packed, and installed with npm into projects outside the
 * workspace, where nothing of the workspace can be reached by accident.
 *
 *   node scripts/consumer-check.mjs             build first
 *   node scripts/consumer-check.mjs --no-build  use the packages' dist folders as they are
 *   node scripts/consumer-check.mjs --keep      leave the temporary folder for a look
 *
 * 1. Builds, and packs every publishable package with `pnpm pack` (as publishing would).
 * 2. Each tarball declares exactly the packages its built files import.
 * 3. publint and arethetypeswrong on each tarball.
 * 4. A project installs every library tarball with npm. Our own packages come only from the
 *    tarballs (the `@order-ledger` scope's registry is pointed at a closed port, so a package
 *    missing from them fails the install instead of being fetched); third-party ones from npm.
 *    There it runs the README's sample as an ES module and as CommonJS, checks that the
 *    `./testing` entry and the main entry share one copy of core (`instanceof` holds across
 *    them), and typechecks a strict TypeScript consumer of every entry point, ESM and CJS.
 * 5. A second project installs the CLI tarball alone, and runs `order-ledger --version`,
 *    `order-ledger demo --help` and a small demo.
 *
 * Needs the npm registry for third-party packages. A few minutes, mostly npm installing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { undeclaredOrUnused } from './consumer/declared-imports.mjs';
import { readmeSample, sampleAsCommonJs, sampleAsEsm } from './consumer/readme-sample.mjs';

const root = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const pnpm = ['-y', 'pnpm@10.34.9'];
const npmQuiet = ['--no-audit', '--no-fund', '--loglevel=error'];
const failures = [];

const started = Date.now();
function step(title) {
  console.log(`\n== ${title} (at ${Math.round((Date.now() - started) / 1000)} s)`);
}

/** Runs a command; returns its output, or records a failure (and ends the run if `fatal`). */
function run(command, commandArgs, { cwd, fatal = true, label = `${command} ${commandArgs.join(' ')}` } = {}) {
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', timeout: 600_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status === 0) return output;
  const why = result.error?.message ?? `exit ${result.status ?? result.signal}`;
  console.error(`✗ ${label} (in ${cwd}): ${why}\n${output}`);
  failures.push(label);
  if (fatal) finish();
  return undefined;
}

function check(label, fn) {
  try {
    fn();
    console.log(`✓ ${label}`);
  } catch (error) {
    console.error(`✗ ${label}: ${error instanceof Error ? error.message : String(error)}`);
    failures.push(label);
  }
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function finish() {
  if (!args.has('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`\nleft in ${work}`);
  if (failures.length > 0) {
    console.error(`\nconsumer check failed: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log('\nconsumer check: every package installs, runs and typechecks as a user gets it');
  process.exit(0);
}

/**
 * A manifest as `pnpm pack` publishes it: fields under `publishConfig` replace their namesakes (the
 * outbox, say, exports a source-only `./testing` to the workspace and not to users).
 */
const asPublished = (manifest) => ({ ...manifest, ...(manifest.publishConfig ?? {}) });

const publishable = readdirSync(join(root, 'packages'))
  .map((folder) => ({
    folder: join(root, 'packages', folder),
    manifest: asPublished(readJson(join(root, 'packages', folder, 'package.json'))),
  }))
  .filter(({ manifest }) => manifest.private !== true)
  .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
const cli = publishable.find(({ manifest }) => manifest.bin !== undefined);
const libraries = publishable.filter((entry) => entry !== cli);

const work = mkdtempSync(join(tmpdir(), 'order-ledger-consumer-'));
if (!relative(root, work).startsWith('..')) throw new Error(`the temporary folder ${work} is inside the repository`);
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);

if (!args.has('--no-build')) {
  step('build');
  run('npx', [...pnpm, 'build'], { cwd: root });
}

step(`pack ${publishable.length} packages`);
const tarballOf = new Map();
for (const { folder, manifest } of publishable) {
  const before = new Set(readdirSync(tarballs));
  run('npx', [...pnpm, 'pack', '--pack-destination', tarballs], { cwd: folder, label: `pnpm pack ${manifest.name}` });
  const made = readdirSync(tarballs).find((file) => !before.has(file));
  tarballOf.set(manifest.name, join(tarballs, made));
  console.log(`${manifest.name}: ${made}`);
}

step('each package declares what it imports');
const unpacked = join(work, 'unpacked');
for (const [name, tarball] of tarballOf) {
  const into = join(unpacked, name);
  mkdirSync(into, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', into, '--strip-components=1'], { cwd: work });
  check(name, () => {
    const problems = undeclaredOrUnused(into);
    if (problems.length > 0) throw new Error(problems.join('; '));
  });
}

step('publint and arethetypeswrong on each tarball');
for (const [name, tarball] of tarballOf) {
  const manifest = readJson(join(unpacked, name, 'package.json'));
  const linted = run('npx', ['--no-install', 'publint', 'run', '--strict', tarball], {
    cwd: root,
    fatal: false,
    label: `publint ${name}`,
  });
  if (manifest.types === undefined && manifest.exports === undefined) {
    if (linted !== undefined) console.log(`✓ ${name} (publint; a program without types)`);
    continue;
  }
  // An ES-module-only package (no `require` condition) is checked as one: CommonJS consumers
  // reach it through `import()`, which arethetypeswrong would otherwise flag.
  const esmOnly = !JSON.stringify(manifest.exports).includes('"require"');
  const profile = esmOnly ? ['--profile', 'esm-only'] : [];
  const typed = run('npx', ['--no-install', 'attw', ...profile, '--format', 'table-flipped', tarball], {
    cwd: root,
    fatal: false,
    label: `attw ${name}`,
  });
  if (linted !== undefined && typed !== undefined) console.log(`✓ ${name}${esmOnly ? ' (ES module only)' : ''}`);
}

/** A new npm project whose `@order-ledger` packages can come from tarballs only. */
function newProject(name, type) {
  const folder = join(work, name);
  mkdirSync(folder);
  run('npm', ['init', '-y'], { cwd: folder });
  const manifest = readJson(join(folder, 'package.json'));
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ ...manifest, type }, null, 2)}\n`);
  writeFileSync(join(folder, '.npmrc'), '@order-ledger:registry=http://127.0.0.1:9/\n');
  return folder;
}

step('a project using every library');
const project = newProject('library-user', 'module');
const rootManifest = readJson(join(root, 'package.json'));
run(
  'npm',
  [
    'install',
    ...npmQuiet,
    ...libraries.map(({ manifest }) => tarballOf.get(manifest.name)),
    // What a user adds next to them: fast-check for `@order-ledger/core/testing`, and the
    // compiler and Node types of the strict consumer below, at the workspace's versions.
    `fast-check@${rootManifest.devDependencies['fast-check']}`,
    `typescript@${rootManifest.devDependencies.typescript}`,
    `@types/node@${rootManifest.devDependencies['@types/node']}`,
  ],
  { cwd: project, label: 'npm install the library tarballs' },
);

const sample = readmeSample(join(root, 'README.md'));
for (const [format, file, program] of [
  ['ES module', 'sample.mjs', sampleAsEsm(sample)],
  ['CommonJS', 'sample.cjs', sampleAsCommonJs(sample)],
]) {
  // Each run in a folder of its own: the sample opens ./order-ledger.db and places order 1001.
  const folder = join(project, `run-${file.replace('.', '-')}`);
  mkdirSync(folder);
  writeFileSync(join(folder, file), program);
  if (run('node', [file], { cwd: folder, fatal: false, label: `the README sample as ${format}` }) !== undefined) {
    console.log(`✓ the README sample as ${format}`);
  }
}

// `runScenario` (on the testing entry) makes the store and the ledger itself: they must be the
// main entry's classes, in either module system.
const sameCore = (load) => `${load}
const run = await testing.runScenario({ commands: [] });
if (!(run.store instanceof core.InMemoryEventStore) || !(run.ledger instanceof core.OrderLedger)) {
  throw new Error('@order-ledger/core/testing holds a copy of core of its own');
}
`;
writeFileSync(
  join(project, 'same-core.mjs'),
  sameCore(`import * as core from '@order-ledger/core';\nimport * as testing from '@order-ledger/core/testing';`),
);
writeFileSync(
  join(project, 'same-core.cjs'),
  `(async () => {\n${sameCore(`const core = require('@order-ledger/core');\nconst testing = require('@order-ledger/core/testing');`)}})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`,
);
for (const file of ['same-core.mjs', 'same-core.cjs']) {
  if (run('node', [file], { cwd: project, fatal: false, label: `one core behind ./testing (${file})` }) !== undefined) {
    console.log(`✓ one core behind ./testing (${file})`);
  }
}

step('a strict TypeScript consumer');
/** Every entry point a package exports, as import specifiers: `@order-ledger/core/testing`. */
const entryPoints = libraries.flatMap(({ manifest }) =>
  Object.keys(manifest.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => manifest.name + subpath.slice(1)),
);
const requirable = (specifier) => {
  const manifest = libraries.find((entry) => specifier.startsWith(entry.manifest.name))?.manifest;
  return JSON.stringify(manifest?.exports ?? {}).includes('"require"');
};
const identifier = (specifier) =>
  specifier.replace(/^@order-ledger\//, '').replace(/[^a-zA-Z0-9]+(.)/g, (_, c) => c.toUpperCase());
writeFileSync(
  join(project, 'every-entry.ts'),
  `${entryPoints.map((specifier) => `import * as ${identifier(specifier)} from '${specifier}';`).join('\n')}\n\nexport const loaded = [${entryPoints.map(identifier).join(', ')}];\n`,
);
writeFileSync(
  join(project, 'every-entry-cjs.cts'),
  `${entryPoints
    .filter(requirable)
    .map((specifier) => `import ${identifier(specifier)} = require('${specifier}');`)
    .join('\n')}\n\nexport const loaded = [${entryPoints.filter(requirable).map(identifier).join(', ')}];\n`,
);
writeFileSync(join(project, 'sample.ts'), sample);
writeFileSync(
  join(project, 'tsconfig.json'),
  `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        types: ['node'],
        noEmit: true,
      },
      files: ['every-entry.ts', 'every-entry-cjs.cts', 'sample.ts'],
    },
    null,
    2,
  )}\n`,
);
if (
  run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], { cwd: project, fatal: false, label: 'tsc, strict' }) !==
  undefined
) {
  console.log(
    `✓ tsc (strict, skipLibCheck false, nodenext) over ${entryPoints.length} entry points and the README sample`,
  );
}

step('the CLI tarball installed alone');
const cliProject = newProject('cli-user', 'commonjs');
run('npm', ['install', ...npmQuiet, tarballOf.get(cli.manifest.name)], {
  cwd: cliProject,
  label: 'npm install the CLI tarball alone',
});
const bin = join(cliProject, 'node_modules', '.bin', Object.keys(cli.manifest.bin)[0]);
// A command that fails is recorded by `run`; `check` adds what a command that ran got wrong.
check('order-ledger --version', () => {
  const version = run(bin, ['--version'], { cwd: cliProject, fatal: false })?.trim();
  if (version !== undefined && version !== cli.manifest.version)
    throw new Error(`printed ${JSON.stringify(version)}, not ${cli.manifest.version}`);
});
check('order-ledger demo --help', () => {
  const help = run(bin, ['demo', '--help'], { cwd: cliProject, fatal: false });
  if (help !== undefined && !help.startsWith('Usage: order-ledger demo'))
    throw new Error(`printed ${JSON.stringify(help.slice(0, 200))}`);
});
if (
  run(bin, ['demo', '--orders', '40', '--store', 'sqlite:./demo.db'], { cwd: cliProject, fatal: false }) !== undefined
) {
  console.log('✓ order-ledger demo (SQLite, a small year)');
}

finish();
