// The API client's shared part: the transport (errors, refresh-once, uploads) and the typed route
// binding. Each module's calls and types live in src/api/<module>.ts (accounts, apps, hostApps,
// gray); screens import them from there.
export * from './http';
export * from './client';
