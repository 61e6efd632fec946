// `npm run mock-server [-- --port N --delay MS --verbose]`: the mock on its own, for trying the
// extension without a key and for the end-to-end tests. Streams slowly enough to watch by default.

import { startMockServer } from './index';

const DEFAULT_DELAY_MS = 20;

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = args[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
}

function numberFlag(name: string, fallback: number): number {
  const raw = flag(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} expects a non-negative integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const port = numberFlag('port', 0);
  const delayMs = numberFlag('delay', DEFAULT_DELAY_MS);
  const verbose = process.argv.includes('--verbose');
  const server = await startMockServer({ port, verbose, defaultShape: { delayMs } });
  console.log(`SiliconFlow mock server: ${server.baseUrl}`);
  console.log('Accepted API keys: any key starting with "sk-" (except "sk-invalid…"), sent as "Authorization: Bearer KEY" or "x-api-key: KEY".');
  console.log(`Streaming delay: ${delayMs} ms per piece. Directives in a message: [[mock:think]] [[mock:long]] [[mock:status=429]] [[mock:midstream=openai]] [[mock:reset]] [[mock:stall]] [[mock:truncate]] [[mock:delay=MS]] (see test/mock-server/directives.ts)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the mock server.`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`mock server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
