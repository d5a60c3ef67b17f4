import { packageBuild } from '../../tsup.package';

export default packageBuild({ external: [/^@order-ledger\//, 'better-sqlite3', 'pg', 'nodemailer'] });
