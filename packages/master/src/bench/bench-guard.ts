import type { BenchSystem } from "./bench-system.js";

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Makes sure a benchmark leaves no process and no dir behind: systems it started are stopped normally by
 * stop(), SIGKILLed with their dirs removed on SIGINT/SIGTERM or when the process exits some other way.
 * A signal that arrives while a system is still starting is acted on once the start has settled, because
 * only then are its pids known.
 */
export class BenchGuard {
  private readonly active = new Set<BenchSystem>();
  private starting = 0;
  private pending: NodeJS.Signals | null = null;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.starting > 0) this.pending = signal;
    else this.exitNow(signal);
  };
  private readonly onExit = (): void => this.killAllNow();

  install(): void {
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
    process.on("exit", this.onExit);
  }

  uninstall(): void {
    process.removeListener("SIGINT", this.onSignal);
    process.removeListener("SIGTERM", this.onSignal);
    process.removeListener("exit", this.onExit);
  }

  async start(f: () => Promise<BenchSystem>): Promise<BenchSystem> {
    this.starting++;
    let system: BenchSystem | undefined;
    try {
      system = await f();
      this.active.add(system);
      return system;
    } finally {
      this.starting--;
      if (this.pending !== null && this.starting === 0) this.exitNow(this.pending);
    }
  }

  async stop(system: BenchSystem): Promise<void> {
    try {
      await system.destroy();
    } finally {
      this.active.delete(system);
    }
  }

  private killAllNow(): void {
    for (const s of this.active) s.killAllNow();
    this.active.clear();
  }

  private exitNow(signal: NodeJS.Signals): void {
    process.stderr.write(`store bench: ${signal}: killing the members it started\n`);
    this.killAllNow();
    process.exit(SIGNAL_EXIT[signal] ?? 1);
  }
}
