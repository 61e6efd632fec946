// Old name of ./webview-harness.ts, kept only so tests written before the rename still compile; import the new name.
export * from './webview-harness';
