import { CniCode, CniError } from "./errors.js";
import { validIfName } from "./netconf.js";

// The runtime's half of the request: CNI_* variables. Checked up front so a bad call fails with code 4
// before anything on the node is touched.

export type CniCommand = "ADD" | "DEL" | "CHECK" | "VERSION";

export interface CniEnv {
  command: CniCommand;
  containerId: string;
  /** Absent only on DEL (the sandbox may already be gone). */
  netns: string | undefined;
  ifName: string;
  args: Map<string, string>;
}

const CONTAINER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function bad(msg: string): CniError {
  return new CniError(CniCode.InvalidEnv, msg);
}

export function readCommand(env: NodeJS.ProcessEnv): CniCommand {
  const c = env.CNI_COMMAND;
  if (c === "ADD" || c === "DEL" || c === "CHECK" || c === "VERSION") return c;
  throw bad(`CNI_COMMAND "${c ?? ""}" is not one of ADD, DEL, CHECK, VERSION`);
}

export function parseEnv(env: NodeJS.ProcessEnv, command: CniCommand): CniEnv {
  const containerId = env.CNI_CONTAINERID ?? "";
  if (!CONTAINER_ID.test(containerId)) throw bad("CNI_CONTAINERID is missing or malformed");
  const ifName = env.CNI_IFNAME ?? "";
  if (!validIfName(ifName)) throw bad("CNI_IFNAME is missing or not a valid interface name");
  const netns = env.CNI_NETNS || undefined;
  if (netns === undefined && command !== "DEL") throw bad("CNI_NETNS is required");
  if (netns !== undefined && !netns.startsWith("/")) throw bad("CNI_NETNS must be an absolute path");
  const args = new Map<string, string>();
  for (const pair of (env.CNI_ARGS ?? "").split(";")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    if (eq <= 0) throw bad(`CNI_ARGS entry "${pair}" is not KEY=VALUE`);
    args.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return { command, containerId, netns, ifName, args };
}
