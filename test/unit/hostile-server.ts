// Old name of ./client-hostile-server.ts, kept only so tests written before the rename still compile; import the new name.
export * from './client-hostile-server';
