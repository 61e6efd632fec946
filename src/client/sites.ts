// The two SiliconFlow sites and what tells them apart: the mainland service (siliconflow.cn) and
// the international one (siliconflow.com) have separate accounts, keys and consoles; a key from
// one is refused with 401 by the other (docs/wire.md, base URLs). Other base URLs (api-st, gateways,
// local proxies) count as the mainland site.

/** The mainland service, the default base URL. */
export const MAINLAND_BASE_URL = 'https://api.siliconflow.cn/v1';
/** The international service. */
export const INTERNATIONAL_BASE_URL = 'https://api.siliconflow.com/v1';

/** `https://api.siliconflow.cn/v1` → `api.siliconflow.cn`; a string that is not a URL comes back as it is. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** True when the base URL is on siliconflow.com (the international site). */
export function isInternational(baseUrl: string): boolean {
  return /siliconflow\.com/i.test(hostOf(baseUrl));
}

/** The billing / real-name verification console of the site the base URL belongs to. */
export function consoleUrlFor(baseUrl: string): string {
  return isInternational(baseUrl) ? 'https://cloud.siliconflow.com/' : 'https://cloud.siliconflow.cn/';
}
