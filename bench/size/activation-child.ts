// Runs in a fresh plain-Node process (bundled by activation.ts): installs the `vscode` stand-in,
// then times loading dist/extension.js and calling its activate(), as VS Code's extension host does
// (it reports the same two parts: code loading and the activate call). Prints one JSON line.
import Module, { createRequire } from 'node:module';
import { createFakeVscode } from './fake-vscode';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
}
interface Extension {
  activate(context: unknown): unknown;
  deactivate?(): unknown;
}

async function main(): Promise<void> {
  const [root, bundle] = process.argv.slice(2);
  const { vscode, context, touched } = createFakeVscode(root);
  const FAKE_ID = '\0bench-vscode';
  const internals = Module as unknown as ModuleInternals;
  const resolve = internals._resolveFilename.bind(Module);
  internals._resolveFilename = (request, parent, isMain, options) =>
    request === 'vscode' ? FAKE_ID : resolve(request, parent, isMain, options);
  const cached = new Module(FAKE_ID);
  cached.exports = vscode;
  cached.loaded = true;
  createRequire(__filename).cache[FAKE_ID] = cached;

  const t0 = performance.now();
  const extension = createRequire(__filename)(bundle) as Extension;
  const t1 = performance.now();
  const returned = extension.activate(context);
  if (returned instanceof Promise) await returned;
  const t2 = performance.now();
  const result = {
    loadMs: t1 - t0,
    activateMs: t2 - t1,
    subscriptions: context.subscriptions.length,
    commands: touched.commands.length,
    providers: touched.providers,
  };
  for (const d of context.subscriptions) d.dispose();
  await extension.deactivate?.();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: e instanceof Error ? e.message : String(e) })}\n`);
    process.exit(0);
  },
);
