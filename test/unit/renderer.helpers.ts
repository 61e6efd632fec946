// Old name of ./webview-renderer-helpers.ts, kept only so tests written before the rename still compile; import the new name.
export * from './webview-renderer-helpers';
