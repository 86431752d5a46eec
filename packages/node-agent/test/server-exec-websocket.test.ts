// kubectl's WebSocket v5 exec protocol (research/kubectl.md §3.14) over a real `ws` pair on loopback, with a
// fake exec session made of PassThrough streams.
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { ExecSession } from "../src/runtime/runtime-types.js";
import { serveExec, V5_PROTOCOL } from "../src/server/exec-websocket.js";

class FakeSession implements ExecSession {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly resizes: [number, number][] = [];
  stdinText = "";
  stdinEnded = false;
  private settle!: { resolve: (code: number) => void; reject: (err: Error) => void };
  private readonly exit = new Promise<number>((resolve, reject) => {
    this.settle = { resolve, reject };
  });

  constructor() {
    this.stdin.on("data", (d: Buffer) => {
      this.stdinText += d.toString();
    });
    this.stdin.on("finish", () => {
      this.stdinEnded = true;
    });
  }

  async resize(width: number, height: number): Promise<void> {
    this.resizes.push([width, height]);
  }

  exitCode(): Promise<number> {
    return this.exit;
  }

  /** The process ends: output EOF, then the exit code. */
  end(code: number): void {
    this.stdout.end();
    this.stderr.end();
    this.settle.resolve(code);
  }

  crash(message: string): void {
    this.settle.reject(new Error(message));
  }
}

interface Client {
  ws: WebSocket;
  frames: { channel: number; text: string }[];
  closed: Promise<number>;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("serveExec", () => {
  let wss: WebSocketServer;
  let session: FakeSession;
  let served: Promise<void>;

  beforeEach(async () => {
    session = new FakeSession();
    wss = new WebSocketServer({
      host: "127.0.0.1",
      port: 0,
      handleProtocols: (protocols) => (protocols.has(V5_PROTOCOL) ? V5_PROTOCOL : false),
    });
    await new Promise((r) => wss.once("listening", r));
    served = new Promise((resolve) => {
      wss.once("connection", (ws) => {
        resolve(serveExec(ws, session));
      });
    });
  });

  afterEach(async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => wss.close(r));
  });

  async function connect(): Promise<Client> {
    const port = (wss.address() as AddressInfo).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, V5_PROTOCOL);
    const frames: Client["frames"] = [];
    ws.on("message", (data: Buffer) =>
      frames.push({ channel: data[0] ?? -1, text: data.subarray(1).toString() }),
    );
    const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
    await new Promise((r, j) => {
      ws.once("open", r);
      ws.once("error", j);
    });
    expect(ws.protocol).toBe(V5_PROTOCOL);
    return { ws, frames, closed };
  }

  const send = (ws: WebSocket, channel: number, payload: string | Buffer) =>
    ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(payload)]));

  it("stdout on channel 1, stderr on 2, stdin forwarded, resize, [255,0] closes stdin, Success on 3", async () => {
    const c = await connect();
    send(c.ws, 0, "hello ");
    send(c.ws, 0, "world");
    send(c.ws, 4, JSON.stringify({ Width: 120, Height: 40 }));
    send(c.ws, 4, "not json");
    await until(
      () => session.stdinText === "hello world" && session.resizes.length === 1,
      "stdin and resize",
    );
    expect(session.stdinEnded).toBe(false);
    c.ws.send(Buffer.from([255, 0]));
    await until(() => session.stdinEnded, "stdin EOF");
    expect(session.resizes).toEqual([[120, 40]]);

    session.stdout.write("out\n");
    await until(() => c.frames.length === 1, "stdout frame");
    session.stderr.write("err\n");
    await until(() => c.frames.length === 2, "stderr frame");
    session.end(0);
    expect(await c.closed).toBe(1000);
    await served;
    expect(c.frames).toEqual([
      { channel: 1, text: "out\n" },
      { channel: 2, text: "err\n" },
      { channel: 3, text: '{"metadata":{},"status":"Success"}' },
    ]);
  });

  it("a non-zero exit is the NonZeroExitCode Status kubectl turns into its exit code", async () => {
    const c = await connect();
    session.stdout.write("partial");
    session.end(3);
    expect(await c.closed).toBe(1000);
    expect(c.frames[0]).toEqual({ channel: 1, text: "partial" });
    const last = c.frames.at(-1);
    expect(last?.channel).toBe(3);
    expect(JSON.parse(last?.text ?? "")).toEqual({
      metadata: {},
      status: "Failure",
      message: "command terminated with non-zero exit code: error executing command, exit code 3",
      reason: "NonZeroExitCode",
      details: { causes: [{ reason: "ExitCode", message: "3" }] },
    });
  });

  it("a session that fails reports an InternalError Status", async () => {
    const c = await connect();
    session.crash("container is not running");
    expect(await c.closed).toBe(1000);
    expect(c.frames.map((f) => f.channel)).toEqual([3]);
    expect(JSON.parse(c.frames[0]?.text ?? "")).toEqual({
      metadata: {},
      status: "Failure",
      message: "container is not running",
      reason: "InternalError",
    });
  });

  it("the client going away ends the process's stdin", async () => {
    const c = await connect();
    c.ws.close();
    await until(() => session.stdinEnded, "stdin EOF");
    session.end(0);
    await served;
  });
});
