// One probe of one container instance (kubelet's prober worker): waits initialDelaySeconds from the
// container's start, then probes every periodSeconds, never two attempts at once. A result changes only
// after successThreshold / failureThreshold equal results in a row.
import type { ResolvedProbe } from "./probe-options.js";
import type { ProbeClock, ProbeOutcome } from "./probe-types.js";

export interface WorkerHost {
  /** Whether to probe on this tick: `wait` skips the tick (startup not yet succeeded), `stop` ends the worker. */
  gate(): "probe" | "wait" | "stop";
  probe(): Promise<ProbeOutcome>;
  /** Every attempt's outcome, for events. */
  attempted(outcome: ProbeOutcome): void;
  /** The thresholded result: true = success. Called on every settled attempt past its threshold. */
  settled(success: boolean): void;
}

export class ProbeWorker {
  private timer: unknown;
  private scheduled = false;
  private stopped = false;
  private inFlight = false;
  private lastSuccess: boolean | undefined;
  private run = 0;

  constructor(
    readonly probe: ResolvedProbe,
    private readonly clock: ProbeClock,
    private readonly startedAtMs: number,
    private readonly host: WorkerHost,
  ) {}

  start(): void {
    this.schedule(this.firstProbeAt() - this.clock.now());
  }

  /** Probe now instead of at the next tick (kubelet's manual trigger), if the initial delay has passed. */
  kick(): void {
    if (this.stopped || this.inFlight || this.clock.now() < this.firstProbeAt()) return;
    this.cancel();
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  get active(): boolean {
    return !this.stopped;
  }

  private firstProbeAt(): number {
    return this.startedAtMs + this.probe.initialDelayMs;
  }

  private cancel(): void {
    if (this.scheduled) this.clock.clearTimeout(this.timer);
    this.scheduled = false;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancel();
    this.scheduled = true;
    this.timer = this.clock.setTimeout(
      () => {
        this.scheduled = false;
        void this.tick();
      },
      Math.max(0, ms),
    );
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const gate = this.host.gate();
    if (gate === "stop") return this.stop();
    if (gate === "wait") return this.schedule(this.probe.periodMs);
    const startedAt = this.clock.now();
    this.inFlight = true;
    let outcome: ProbeOutcome;
    try {
      outcome = await this.host.probe();
    } finally {
      this.inFlight = false;
    }
    // The container changed or went away while the probe ran: its result belongs to nobody.
    if (this.stopped) return;
    this.host.attempted(outcome);
    if (outcome.result !== "error") this.count(outcome.result !== "failure");
    this.schedule(startedAt + this.probe.periodMs - this.clock.now());
  }

  private count(success: boolean): void {
    if (this.lastSuccess === success) this.run++;
    else {
      this.lastSuccess = success;
      this.run = 1;
    }
    const threshold = success ? this.probe.successThreshold : this.probe.failureThreshold;
    if (this.run < threshold) return;
    this.host.settled(success);
  }
}
