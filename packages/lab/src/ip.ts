import { existsSync } from "node:fs";
import { run, runOk } from "./run.js";

// Thin wrappers over iproute2's JSON output: the lab reads state back instead of trusting what it did.

interface IpAddrInfo {
  family?: string;
  local?: string;
  prefixlen?: number;
}

interface IpLink {
  ifname?: string;
  operstate?: string;
  flags?: string[];
  master?: string;
  addr_info?: IpAddrInfo[];
}

export interface IpRoute {
  readonly dst: string;
  readonly dev?: string;
  readonly gateway?: string;
  readonly protocol?: string;
  readonly scope?: string;
}

export function netnsPath(netns: string): string {
  return `/run/netns/${netns}`;
}

export function netnsExists(netns: string): boolean {
  return existsSync(netnsPath(netns));
}

function nsArgs(netns: string | undefined): string[] {
  return netns === undefined ? [] : ["-n", netns];
}

/** One link's JSON, or undefined when it does not exist (in the given namespace, or the root one). */
export async function showLink(name: string, netns?: string): Promise<IpLink | undefined> {
  const result = await run("ip", [...nsArgs(netns), "-j", "addr", "show", "dev", name]);
  if (result.code !== 0) return undefined;
  const links = JSON.parse(result.stdout) as IpLink[];
  return links[0];
}

export async function linkExists(name: string, netns?: string): Promise<boolean> {
  return (await showLink(name, netns)) !== undefined;
}

/** The IPv4 addresses of a link as "a.b.c.d/len". */
export async function ipv4Addresses(name: string, netns?: string): Promise<string[]> {
  const link = await showLink(name, netns);
  return (link?.addr_info ?? [])
    .filter((a) => a.family === "inet" && a.local !== undefined)
    .map((a) => `${a.local}/${a.prefixlen}`);
}

export async function linkMaster(name: string, netns?: string): Promise<string | undefined> {
  return (await showLink(name, netns))?.master;
}

export async function ipv4Routes(netns?: string): Promise<IpRoute[]> {
  const out = await runOk("ip", [...nsArgs(netns), "-j", "-4", "route", "show"]);
  return JSON.parse(out) as IpRoute[];
}

export async function ip(args: readonly string[], netns?: string): Promise<void> {
  await runOk("ip", [...nsArgs(netns), ...args]);
}

export async function netnsPids(netns: string): Promise<number[]> {
  const result = await run("ip", ["netns", "pids", netns]);
  if (result.code !== 0) return [];
  return result.stdout
    .split(/\s+/)
    .filter((s) => s !== "")
    .map(Number);
}
