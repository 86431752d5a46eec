// kubelet's PLEG, event-driven: dockerd's event stream tells which pod's container died, was OOM-killed or
// removed, so its worker syncs at once instead of at the next resync. The stream is reopened when dockerd
// restarts; `healthy` reports whether dockerd currently answers (the node's Ready condition).
import type Dockerode from "dockerode";
import { LABELS } from "../pod/index.js";
import type { AgentLogger } from "./logger.js";

// Containers start only when the agent starts them, within a sync; their end is what a sync must react to.
const WATCHED = new Set(["die", "oom", "destroy"]);

interface DockerEvent {
  Type?: string;
  Action?: string;
  Actor?: { Attributes?: Record<string, string> };
}

export class ContainerEvents {
  private stopped = false;
  private stream: NodeJS.ReadableStream | undefined;
  healthy = false;
  version = "";

  constructor(
    private readonly docker: Dockerode,
    private readonly onPod: (uid: string) => void,
    private readonly onRuntimeChange: (up: boolean) => void,
    private readonly log: AgentLogger,
  ) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    (this.stream as { destroy?: () => void } | undefined)?.destroy?.();
  }

  private setHealthy(up: boolean): void {
    if (up === this.healthy) return;
    this.healthy = up;
    this.log.info({ up }, up ? "container runtime is up" : "container runtime is down");
    this.onRuntimeChange(up);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const v = await this.docker.version();
        this.version = `docker://${v.Version}`;
        const stream = (await this.docker.getEvents({
          filters: { type: ["container"], label: [`${LABELS.managed}=true`] },
        })) as NodeJS.ReadableStream;
        this.stream = stream;
        this.setHealthy(true);
        await this.consume(stream);
      } catch (err) {
        if (!this.stopped) this.log.debug({ err: (err as Error).message }, "docker event stream failed");
      }
      if (this.stopped) return;
      this.setHealthy(false);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  private consume(stream: NodeJS.ReadableStream): Promise<void> {
    return new Promise((resolve) => {
      let buffered = "";
      stream.on("data", (chunk: Buffer) => {
        buffered += chunk.toString("utf8");
        for (;;) {
          const nl = buffered.indexOf("\n");
          if (nl < 0) break;
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          this.handle(line);
        }
      });
      stream.on("end", () => resolve());
      stream.on("close", () => resolve());
      stream.on("error", () => resolve());
    });
  }

  private handle(line: string): void {
    if (line.trim() === "") return;
    let ev: DockerEvent;
    try {
      ev = JSON.parse(line) as DockerEvent;
    } catch {
      return;
    }
    const uid = ev.Actor?.Attributes?.[LABELS.podUid];
    if (uid !== undefined && WATCHED.has(ev.Action ?? "")) this.onPod(uid);
  }
}
