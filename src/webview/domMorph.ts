// Makes existing DOM equal to a freshly rendered copy by changing only what differs. The streaming
// renderer re-renders the block that is still growing on every chunk; swapping the whole block
// for a new one makes the browser recompute style and layout for every element in it and drops a
// selection inside it, while usually only the last text node or the last list item changed.
// Afterwards `target` has exactly `source`'s children (types, names, attributes, text), so the
// result is the sanitized rendering, node for node; `source` is left empty or partly moved.

const ELEMENT_NODE = 1; // Node.ELEMENT_NODE, without relying on a global `Node`

/** True when `target` can be turned into `source` in place: same kind of node, same element name. */
function sameShape(target: Node, source: Node): boolean {
  if (target.nodeType !== source.nodeType) return false;
  return target.nodeType !== ELEMENT_NODE || (target as Element).localName === (source as Element).localName;
}

function syncAttributes(target: Element, source: Element): void {
  for (const name of target.getAttributeNames()) if (!source.hasAttribute(name)) target.removeAttribute(name);
  for (const name of source.getAttributeNames()) {
    const value = source.getAttribute(name)!;
    if (target.getAttribute(name) === value) continue;
    // Through the CSSOM: the CSP refuses style attributes set as markup (KaTeX positions with styles).
    if (name === 'style' && 'style' in target) (target as HTMLElement).style.cssText = value;
    else target.setAttribute(name, value);
  }
}

function morphNode(target: Node, source: Node): void {
  if (target.nodeType === ELEMENT_NODE) {
    syncAttributes(target as Element, source as Element);
    morphChildren(target, source);
  } else if (target.nodeValue !== source.nodeValue) {
    target.nodeValue = source.nodeValue;
  }
}

/** Makes `target`'s children equal `source`'s, reusing those of the same shape in order. */
export function morphChildren(target: Node, source: Node): void {
  let existing = target.firstChild;
  let incoming = source.firstChild;
  while (incoming) {
    const next = incoming.nextSibling;
    if (existing && sameShape(existing, incoming)) {
      morphNode(existing, incoming);
      existing = existing.nextSibling;
    } else {
      target.insertBefore(incoming, existing);
    }
    incoming = next;
  }
  while (existing) {
    const next = existing.nextSibling;
    existing.remove();
    existing = next;
  }
}

/**
 * Makes the sibling run `nodes` (consecutive children of `parent`, in order) equal `source`'s
 * children and returns the resulting run. An empty run is put before `before`.
 */
export function morphRun(nodes: ChildNode[], source: DocumentFragment, parent: Node, before: Node | null): ChildNode[] {
  const end = nodes.length > 0 ? nodes[nodes.length - 1]!.nextSibling : before;
  const result: ChildNode[] = [];
  let index = 0;
  let incoming = source.firstChild;
  while (incoming) {
    const next = incoming.nextSibling;
    const existing = nodes[index];
    if (existing && sameShape(existing, incoming)) {
      morphNode(existing, incoming);
      result.push(existing);
      index++;
    } else {
      parent.insertBefore(incoming, existing ?? end);
      result.push(incoming);
    }
    incoming = next;
  }
  for (const stale of nodes.slice(index)) stale.remove();
  return result;
}
