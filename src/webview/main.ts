// SKELETON (issue 4): the chat webview entry point.
export {};
