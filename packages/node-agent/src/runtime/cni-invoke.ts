// Runs the CNI plugin the way a CRI runtime does: the executable named by the netconf's `type`, found in
// the plugin directories, CNI_* in its environment, the netconf on stdin, the result (or a CNI error
// object) on stdout.
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { CniInvokeError } from "./errors.js";
import type { CniOptions } from "./runtime-options.js";

export const CNI_IFNAME = "eth0";
const CNI_VERSION = "1.0.0";
const TIMEOUT_MS = 30_000;

export type CniCommand = "ADD" | "DEL" | "CHECK";

/** The one netconf both plugins take (they share the reference keys); only `type` differs. */
export function cniNetconf(cni: CniOptions, podCIDR: string): Record<string, unknown> {
  return {
    cniVersion: CNI_VERSION,
    name: cni.networkName ?? "tskube",
    type: cni.plugin,
    bridge: cni.bridge ?? "cbr0",
    isGateway: true,
    isDefaultGateway: true,
    hairpinMode: true,
    mtu: cni.mtu ?? 1500,
    // tskube's plugin has host-local built in and accepts only that IPAM type.
    ipam: { type: "host-local", subnet: podCIDR, dataDir: cni.ipamDataDir },
  };
}

export async function findPlugin(binDirs: readonly string[], type: string): Promise<string> {
  for (const dir of binDirs) {
    const file = join(dir, type);
    const found = await access(file, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return file;
  }
  throw new CniInvokeError("ADD", `failed to find plugin "${type}" in path [${binDirs.join(" ")}]`);
}

export interface CniCall {
  command: CniCommand;
  containerId: string;
  /** Empty on DEL when the sandbox is gone: the plugin then only releases the address. */
  netns: string;
}

function describe(stdout: string, stderr: string): string {
  try {
    const err = JSON.parse(stdout) as { code?: number; msg?: string; details?: string };
    if (typeof err.msg === "string") return err.details ? `${err.msg}: ${err.details}` : err.msg;
  } catch {
    // not JSON: fall through to the raw text
  }
  return (stdout + stderr).trim() || "no output";
}

/** Executes the plugin; resolves with its parsed stdout (ADD's result, {} for DEL). */
export async function invokeCni(cni: CniOptions, podCIDR: string, call: CniCall): Promise<unknown> {
  const netconf = cniNetconf(cni, podCIDR);
  const plugin = await findPlugin(cni.binDirs, cni.plugin);
  const [file, args] =
    cni.nsenter === undefined ? [plugin, []] : ["nsenter", [`--net=${cni.nsenter}`, plugin]];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin",
    CNI_COMMAND: call.command,
    CNI_CONTAINERID: call.containerId,
    CNI_NETNS: call.netns,
    CNI_IFNAME: CNI_IFNAME,
    CNI_PATH: cni.binDirs.join(":"),
  };
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(file, args, { env, timeout: TIMEOUT_MS, stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on("data", (d: Buffer) => {
        err += d.toString();
      });
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, stdout: out, stderr: err }));
      child.stdin.on("error", () => undefined);
      child.stdin.end(JSON.stringify(netconf));
    },
  ).catch((err: Error) => {
    throw new CniInvokeError(call.command, `CNI ${call.command}: ${err.message}`);
  });
  if (code !== 0) {
    throw new CniInvokeError(
      call.command,
      `plugin type="${cni.plugin}" name="${String(netconf.name)}" failed (${call.command.toLowerCase()}): ${describe(stdout, stderr)}`,
      code ?? undefined,
    );
  }
  if (stdout.trim() === "") return {};
  try {
    return JSON.parse(stdout) as unknown;
  } catch {
    throw new CniInvokeError(
      call.command,
      `CNI ${call.command}: result is not JSON: ${stdout.slice(0, 200)}`,
    );
  }
}

/** The pod's IPv4 address (without prefix) from an ADD result. */
export function resultIp(result: unknown): string {
  const ips = (result as { ips?: unknown } | null)?.ips;
  if (Array.isArray(ips)) {
    for (const ip of ips) {
      const address = (ip as { address?: unknown } | null)?.address;
      if (typeof address === "string" && address.includes(".")) return address.split("/")[0] ?? address;
    }
  }
  throw new CniInvokeError("ADD", `CNI ADD result has no IPv4 address: ${JSON.stringify(result)}`);
}
