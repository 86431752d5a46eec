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
  /** A tar stream (image import), or a JSON text (container create). */
  body?: Readable | string,
  timeoutMs = 60_000,
  headers: Record<string, string> = {},
): Promise<DockerResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, timeout: timeoutMs, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new LabError("DockerApi", `${method} ${path}: timed out`)));
    req.on("error", reject);
    if (typeof body === "string") {
      req.setHeader("Content-Type", "application/json");
      req.end(body);
    } else if (body) {
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

/** The daemon reports pull/push failures inside a 200 JSON stream; the first error message, if any. */
function streamError(body: string): string | undefined {
  return /"error(?:Detail)?"\s*:\s*"?([^"}]*)/.exec(body)?.[1];
}

/** POST /images/{name}/tag: gives an image a second reference (e.g. the registry's). */
export async function dockerTag(socketPath: string, image: string, repo: string, tag: string): Promise<void> {
  const query = new URLSearchParams({ repo, tag });
  const res = await dockerRequest(socketPath, "POST", `/images/${encodeURIComponent(image)}/tag?${query}`);
  if (res.status !== 201)
    throw new LabError("DockerApi", `tag ${image} ${repo}:${tag}: ${res.status} ${res.body}`);
}

/** POST /images/{repo}/push: the header is required even for a registry without auth. */
export async function dockerPush(socketPath: string, repo: string, tag: string): Promise<void> {
  const auth = Buffer.from("{}").toString("base64");
  const res = await dockerRequest(
    socketPath,
    "POST",
    `/images/${encodeURIComponent(repo)}/push?${new URLSearchParams({ tag })}`,
    undefined,
    120_000,
    { "X-Registry-Auth": auth },
  );
  const error = streamError(res.body);
  if (res.status !== 200 || error !== undefined) {
    throw new LabError("DockerApi", `push ${repo}:${tag}: ${res.status} ${error ?? res.body}`);
  }
}

/** POST /images/create?fromImage=: a real pull (from the lab registry). */
export async function dockerPull(socketPath: string, repo: string, tag: string): Promise<void> {
  const query = new URLSearchParams({ fromImage: repo, tag });
  const res = await dockerRequest(socketPath, "POST", `/images/create?${query}`, undefined, 120_000, {
    "X-Registry-Auth": Buffer.from("{}").toString("base64"),
  });
  const error = streamError(res.body);
  if (res.status !== 200 || error !== undefined) {
    throw new LabError("DockerApi", `pull ${repo}:${tag}: ${res.status} ${error ?? res.body}`);
  }
}
