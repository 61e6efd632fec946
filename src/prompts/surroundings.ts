// The lines around a selection that go with a prompt, cut to a character budget. Pure.

export interface Surroundings {
  /** Whole lines just above the selection, oldest first ('' when none fit). */
  before: string;
  /** Whole lines just below the selection ('' when none fit). */
  after: string;
}

/**
 * Takes whole lines outward from the selection, alternating above and below so both sides get
 * context, until adding the next line would exceed `budgetChars` in total. Lines nearest to the
 * selection matter most, which is why they are taken first.
 * `lines` are the document's lines; `startLine`/`endLine` are the selection's first and last line.
 */
export function surroundingLines(lines: readonly string[], startLine: number, endLine: number, budgetChars: number): Surroundings {
  const before: string[] = [];
  const after: string[] = [];
  let used = 0;
  let up = startLine - 1;
  let down = endLine + 1;
  let upOpen = up >= 0;
  let downOpen = down < lines.length;
  while (upOpen || downOpen) {
    if (upOpen) {
      const cost = lines[up].length + 1;
      if (used + cost > budgetChars) upOpen = false;
      else {
        before.unshift(lines[up]);
        used += cost;
        up--;
        upOpen = up >= 0;
      }
    }
    if (downOpen) {
      const cost = lines[down].length + 1;
      if (used + cost > budgetChars) downOpen = false;
      else {
        after.push(lines[down]);
        used += cost;
        down++;
        downOpen = down < lines.length;
      }
    }
  }
  return { before: before.join('\n'), after: after.join('\n') };
}
