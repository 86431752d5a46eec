// kubectl exec's WebSocket protocol v5.channel.k8s.io (research/kubectl.md §3.14): binary frames whose first
// byte is the channel — 0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize, 255 close (v5: [255, 0] = stdin EOF).
// The process's end is reported on channel 3 as a Status, then the socket closes.
import type { Readable } from "node:stream";
import type { WebSocket } from "ws";
import type { ExecSession } from "../runtime/runtime-types.js";

export const V5_PROTOCOL = "v5.channel.k8s.io";

const CH_STDIN = 0;
const CH_STDOUT = 1;
const CH_STDERR = 2;
const CH_ERROR = 3;
const CH_RESIZE = 4;
const CH_CLOSE = 255;

export function exitStatus(code: number): object {
  if (code === 0) return { metadata: {}, status: "Success" };
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command, exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

export function errorStatus(message: string): object {
  return { metadata: {}, status: "Failure", message, reason: "InternalError" };
}

function frame(channel: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([channel]), data]);
}

function drained(stream: Readable | undefined, ws: WebSocket, channel: number): Promise<void> {
  if (stream === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    stream.on("data", (chunk: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(frame(channel, Buffer.from(chunk)));
    });
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", () => resolve());
  });
}

/** Runs one exec session over an accepted WebSocket. */
export async function serveExec(ws: WebSocket, session: ExecSession): Promise<void> {
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    const bytes = isBinary ? data : Buffer.from(data);
    if (bytes.length === 0) return;
    const channel = bytes[0];
    const payload = bytes.subarray(1);
    if (channel === CH_STDIN) session.stdin?.write(payload);
    else if (channel === CH_RESIZE) {
      try {
        const { Width, Height } = JSON.parse(payload.toString("utf8")) as { Width: number; Height: number };
        void session.resize(Width, Height).catch(() => undefined);
      } catch {
        // A malformed resize is ignored, as kubelet does.
      }
    } else if (channel === CH_CLOSE && payload[0] === CH_STDIN) session.stdin?.end();
  });
  ws.on("close", () => session.stdin?.end());
  const outputs = Promise.all([
    drained(session.stdout, ws, CH_STDOUT),
    drained(session.stderr, ws, CH_STDERR),
  ]);
  let status: object;
  try {
    const code = await session.exitCode();
    // The output may still be in flight when the process is reported gone; give it a moment to arrive.
    await Promise.race([outputs, new Promise((r) => setTimeout(r, 2000))]);
    status = exitStatus(code);
  } catch (err) {
    status = errorStatus((err as Error).message);
  }
  if (ws.readyState === ws.OPEN) {
    ws.send(frame(CH_ERROR, Buffer.from(JSON.stringify(status))));
    ws.close(1000);
  }
}
