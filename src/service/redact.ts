// Scrubs secrets from text before it reaches the log: the key itself wherever it appears (also
// URL-encoded), bearer tokens and x-api-key headers, and anything shaped like a SiliconFlow key
// (`sk-…`), so a key echoed back by a proxy or a server error cannot leak either. Pure.

const REDACTED = '[redacted]';

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real keys are long.
    if (!secret || secret.length < 6) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`)
    .replace(/\b(x-api-key|api[_-]?key|authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(?!\[redacted\]|Bearer\b|Basic\b)[^\s"',;}]{6,}/gi, `$1$2${REDACTED}`)
    .replace(/\bsk-[A-Za-z0-9_-]{12,}/g, `sk-${REDACTED}`)
    .replace(/(\/\/[^/\s:@]+:)[^/\s@]+@/g, `$1${REDACTED}@`);
}
