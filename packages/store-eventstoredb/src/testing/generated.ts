import { createRequire } from 'node:module';

/**
 * The protocol as `@eventstore/db-client` itself ships it: its generated grpc-js service
 * definitions and message classes. The test server is built on these, so it speaks exactly the
 * client's wire format. They are CommonJS modules whose exports Node's ESM loader cannot list,
 * hence `require`.
 */
const require = createRequire(import.meta.url);

export const streamsPb =
  require('@eventstore/db-client/generated/streams_pb.js') as typeof import('@eventstore/db-client/generated/streams_pb');
export const streamsGrpc =
  require('@eventstore/db-client/generated/streams_grpc_pb.js') as typeof import('@eventstore/db-client/generated/streams_grpc_pb');
export const sharedPb =
  require('@eventstore/db-client/generated/shared_pb.js') as typeof import('@eventstore/db-client/generated/shared_pb');
export const statusPb =
  require('@eventstore/db-client/generated/status_pb.js') as typeof import('@eventstore/db-client/generated/status_pb');
export const featuresPb =
  require('@eventstore/db-client/generated/serverfeatures_pb.js') as typeof import('@eventstore/db-client/generated/serverfeatures_pb');
export const featuresGrpc =
  require('@eventstore/db-client/generated/serverfeatures_grpc_pb.js') as typeof import('@eventstore/db-client/generated/serverfeatures_grpc_pb');
/** google-protobuf as the client resolves it, so both sides share one copy of `Any`. */
const clientRequire = createRequire(require.resolve('@eventstore/db-client/package.json'));
export const anyPb = clientRequire(
  'google-protobuf/google/protobuf/any_pb.js',
) as typeof import('google-protobuf/google/protobuf/any_pb');
