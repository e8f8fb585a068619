// The lesson webview's entry point. It runs in the browser, inside VS Code's webview frame.
const root = document.getElementById('lesson');
if (root) root.dataset.ready = 'true';
