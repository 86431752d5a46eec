import { run, runOk } from "./run.js";

// The root-namespace guard of DESIGN §5: whatever enters from the lab bridge may not be forwarded out of
// any other interface. Bridged host-to-host frames (-o is the bridge itself) are unaffected.

export function forwardRuleComment(bridge: string): string {
  return `tskube-lab:${bridge}`;
}

function ruleSpec(bridge: string): string[] {
  return [
    "-i",
    bridge,
    "!",
    "-o",
    bridge,
    "-m",
    "comment",
    "--comment",
    forwardRuleComment(bridge),
    "-j",
    "DROP",
  ];
}

/** FORWARD rules of iptables -S that carry the lab's comment, as argument lists (without "-A"). */
async function taggedRules(bridge: string): Promise<string[][]> {
  const out = await runOk("iptables", ["-w", "-S", "FORWARD"]);
  const comment = forwardRuleComment(bridge);
  return out
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words[0] === "-A" && words.some((w) => w.replace(/^"|"$/g, "") === comment))
    .map((words) => words.slice(2).map((w) => w.replace(/^"|"$/g, "")));
}

export async function forwardRuleExists(bridge: string): Promise<boolean> {
  return (await taggedRules(bridge)).length > 0;
}

/** Inserted first so that an ACCEPT added by someone else later in the chain cannot bypass it. */
export async function addForwardRule(bridge: string): Promise<void> {
  if (await forwardRuleExists(bridge)) return;
  await runOk("iptables", ["-w", "-I", "FORWARD", "1", ...ruleSpec(bridge)]);
}

/** Removes every rule tagged with this lab's comment, whatever its exact form. */
export async function removeForwardRule(bridge: string): Promise<void> {
  for (const spec of await taggedRules(bridge)) {
    await run("iptables", ["-w", "-D", "FORWARD", ...spec]);
  }
}
