// The http and tcp probers against real servers on 127.0.0.1 (loopback only).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpProbe, PROBE_USER_AGENT, tcpProbe } from "../src/probes/index.js";

const HOST = "127.0.0.1";
let server: Server;
let port: number;
let lastHeaders: IncomingHttpHeaders = {};
const hanging: import("node:http").ServerResponse[] = [];

function handler(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
  lastHeaders = req.headers;
  const send = (status: number, body = "", headers: Record<string, string> = {}) => {
    res.writeHead(status, headers);
    res.end(body);
  };
  switch (req.url) {
    case "/ok?x=1":
    case "/ok":
      return send(200, "fine");
    case "/fail":
      return send(500, "secret details");
    case "/redirect":
      return send(302, "", { location: "/ok" });
    case "/away":
      return send(302, "moved", { location: `http://localhost:${port}/ok` });
    case "/loop":
      return send(302, "", { location: "/loop" });
    case "/big":
      return send(200, "x".repeat(30 * 1024));
    case "/hang":
      hanging.push(res);
      return;
    default:
      return send(404);
  }
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, HOST, r));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, HOST, r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((r) => server.close(r));
});

const get = (path: string, extra: Partial<Parameters<typeof httpProbe>[0]> = {}) =>
  httpProbe({ scheme: "HTTP", host: HOST, port, path, headers: [], timeoutMs: 1000, ...extra });

describe("httpProbe", () => {
  it("succeeds on 200 with the body as output and kubelet's headers", async () => {
    expect(await get("/ok", { headers: [{ name: "X-Custom", value: "a" }] })).toEqual({
      result: "success",
      output: "fine",
    });
    expect(lastHeaders["user-agent"]).toBe(PROBE_USER_AGENT);
    expect(lastHeaders.accept).toBe("*/*");
    expect(lastHeaders["x-custom"]).toBe("a");
    expect(await get("ok?x=1", { headers: [{ name: "user-agent", value: "mine" }] })).toEqual({
      result: "success",
      output: "fine",
    });
    expect(lastHeaders["user-agent"]).toBe("mine");
  });

  it("fails on 500 without the body in the message", async () => {
    expect(await get("/fail")).toEqual({
      result: "failure",
      output: "HTTP probe failed with statuscode: 500",
    });
  });

  it("follows a redirect on the same host", async () => {
    expect(await get("/redirect")).toEqual({ result: "success", output: "fine" });
  });

  it("ends with a warning on a redirect to another host", async () => {
    expect(await get("/away")).toEqual({
      result: "warning",
      output: "Probe terminated redirects, Response body: moved",
    });
  });

  it("gives up after 10 redirects", async () => {
    expect(await get("/loop")).toEqual({
      result: "failure",
      output: `Get "http://${HOST}:${port}/loop": stopped after 10 redirects`,
    });
  });

  it("reads at most 10 KiB of the body", async () => {
    const out = await get("/big");
    expect(out.result).toBe("success");
    expect(out.output.length).toBe(10 * 1024);
  });

  it("fails on a refused port with Go's message", async () => {
    const p = await closedPort();
    expect(await get("/ok", { port: p })).toEqual({
      result: "failure",
      output: `Get "http://${HOST}:${p}/ok": dial tcp ${HOST}:${p}: connect: connection refused`,
    });
  });

  it("times out on a server that never answers", async () => {
    const started = Date.now();
    const out = await get("/hang", { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(out).toEqual({
      result: "failure",
      output: `Get "http://${HOST}:${port}/hang": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
  });

  it("probes HTTPS without verifying the certificate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tkt-probe-"));
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=probe-test",
          "-keyout",
          join(dir, "k.pem"),
          "-out",
          join(dir, "c.pem"),
        ],
        { stdio: "ignore" },
      );
      const tls = createHttpsServer(
        { key: readFileSync(join(dir, "k.pem")), cert: readFileSync(join(dir, "c.pem")) },
        handler,
      );
      await new Promise<void>((r) => tls.listen(0, HOST, r));
      try {
        const p = (tls.address() as AddressInfo).port;
        expect(await get("/ok", { scheme: "HTTPS", port: p })).toEqual({ result: "success", output: "fine" });
      } finally {
        await new Promise((r) => tls.close(r));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("tcpProbe", () => {
  it("succeeds when the port accepts", async () => {
    expect(await tcpProbe({ host: HOST, port, timeoutMs: 1000 })).toEqual({ result: "success", output: "" });
  });

  it("fails on a refused port", async () => {
    const p = await closedPort();
    expect(await tcpProbe({ host: HOST, port: p, timeoutMs: 1000 })).toEqual({
      result: "failure",
      output: `dial tcp ${HOST}:${p}: connect: connection refused`,
    });
  });

  it("times out when the listener's queue is full", async () => {
    // A listener that never accepts, backlog 0: once its queue is full the kernel drops further SYNs,
    // so a connect hangs. Node always accepts, hence the tiny Python listener.
    const listener = spawn(
      "python3",
      [
        "-c",
        "import socket,sys\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()",
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    try {
      const p = await new Promise<number>((resolve, reject) => {
        listener.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
        listener.once("error", reject);
      });
      // Connections complete until the queue is full (its size varies by kernel); then connects hang.
      let out = await tcpProbe({ host: HOST, port: p, timeoutMs: 300 });
      for (let i = 0; i < 3 && out.result === "success"; i++)
        out = await tcpProbe({ host: HOST, port: p, timeoutMs: 300 });
      expect(out).toEqual({ result: "failure", output: `dial tcp ${HOST}:${p}: i/o timeout` });
    } finally {
      listener.kill();
    }
  });
});
