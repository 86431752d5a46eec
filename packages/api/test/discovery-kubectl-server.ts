import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoveryAnswer, type HttpAnswer } from "../src/discovery/index.js";
import { openApiAnswer } from "../src/openapi/index.js";

// A throwaway API server on 127.0.0.1 for driving the real kubectl against the discovery and OpenAPI
// answers: discovery and OpenAPI are served by the modules under test, a GET of any object is a 404
// Status and a POST is echoed back as created. Every request is recorded.

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly accept: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface FakeApiServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeApiServerOptions {
  /** Answer /api and /apis in legacy form whatever the client asks for. */
  readonly legacyDiscoveryOnly?: boolean;
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function objectAnswer(req: IncomingMessage, path: string, body: string): HttpAnswer {
  const name = path.split("/").pop() ?? "";
  if (req.method === "POST") {
    const obj = JSON.parse(body) as { metadata?: Record<string, unknown> };
    const created = {
      ...obj,
      metadata: {
        ...obj.metadata,
        uid: "u-1",
        resourceVersion: "1",
        creationTimestamp: "2025-01-01T00:00:00Z",
      },
    };
    return { status: 201, headers: { "content-type": "application/json" }, body: JSON.stringify(created) };
  }
  const status = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: `the server could not find the requested resource (${name})`,
    reason: "NotFound",
    code: 404,
  };
  return { status: 404, headers: { "content-type": "application/json" }, body: JSON.stringify(status) };
}

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        accept: req.headers.accept,
        contentType: req.headers["content-type"],
        body,
      });
      const accept = options.legacyDiscoveryOnly === true ? "application/json" : req.headers.accept;
      const answer =
        discoveryAnswer({
          method: req.method ?? "GET",
          path: url.pathname,
          accept,
          host: req.headers.host,
        }) ??
        openApiAnswer({
          method: req.method ?? "GET",
          path: url.pathname,
          hash: url.searchParams.get("hash") ?? undefined,
          accept: req.headers.accept,
        }) ??
        objectAnswer(req, url.pathname, body);
      send(res, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs /usr/bin/kubectl against `serverUrl` with a private kubeconfig, cache and HOME. */
export function kubectlRunner(serverUrl: string): {
  run(args: readonly string[]): Promise<KubectlResult>;
  readonly dir: string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), "tskube-kubectl-"));
  const kubeconfig = join(dir, "config");
  writeFileSync(
    kubeconfig,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: t",
      "  cluster:",
      `    server: ${serverUrl}`,
      "contexts:",
      "- name: t",
      "  context: {cluster: t, user: u, namespace: default}",
      "current-context: t",
      "users:",
      "- name: u",
      "  user: {}",
      "",
    ].join("\n"),
  );
  const run = (args: readonly string[]): Promise<KubectlResult> =>
    new Promise((resolve) => {
      execFile(
        "/usr/bin/kubectl",
        ["--kubeconfig", kubeconfig, "--cache-dir", join(dir, "cache"), ...args],
        { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir }, timeout: 30_000 },
        (err, stdout, stderr) => {
          const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1;
          resolve({ code, stdout, stderr });
        },
      );
    });
  return { run, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
