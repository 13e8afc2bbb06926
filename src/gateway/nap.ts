// A loop's idle wait that news can cut short: nap(ms) resolves after `ms`, or at once when
// wake() is called (a freed slot, a changed setting, stopping). A wake with nobody napping is
// not kept: the loop looks at the state again before it naps.

export class Nap {
  #wake: (() => void) | null = null;

  nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.#wake = null;
        resolve();
      }, ms);
      this.#wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  wake(): void {
    const w = this.#wake;
    this.#wake = null;
    w?.();
  }
}
