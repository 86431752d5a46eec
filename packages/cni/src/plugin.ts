import { add } from "./add.js";
import { check } from "./check.js";
import { del } from "./del.js";
import { type CniCommand, parseEnv, readCommand } from "./env.js";
import { toErrorJson } from "./errors.js";
import { parseJson, parseNetConf, requestedVersion } from "./netconf.js";
import { forVersion } from "./result.js";
import { CURRENT_VERSION, SUPPORTED_VERSIONS } from "./versions.js";

// One plugin invocation, as a function of (environment, stdin) → (stdout, exit code), so the `tskube cni`
// command, the standalone main and the tests all run exactly the same path.

export interface PluginOutput {
  stdout: string;
  exitCode: number;
}

function versionOf(stdin: string): string {
  try {
    return requestedVersion(parseJson(stdin));
  } catch {
    return CURRENT_VERSION;
  }
}

export async function runPlugin(env: NodeJS.ProcessEnv, stdin: string): Promise<PluginOutput> {
  let cniVersion = CURRENT_VERSION;
  try {
    const command: CniCommand = readCommand(env);
    if (command === "VERSION") {
      // VERSION answers whatever the stdin is: it is how a runtime finds out what to send.
      cniVersion = versionOf(stdin);
      return ok({ cniVersion, supportedVersions: [...SUPPORTED_VERSIONS] });
    }
    const json = parseJson(stdin);
    cniVersion = typeof json.cniVersion === "string" && json.cniVersion ? json.cniVersion : CURRENT_VERSION;
    const conf = parseNetConf(json);
    const request = parseEnv(env, command);
    const netns = request.netns;
    if (command === "DEL") {
      await del(conf, request);
      return { stdout: "", exitCode: 0 };
    }
    if (netns === undefined) throw new Error("unreachable: parseEnv requires CNI_NETNS");
    if (command === "CHECK") {
      await check(conf, { ...request, netns });
      return { stdout: "", exitCode: 0 };
    }
    return ok(forVersion(await add(conf, { ...request, netns }), conf.cniVersion));
  } catch (err) {
    return { stdout: `${JSON.stringify(toErrorJson(err, cniVersion))}\n`, exitCode: 1 };
  }
}

function ok(value: unknown): PluginOutput {
  return { stdout: `${JSON.stringify(value)}\n`, exitCode: 0 };
}

export async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

/** Runs the plugin on this process's env and stdin and exits with its code. */
export async function pluginMain(): Promise<void> {
  const out = await runPlugin(process.env, await readStdin(process.stdin));
  process.stdout.write(out.stdout, () => process.exit(out.exitCode));
}
