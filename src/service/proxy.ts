// Sends requests through an HTTP proxy when VS Code's `http.proxy` or the HTTPS_PROXY /
// HTTP_PROXY environment asks for one, unless `http.noProxy` / NO_PROXY exempts the host.
// Node's global fetch is undici, which ignores those variables; it takes a proxy only as a
// `dispatcher` (undici's ProxyAgent), which the client passes through.
// Inside VS Code the extension host patches the global fetch (`http.fetchAdditionalSupport`,
// on by default): the patch resolves the proxy itself (the same settings and variables, plus the
// system proxy and certificates) and REPLACES any dispatcher the caller gave. So the extension
// routes through its own ProxyAgent only where that patch is off; see routeFor().
// No vscode import: the caller reads the settings, so this file runs in the unit tests.
import type { Dispatcher, ProxyAgent } from 'undici';
import { bypassesProxy, parseNoProxy } from './noProxy';
import { redactSecrets } from './redact';

export interface ProxySettings {
  /** VS Code's `http.proxy` (wins over the environment). */
  httpProxy?: string;
  /** VS Code's `http.proxyStrictSSL`: verify certificates on the proxied connection. */
  strictSSL: boolean;
  /** VS Code's `http.noProxy`, added to NO_PROXY. */
  noProxy?: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** VS Code's `http.proxySupport` ('override' | 'fallback' | 'on' | 'off'); undefined outside VS Code. */
  vscodeProxySupport?: string;
  /** VS Code's `http.fetchAdditionalSupport`: whether VS Code patches the global fetch. */
  vscodeFetchSupport?: boolean;
}

export interface ProxyRoute {
  /** What the settings and the environment ask for (also what VS Code's patch resolves). */
  choice: ProxyChoice;
  /** 'extension': pass our ProxyAgent; 'vscode': VS Code's fetch patch does it; 'off': proxy support is turned off. */
  handledBy: 'extension' | 'vscode' | 'off';
}

/** Who applies the proxy for a request to `target`. Pure. */
export function routeFor(target: string, s: ProxySettings): ProxyRoute {
  const choice = chooseProxy(target, s);
  if (s.vscodeProxySupport === 'off') return { choice: { kind: 'direct', reason: 'none' }, handledBy: 'off' };
  // The patch replaces our dispatcher; giving it one would even stop it resolving ('on' mode).
  if (s.vscodeProxySupport !== undefined && s.vscodeFetchSupport !== false) return { choice, handledBy: 'vscode' };
  return { choice, handledBy: 'extension' };
}

export type ProxyChoice =
  | { kind: 'proxy'; url: string; source: string; strictSSL: boolean }
  | { kind: 'direct'; reason: 'none' | 'noProxy' }
  | { kind: 'invalid'; source: string; value: string };

function envValue(env: ProxySettings['env'], name: string): [string, string] | undefined {
  for (const key of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[key]?.trim();
    if (value) return [key, value];
  }
  return undefined;
}

/** Which proxy (if any) a request to `target` should use. Pure. */
export function chooseProxy(target: string, s: ProxySettings): ProxyChoice {
  const isHttps = target.startsWith('https:');
  const fromSetting = s.httpProxy?.trim() ? (['http.proxy', s.httpProxy.trim()] as [string, string]) : undefined;
  const found =
    fromSetting ??
    (isHttps ? envValue(s.env, 'https_proxy') ?? envValue(s.env, 'http_proxy') : envValue(s.env, 'http_proxy')) ??
    envValue(s.env, 'all_proxy');
  if (!found) return { kind: 'direct', reason: 'none' };
  const noProxy = [...parseNoProxy(envValue(s.env, 'no_proxy')?.[1]), ...parseNoProxy(s.noProxy)];
  if (bypassesProxy(target, noProxy)) return { kind: 'direct', reason: 'noProxy' };
  const [source, raw] = found;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'invalid', source, value: describeProxyUrl(raw) };
    return { kind: 'proxy', url: url.href, source, strictSSL: s.strictSSL };
  } catch {
    return { kind: 'invalid', source, value: describeProxyUrl(raw) };
  }
}

/** A proxy URL fit for the log: any user name and password are removed. */
export function describeProxyUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
      return `${u.href} (with credentials)`;
    }
    return u.href;
  } catch {
    return redactSecrets(url);
  }
}

/**
 * undici is about 0.5 MB minified — more than the rest of the extension — and only people behind a
 * proxy need it, so esbuild.js builds it into its own file (dist/undici.js) that is read on first
 * use, keeping activation fast. Under tsx (tests) this resolves to the package as usual.
 */
function loadUndici(): typeof import('undici') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, separately bundled module (see above)
  return require('undici') as typeof import('undici');
}

/**
 * Keeps one ProxyAgent per proxy and TLS choice, so connections to the proxy are reused.
 * undici is loaded on first use: most people have no proxy, and it is a large module to evaluate
 * at activation.
 */
export class ProxyDispatchers {
  private readonly agents = new Map<string, ProxyAgent>();

  /** The dispatcher for `choice`, or undefined for a direct connection. */
  async dispatcherFor(choice: ProxyChoice): Promise<Dispatcher | undefined> {
    if (choice.kind !== 'proxy') return undefined;
    const id = `${choice.url}|${choice.strictSSL}`;
    let agent = this.agents.get(id);
    if (!agent) {
      const { ProxyAgent } = loadUndici();
      // Credentials in the proxy URL become a Proxy-Authorization header inside ProxyAgent.
      agent = new ProxyAgent({
        uri: choice.url,
        requestTls: { rejectUnauthorized: choice.strictSSL },
        proxyTls: { rejectUnauthorized: choice.strictSSL },
      });
      this.agents.set(id, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((a) => a.close().catch(() => undefined)));
  }
}
