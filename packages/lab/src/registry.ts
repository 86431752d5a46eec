import { mkdir, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { LabError } from "./errors.js";
import { isOurs, logTail, spawnDetached, stopProcess } from "./lab-processes.js";

// The lab's image registry: Debian's docker-registry (the CNCF distribution) as our own process with our
// own config, listening on the lab bridge address only, so just the lab's dockerds can reach it. The
// package's systemd unit (if any init ran it) is not used.

export interface RegistryOptions {
  /** Its own directory: config, storage and log. */
  readonly dir: string;
  /** host:port to listen on (the bridge address, port 5000). */
  readonly address: string;
  readonly binary?: string;
}

export class Registry {
  readonly dir: string;
  readonly address: string;
  readonly configFile: string;
  readonly storageDir: string;
  readonly logFile: string;
  private readonly binary: string;

  constructor(options: RegistryOptions) {
    this.dir = options.dir;
    this.address = options.address;
    this.configFile = join(this.dir, "config.yml");
    this.storageDir = join(this.dir, "storage");
    this.logFile = join(this.dir, "registry.log");
    this.binary = options.binary ?? "docker-registry";
  }

  config(): string {
    // No auth: only lab namespaces can reach the bridge address; deletes allowed for tests.
    return [
      "version: 0.1",
      "log:",
      "  level: info",
      "storage:",
      "  filesystem:",
      `    rootdirectory: ${this.storageDir}`,
      "  delete:",
      "    enabled: true",
      "http:",
      `  addr: ${this.address}`,
      "",
    ].join("\n");
  }

  /** Starts the registry (its config file names our dir: that is how its pid is recognised). */
  async start(timeoutMs = 20_000): Promise<number> {
    await mkdir(this.storageDir, { recursive: true });
    await writeFile(this.configFile, this.config());
    const pid = spawnDetached(this.binary, ["serve", this.configFile], { logFile: this.logFile });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!isOurs(pid, this.dir)) {
        throw new LabError("CommandFailed", `docker-registry exited; log tail:\n${logTail(this.logFile)}`);
      }
      if (await this.ping()) return pid;
      await new Promise((r) => setTimeout(r, 100));
    }
    await stopProcess(pid, this.dir, 1_000);
    throw new LabError("CommandFailed", `docker-registry did not answer on ${this.address}`);
  }

  /** GET /v2/ answers 200 on a registry without auth. */
  ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request(`http://${this.address}/v2/`, { timeout: 1_000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on("error", () => resolve(false));
      req.on("timeout", () => req.destroy());
      req.end();
    });
  }

  async stop(pid: number | undefined): Promise<void> {
    await stopProcess(pid, this.dir, 5_000);
  }
}
