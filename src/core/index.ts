// The core's public surface: what the CLI, the worker and the UI import.
export * from './observation/observation-schema';
export * from './params/param-schema';
export { decodeParams, urlParams } from './params/decode-params';
export { decodeJwt, DecodedJwtSchema, type DecodedJwt } from './jwt/decode-jwt';
export * from './flows/flow-schema';
export { ingest, compileWatchList, forgetTab, type WatchList } from './flows/ingest';
export * from './flows/read-fields';
export * from './profiles/profile-schema';
export { BUILTIN_PROFILES } from './profiles/builtin-profiles';
export * from './settings/settings-schema';
export * from './checks/rule-ids';
export { FindingSchema, type Finding, type Rule } from './checks/rule';
export { CATALOGUE } from './checks/catalogue';
export * from './report/report-schema';
export { analyze, countSeverities } from './report/analyze';
export { redactReport, redactUrl, redactValue, SECRET_PARAMS } from './report/redact';
export { parseHar, HarSchema, HarEntrySchema, type Har, type HarEntry, type ParsedHar } from './har/har-schema';
export { harToObservations, isNavigationLike, HAR_TAB_ID, type HarObservations, type SkippedEntry } from './har/har-to-observations';
