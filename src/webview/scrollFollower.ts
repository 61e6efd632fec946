// Auto-scroll that does not fight the reader: new content pulls the view down only while the reader
// is at the bottom. Once they scroll up, the view stays put and a "Jump to latest" button appears.

/** How far from the bottom still counts as "at the bottom" (sub-pixel zoom rounding, a stray wheel tick). */
const AT_BOTTOM_SLACK_PX = 8;

/**
 * Keeps a scrolling element at its bottom while the reader is there. Follows content changes the
 * app reports (`contentChanged`) and, where the browser has ResizeObserver, any change of size of
 * the element or of its children (an error box, an image that loaded, the composer growing below).
 * Only a scroll *up* by the reader stops following: a scroll event that arrives after content grew
 * under a programmatic scroll (the browser dispatches them a frame later) does not.
 */
export class ScrollFollower {
  private following = true;
  /** scrollTop after the last scroll this class made or saw, to tell the reader's direction. */
  private lastTop = 0;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly jumpButton: HTMLElement,
  ) {
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    jumpButton.addEventListener('click', () => {
      this.scrollToBottom();
      scroller.focus({ preventScroll: true });
    });
    this.setJumpVisible(false);
    const win = scroller.ownerDocument.defaultView as (typeof globalThis & Window) | null;
    if (win && typeof win.ResizeObserver === 'function') {
      const observer = new win.ResizeObserver(() => this.contentChanged());
      observer.observe(scroller);
      const watch = (node: Node): void => {
        if (node.nodeType === 1) observer.observe(node as Element);
      };
      scroller.childNodes.forEach(watch);
      new win.MutationObserver((records: MutationRecord[]) => records.forEach((r) => r.addedNodes.forEach(watch))).observe(scroller, { childList: true });
    }
  }

  get isFollowing(): boolean {
    return this.following;
  }

  /** Call after content changed: follow it, or offer the jump button. */
  contentChanged(): void {
    if (this.following) this.scrollToBottom();
    else if (this.distanceFromBottom() > AT_BOTTOM_SLACK_PX) this.setJumpVisible(true);
  }

  scrollToBottom(): void {
    this.scroller.scrollTop = Math.max(0, this.scroller.scrollHeight - this.scroller.clientHeight);
    this.lastTop = this.scroller.scrollTop;
    this.following = true;
    this.setJumpVisible(false);
  }

  private onScroll(): void {
    const top = this.scroller.scrollTop;
    const up = top < this.lastTop - 1;
    this.lastTop = top;
    if (this.distanceFromBottom() <= AT_BOTTOM_SLACK_PX) {
      this.following = true;
      this.setJumpVisible(false);
    } else if (up) {
      this.following = false;
    } else if (this.following) {
      // Content grew between our scroll and its event: still at the end as far as the reader knows.
      this.scrollToBottom();
    }
  }

  private distanceFromBottom(): number {
    const { scrollHeight, scrollTop, clientHeight } = this.scroller;
    return scrollHeight - scrollTop - clientHeight;
  }

  private setJumpVisible(visible: boolean): void {
    this.jumpButton.hidden = !visible;
  }
}
