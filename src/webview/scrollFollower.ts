// Auto-scroll that does not fight the reader: new content pulls the view down only while the reader
// is at the bottom. Once they scroll up, the view stays put and a "Jump to latest" button appears.

/** How far from the bottom still counts as "at the bottom" (sub-pixel zoom rounding, a stray wheel tick). */
const AT_BOTTOM_SLACK_PX = 8;

export class ScrollFollower {
  private following = true;

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
    this.following = true;
    this.setJumpVisible(false);
  }

  private onScroll(): void {
    this.following = this.distanceFromBottom() <= AT_BOTTOM_SLACK_PX;
    if (this.following) this.setJumpVisible(false);
  }

  private distanceFromBottom(): number {
    const { scrollHeight, scrollTop, clientHeight } = this.scroller;
    return scrollHeight - scrollTop - clientHeight;
  }

  private setJumpVisible(visible: boolean): void {
    this.jumpButton.hidden = !visible;
  }
}
