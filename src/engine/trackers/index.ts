/** Issue trackers: the seam the sync engine speaks, the shared request layer, and each tracker's client. */
export * from './model';
export { createTrackerHttp, nextLink, realSleep, redactor, trackerMessage, type JsonRequest, type JsonResponse, type Sleep, type TrackerCredentials, type TrackerHttp, type TrackerHttpOptions, type WritePacing } from './http';
export * from './github';
export * from './gitlab';
export * from './jira';
export * from './linear';
