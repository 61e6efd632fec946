// Run by client-memory.test.ts in its own Node process (with --expose-gc), so that only the
// client's memory is measured: warms the request path up with a small request, then makes the
// request given in argv against the parent's server and prints {kind, baselineMB, peakMB} as JSON.
import { streamChat, SiliconFlowError } from '../../src/client';

const [baseUrl, path] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;

async function attempt(model: string): Promise<string> {
  try {
    for await (const _ of streamChat({ baseUrl, apiKey: 'sk-memory-test-key-000000000000', protocol: 'openai', model, messages: [{ role: 'user', content: 'hi' }] }, { maxRetries: 0 })) {
      // drained
    }
    return 'ok';
  } catch (e) {
    return e instanceof SiliconFlowError ? e.kind : String(e);
  }
}

async function main(): Promise<void> {
  await attempt('warm-up');
  gc?.();
  await new Promise((r) => setTimeout(r, 50));
  gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const kind = await attempt(path);
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  process.stdout.write(JSON.stringify({ kind, baselineMB: baseline / 2 ** 20, peakMB: peak / 2 ** 20 }));
}

void main();
