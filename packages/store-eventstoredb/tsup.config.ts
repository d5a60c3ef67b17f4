import { packageBuild } from '../../tsup.package';

export default packageBuild({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  external: [/^@order-ledger\//, /^@eventstore\//, /^@grpc\//, /^google-protobuf/],
  // The test server loads the client's generated CommonJS modules through `import.meta.url`,
  // which the CommonJS build needs shimmed.
  shims: true,
});
