// docker exec for `kubectl exec` (interactive, streamed) and for exec probes (collected, with a deadline).

import { type Duplex, PassThrough, Writable } from "node:stream";
import type Dockerode from "dockerode";
import { dockerMessage, RuntimeError } from "./errors.js";
import { FrameParser, STDERR } from "./frame-demux.js";
import type { ExecOptions, ExecSession } from "./runtime-types.js";

/** Exec inspect reports the code a moment after the stream ends: poll briefly. */
async function exitCodeOf(exec: Dockerode.Exec): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    await new Promise((r) => setTimeout(r, 50));
  }
  return -1;
}

export async function execSession(
  docker: Dockerode,
  containerId: string,
  opts: ExecOptions,
): Promise<ExecSession> {
  let exec: Dockerode.Exec;
  let socket: Duplex;
  try {
    exec = await docker.getContainer(containerId).exec({
      Cmd: opts.command,
      AttachStdin: opts.stdin,
      AttachStdout: opts.stdout,
      AttachStderr: opts.stderr && !opts.tty,
      Tty: opts.tty,
    });
    socket = await exec.start({ hijack: true, stdin: opts.stdin, Tty: opts.tty });
  } catch (err) {
    throw new RuntimeError("BadRequest", dockerMessage(err), { cause: err });
  }
  const stdout = opts.stdout ? new PassThrough() : undefined;
  const stderr = opts.stderr && !opts.tty ? new PassThrough() : undefined;
  const parser = new FrameParser();
  socket.on("data", (chunk: Buffer) => {
    if (opts.tty) stdout?.write(chunk);
    else parser.push(chunk, (stream, payload) => (stream === STDERR ? stderr : stdout)?.write(payload));
  });
  const ended = new Promise<void>((resolve) => {
    const done = () => {
      stdout?.end();
      stderr?.end();
      resolve();
    };
    socket.once("end", done);
    socket.once("close", done);
    socket.once("error", done);
  });
  const session: ExecSession = {
    resize: async (width, height) => {
      await exec.resize({ w: width, h: height });
    },
    exitCode: async () => {
      await ended;
      return exitCodeOf(exec);
    },
  };
  if (stdout) session.stdout = stdout;
  if (stderr) session.stderr = stderr;
  if (opts.stdin) {
    session.stdin = new Writable({
      write(chunk: Buffer, _enc, cb) {
        socket.write(chunk, cb);
      },
      // Half-close: the process sees EOF on stdin and can still write its output back.
      final(cb) {
        socket.end();
        cb();
      },
    });
  }
  return session;
}

/** An exec probe: output collected, exit code -1 when `timeoutMs` passes first. */
export async function execWithTimeout(
  docker: Dockerode,
  containerId: string,
  command: string[],
  timeoutMs: number,
): Promise<{ exitCode: number; output: string }> {
  const session = await execSession(docker, containerId, {
    command,
    stdin: false,
    stdout: true,
    stderr: true,
    tty: false,
  });
  let output = "";
  session.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  session.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(-1), timeoutMs);
  });
  try {
    const exitCode = await Promise.race([session.exitCode(), timeout]);
    return { exitCode, output };
  } finally {
    clearTimeout(timer);
  }
}
