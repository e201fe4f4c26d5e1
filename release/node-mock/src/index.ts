export { startMock, type RemoteCacheMock } from "./start.js";
export { connect, type AdminClient, type RemoteCacheMockClient } from "./connect.js";
export type { MockOptions, CachingStatus } from "./options.js";
export {
  MockVerification,
  EventVerification,
  RequestVerification,
  CoverageVerification,
  type CacheSource,
  type CacheEventType,
  type RecordedEvent,
  type Rejection,
  type RequestRecord,
  type ContractCoverage,
  type OperationCoverage,
} from "./verify.js";
export type { paths as AdminPaths, components as AdminComponents } from "./generated/admin-api.js";
export { VERSION } from "./generated/version.js";
