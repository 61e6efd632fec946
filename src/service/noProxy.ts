// NO_PROXY matching: does a request to `target` skip the proxy? Pure, unit-tested.
// Entries are separated by commas or spaces and compared case-insensitively:
//   `*`                 every host
//   `example.com`       example.com and every subdomain (api.example.com)
//   `.example.com`      subdomains only; `*.example.com` is the same
//   `example.com:8443`  only that port (the URL's default port when it names none)
//   `10.0.0.0/8`        IPv4 addresses in that range
//   `[::1]` or `::1`    an IPv6 address

export function parseNoProxy(value: string | readonly string[] | undefined): string[] {
  const parts = typeof value === 'string' ? [value] : [...(value ?? [])];
  return parts
    .flatMap((p) => p.split(/[\s,]+/))
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
}

export function bypassesProxy(target: string | URL, noProxy: string | readonly string[] | undefined): boolean {
  let url: URL;
  try {
    url = typeof target === 'string' ? new URL(target) : target;
  } catch {
    return false;
  }
  const host = stripBrackets(url.hostname.toLowerCase());
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  return parseNoProxy(noProxy).some((entry) => matches(entry, host, port));
}

function matches(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  const { name, entryPort } = splitPort(entry);
  if (entryPort && entryPort !== port) return false;
  if (name.includes('/')) return inCidr(host, name);
  const bare = stripBrackets(name);
  if (bare.startsWith('*.')) return host.endsWith(bare.slice(1));
  if (bare.startsWith('.')) return host.endsWith(bare);
  return host === bare || host.endsWith(`.${bare}`);
}

/** `host:port`, `[v6]:port`, a bare IPv6 address (more than one colon, no port) or a plain name. */
function splitPort(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1], entryPort: bracketed[2] };
  const colons = entry.split(':').length - 1;
  if (colons === 1) {
    const [name, p] = entry.split(':');
    if (/^\d+$/.test(p)) return { name, entryPort: p };
  }
  return { name: entry };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const hostNum = ipv4ToNumber(host);
  const baseNum = ipv4ToNumber(base);
  if (hostNum === undefined || baseNum === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(hostNum / size) === Math.floor(baseNum / size);
}
