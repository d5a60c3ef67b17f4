import { describeQuickstart, runQuickstart } from './quickstart';

process.stdout.write(`${describeQuickstart(await runQuickstart())}\n`);
