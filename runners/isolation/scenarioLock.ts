// A readers-writer lock for scenarios within one run: most may overlap, but one that reads a
// host-wide figure (memory) must not see other scenarios' places start or die meanwhile.
export class ScenarioLock {
  private readers = 0;
  private writer: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  async shared<T>(body: () => Promise<T>): Promise<T> {
    while (this.writer) await this.writer;
    this.readers++;
    try {
      return await body();
    } finally {
      this.readers--;
      if (this.readers === 0) this.drained?.();
    }
  }

  async exclusive<T>(body: () => Promise<T>): Promise<T> {
    while (this.writer) await this.writer;
    let release!: () => void;
    this.writer = new Promise<void>((resolve) => (release = resolve));
    try {
      if (this.readers > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      return await body();
    } finally {
      this.drained = undefined;
      this.writer = undefined;
      release();
    }
  }
}
