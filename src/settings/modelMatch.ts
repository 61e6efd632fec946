// What "Select Model" shows for the text typed into it: the matching models, and the typed text as
// an id to use only when no model matches, so Enter takes the best matching model and never stores
// a filter such as "R1" as the model. Pure: unit-tested.

/**
 * How well `id` matches `query` (lower is better), or undefined when it does not match. Case is
 * ignored. Words of the query separated by spaces must all occur ("qwen coder"). The tiers:
 * 0 the id itself; 1 the id's name after the vendor ("DeepSeek-R1" in "deepseek-ai/DeepSeek-R1");
 * 2 a whole part of the name, between separators ("R1" in "…/DeepSeek-R1", "V3" in "…-V3-0324");
 * 3 the start of a part ("Coder" in "Qwen3-Coder-…"); 4 anywhere. Letters merely in order do not
 * match: a new id typed in full would otherwise "match" some long listed id and be replaced by it.
 */
export function matchTier(id: string, query: string): number | undefined {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const lower = id.toLowerCase();
  const words = q.split(/\s+/);
  if (words.length > 1) {
    if (!words.every((w) => lower.includes(w))) return undefined;
    return Math.max(...words.map((w) => matchTier(id, w) ?? 4));
  }
  if (lower === q) return 0;
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  if (name === q) return 1;
  let best: number | undefined;
  for (let at = lower.indexOf(q); at >= 0; at = lower.indexOf(q, at + 1)) {
    const startsPart = at === 0 || isSeparator(lower[at - 1]);
    const endsPart = at + q.length === lower.length || isSeparator(lower[at + q.length]);
    const tier = startsPart && endsPart ? 2 : startsPart ? 3 : 4;
    best = best === undefined ? tier : Math.min(best, tier);
  }
  return best;
}

function isSeparator(c: string | undefined): boolean {
  return c === undefined || /[/\-_.:\s]/.test(c);
}

/**
 * The ids matching `query`, best first: by tier, then the shorter id (the base model before its
 * variants: "DeepSeek-R1" before "DeepSeek-R1-Distill-…"), then the given order. All ids, in
 * their order, for an empty query.
 */
export function rankModels(ids: readonly string[], query: string): string[] {
  if (!query.trim()) return [...ids];
  return ids
    .map((id, index) => ({ id, index, tier: matchTier(id, query) }))
    .filter((m): m is { id: string; index: number; tier: number } => m.tier !== undefined)
    .sort((a, b) => a.tier - b.tier || a.id.length - b.id.length || a.index - b.index)
    .map((m) => m.id);
}

/**
 * The rows of the picker for `typed`: the matching models best first, and `typedId` (the typed
 * text, offered as an id to use) only when no model matches it. The typed row is never shown next
 * to a match, so Enter on the highlighted (first) row is always a listed model when there is one.
 */
export function modelRows(listed: readonly string[], typed: string): { models: string[]; typedId?: string } {
  const models = rankModels(listed, typed);
  const id = typed.trim();
  return id && models.length === 0 ? { models, typedId: id } : { models };
}
