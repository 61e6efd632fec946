// A 32 MB error body (or a 32 MB 200 that is not an event stream) must not cost the extension host
// its size: the client reads a bounded prefix and closes the connection. Measured in a process of
// its own (the server stays here, so its buffers do not count), on the resident set size.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { startHostileServer, type HostileServer } from './client-hostile-server';

const BODY_BYTES = 32 * 1024 * 1024;
const LIMIT_MB = 64;

function measure(baseUrl: string, model: string): Promise<{ kind: string; baselineMB: number; peakMB: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--require', 'tsx/cjs', path.join(__dirname, 'client-memory-child.ts'), baseUrl, model],
      { cwd: path.join(__dirname, '..', '..'), timeout: 60_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

describe('client memory: huge bodies are not read whole', function () {
  this.timeout(90_000);
  let server: HostileServer;
  before(async () => {
    server = await startHostileServer((_q, res, seen) => {
      const model = (JSON.parse(seen.body) as { model?: string }).model;
      if (model === 'warm-up') {
        res.writeHead(500, { 'content-type': 'text/html' });
        return void res.end('<html><title>small</title></html>');
      }
      const [status, type] = model === 'html-500' ? [500, 'text/html'] : [200, 'application/json'];
      res.writeHead(status, { 'content-type': type, 'content-length': String(BODY_BYTES) });
      const piece = Buffer.alloc(1024 * 1024, type === 'text/html' ? '<p>error</p>' : '{"x":1}');
      let sent = 0;
      const more = (): void => {
        while (sent < BODY_BYTES && !res.destroyed) {
          sent += piece.length;
          if (!res.write(piece)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
  });
  after(() => server.close());

  for (const [name, model] of [
    ['a 32 MB HTML error page (500)', 'html-500'],
    ['a 32 MB JSON body sent with 200 instead of a stream', 'json-200'],
  ] as const) {
    it(`${name} raises the RSS by less than ${LIMIT_MB} MB`, async () => {
      const m = await measure(server.baseUrl, model);
      assert.notEqual(m.kind, 'ok', 'the request failed');
      const rise = m.peakMB - m.baselineMB;
      assert.ok(rise < LIMIT_MB, `RSS rose by ${rise.toFixed(1)} MB (baseline ${m.baselineMB.toFixed(1)} MB)`);
    });
  }
});
