export { startTestServer, type TestServer, type TestServerOptions } from './test-server';
export { createTestDatabase, type TestDatabase } from './test-database';
export { apiClient, type Api, type ApiRequest, type ApiResponse } from './http-client';
export { buildSegmentInput, createSegment, errorBody } from './factories';
export { runCommand, startServerProcess, type CommandResult, type ServerProcess } from './server-process';
export { createProcessStorage, type ProcessStorage } from './process-storage';
