// A progress display for the bench's long steps: one redrawn line on a terminal, plain lines otherwise (logs,
// CI), so a piped run still shows where it spent its time.
export class BenchProgress {
  private readonly started = performance.now();
  private readonly tty = process.stderr.isTTY === true;
  private open = false;
  /** The last counter line written when not on a terminal: a line is only written when it changes. */
  private lastCount = "";

  constructor(private readonly title: string) {}

  /** A step that finished or began: always kept as its own line. */
  line(what: string): void {
    this.clear();
    process.stderr.write(`${this.prefix()} ${what}\n`);
  }

  /** A counter that moves within a step (redrawn on a terminal, only every `every`-th shown otherwise). */
  count(what: string, done: number, total: number, every = 10): void {
    const text = `${this.prefix()} ${what} ${done}/${total}`;
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${text}`);
      this.open = true;
    } else if (done === total || done % every === 0) {
      const key = `${what} ${done}/${total}`;
      if (key === this.lastCount) return;
      this.lastCount = key;
      process.stderr.write(`${text}\n`);
    }
  }

  private clear(): void {
    if (this.open) process.stderr.write("\r\x1b[2K");
    this.open = false;
  }

  private prefix(): string {
    return `${this.title} ${((performance.now() - this.started) / 1000).toFixed(1)}s`;
  }
}
