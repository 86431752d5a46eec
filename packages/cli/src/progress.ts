// A progress display for long CLI work: a redrawn line on a terminal, plain lines otherwise (logs, CI).
export class Progress {
  private done_ = 0;
  private readonly started = Date.now();
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly total: number,
    private readonly title: string,
  ) {}

  step(what: string): void {
    this.done_ += 1;
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    const line = `${this.title} [${this.done_}/${this.total}] ${secs}s ${what}`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  }

  done(summary: string): void {
    if (this.tty) process.stderr.write("\r\x1b[2K");
    process.stderr.write(`${summary}\n`);
  }
}
