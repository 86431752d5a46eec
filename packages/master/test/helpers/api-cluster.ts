import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalCluster } from "../../src/process/local-cluster.js";
import { ensureBuilt } from "./build.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const TSKUBE = join(ROOT, "bin/tskube.js");
export const KUBECTL = "/usr/bin/kubectl";

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(
  file: string,
  args: readonly string[],
  input?: string,
  timeoutMs = 60_000,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code =
          err === null
            ? 0
            : typeof (err as { code?: unknown }).code === "number"
              ? (err as { code: number }).code
              : 1;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Static tokens of the test cluster: a read-only user and two node identities. */
export const TOKENS = {
  view: "view-token-0123456789",
  node1: "node1-token-0123456789",
  node2: "node2-token-0123456789",
};

/**
 * Three masters with their API servers on loopback, a kubeconfig from `tskube kubeconfig`, and a kubectl
 * runner with its own discovery cache: the fixture of the kubectl end-to-end tests.
 */
export class ApiCluster {
  private constructor(
    readonly cluster: LocalCluster,
    readonly dir: string,
    readonly kubeconfigPath: string,
    readonly caPem: string,
  ) {}

  static async start(options: { extraArgs?: readonly string[] } = {}): Promise<ApiCluster> {
    ensureBuilt();
    const dir = await mkdtemp(join(tmpdir(), "tskube-api-"));
    const tokenFile = join(dir, "tokens.csv");
    await writeFile(
      tokenFile,
      [
        `${TOKENS.view},viewer,uid-viewer,"tskube:view"`,
        `${TOKENS.node1},system:node:node-1,uid-node-1,"system:nodes"`,
        `${TOKENS.node2},system:node:node-2,uid-node-2,"system:nodes"`,
      ].join("\n"),
    );
    const cluster = await LocalCluster.start({
      size: 3,
      api: true,
      tokenFile,
      logLevel: "warn",
      ...(options.extraArgs === undefined ? {} : { extraArgs: options.extraArgs }),
    });
    try {
      for (const name of cluster.names()) await cluster.waitApiHealthy(name);
      const kubeconfigPath = join(dir, "kubeconfig");
      const r = await run(process.execPath, [
        TSKUBE,
        "kubeconfig",
        "--endpoints",
        cluster.clientEndpoints().join(","),
        "--server",
        cluster.apiUrl("m1"),
      ]);
      if (r.code !== 0) throw new Error(`tskube kubeconfig failed: ${r.stderr}`);
      await writeFile(kubeconfigPath, r.stdout);
      const ca = /certificate-authority-data: (\S+)/.exec(r.stdout)?.[1] ?? "";
      return new ApiCluster(cluster, dir, kubeconfigPath, Buffer.from(ca, "base64").toString("utf8"));
    } catch (err) {
      await cluster.destroy();
      throw err;
    }
  }

  /** Runs the real kubectl against the cluster (a fresh discovery cache per fixture). */
  kubectl(args: readonly string[], input?: string, timeoutMs?: number): Promise<CommandResult> {
    return run(
      KUBECTL,
      ["--kubeconfig", this.kubeconfigPath, "--cache-dir", join(this.dir, "cache"), ...args],
      input,
      timeoutMs,
    );
  }

  /** Writes a kubeconfig for `server` with a bearer token instead of the admin certificate. */
  async tokenKubeconfig(token: string, server = this.cluster.apiUrl("m1")): Promise<string> {
    const path = join(this.dir, `kubeconfig-${token.slice(0, 5)}`);
    const ca = Buffer.from(this.caPem).toString("base64");
    await writeFile(
      path,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${ca}\nusers:\n- name: u\n  user:\n    token: ${token}\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\n    namespace: default\ncurrent-context: x\n`,
    );
    return path;
  }

  /** The admin client certificate and key of the kubeconfig (PEM). */
  async adminCredentials(): Promise<{ certPem: string; keyPem: string }> {
    const kc = await readFile(this.kubeconfigPath, "utf8");
    const decode = (field: string) =>
      Buffer.from(new RegExp(`${field}: (\\S+)`).exec(kc)?.[1] ?? "", "base64").toString("utf8");
    return { certPem: decode("client-certificate-data"), keyPem: decode("client-key-data") };
  }

  /** A raw HTTPS request (bad-input tests), with the admin identity unless `auth` says otherwise. */
  async raw(
    method: string,
    path: string,
    options: {
      body?: string | Buffer;
      contentType?: string;
      token?: string;
      noAuth?: boolean;
      server?: string;
    } = {},
  ): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
    const url = new URL(path, options.server ?? this.cluster.apiUrl("m1"));
    const { certPem: cert, keyPem: key } = await this.adminCredentials();
    const useCert = options.token === undefined && options.noAuth !== true;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: this.caPem,
          ...(useCert ? { cert, key } : {}),
          headers: {
            ...(options.contentType === undefined ? {} : { "Content-Type": options.contentType }),
            ...(options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              headers: res.headers,
            }),
          );
        },
      );
      req.on("error", reject);
      req.end(options.body);
    });
  }

  async destroy(): Promise<void> {
    await this.cluster.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
