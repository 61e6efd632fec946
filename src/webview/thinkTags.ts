// Some models (DeepSeek-R1 style, served through the plain text channel) put their reasoning in
// `<think>…</think>` at the very start of the answer. This splits it off so it can be shown folded
// instead of as raw text. Only a tag at the start counts: a `<think>` later in the answer is just
// text (and is then escaped like any other HTML), so an answer cannot fake a thinking section.

export interface ThinkSplit {
  /** The thinking text inside the tags, if the answer starts with them. */
  thinking?: string;
  /** True while the closing tag has not arrived. */
  thinkingOpen: boolean;
  /** The answer to render as markdown. */
  answer: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/** Length of the longest suffix of `text` that is a proper prefix of `tag` (a tag still arriving). */
function partialTagAtEnd(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}

/**
 * `final` says the text is complete: then a half-arrived opening tag is just text, and an
 * unclosed `<think>` is kept as thinking (the model stopped while thinking).
 */
export function splitThinkTags(text: string, final = false): ThinkSplit {
  const start = text.length - text.trimStart().length;
  const rest = text.slice(start);
  if (!rest.startsWith(OPEN)) {
    // While streaming, "<thi" may be the beginning of a tag: hold it back rather than flash it.
    if (!final && rest.length < OPEN.length && OPEN.startsWith(rest)) return { thinkingOpen: false, answer: '' };
    return { thinkingOpen: false, answer: text };
  }
  const inside = rest.slice(OPEN.length);
  const close = inside.indexOf(CLOSE);
  if (close < 0) {
    const held = final ? 0 : partialTagAtEnd(inside, CLOSE);
    return { thinking: inside.slice(0, inside.length - held).trim(), thinkingOpen: !final, answer: '' };
  }
  return {
    thinking: inside.slice(0, close).trim(),
    thinkingOpen: false,
    answer: inside.slice(close + CLOSE.length).replace(/^\s+/, ''),
  };
}
