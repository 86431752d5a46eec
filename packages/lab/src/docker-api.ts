import { request } from "node:http";
import type { Readable } from "node:stream";
import { LabError } from "./errors.js";

// The few Docker Engine API calls the lab needs, spoken over the daemon's unix socket directly so the
// library needs neither the docker CLI nor a client package.

export interface DockerResponse {
  readonly status: number;
  readonly body: string;
}

export function dockerRequest(
  socketPath: string,
  method: string,
  path: string,
  body?: Readable,
  timeoutMs = 60_000,
): Promise<DockerResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new LabError("DockerApi", `${method} ${path}: timed out`)));
    req.on("error", reject);
    if (body) {
      req.setHeader("Content-Type", "application/x-tar");
      body.on("error", (error) => req.destroy(error));
      body.pipe(req);
    } else {
      req.end();
    }
  });
}

/** True when the daemon answers /_ping with OK. */
export async function dockerPing(socketPath: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const res = await dockerRequest(socketPath, "GET", "/_ping", undefined, timeoutMs);
    return res.status === 200 && res.body === "OK";
  } catch {
    return false;
  }
}

/**
 * POST /images/create?fromSrc=- : imports a rootfs tarball as a one-layer image. The daemon reports
 * failures inside a 200 JSON stream, so the stream is checked for an error message as well.
 */
export async function dockerImport(
  socketPath: string,
  tar: Readable,
  repo: string,
  tag: string,
  changes: readonly string[],
): Promise<void> {
  const query = new URLSearchParams({ fromSrc: "-", repo, tag });
  for (const change of changes) query.append("changes", change);
  const res = await dockerRequest(socketPath, "POST", `/images/create?${query}`, tar);
  const streamError = /"error(?:Detail)?"\s*:\s*"?([^"}]*)/.exec(res.body);
  if (res.status !== 200 || streamError) {
    throw new LabError(
      "ImageBuildFailed",
      `import ${repo}:${tag}: ${res.status} ${streamError?.[1] ?? res.body}`,
    );
  }
}
