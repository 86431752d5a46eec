import { Command } from "commander";

const program = new Command("tskube")
  .description("tskube: a Kubernetes-style container orchestrator")
  .showHelpAfterError()
  .enablePositionalOptions();

// The agent and the CNI plugin run all the time or on every pod start: they load only their own code, not the
// masters' (store, Raft, API server), to stay small and quick to start.
const LIGHT: Record<string, () => Promise<{ register(p: Command): void }>> = {
  agent: () => import("./commands/agent.js"),
  cni: () => import("./commands/cni.js"),
};
const light = LIGHT[process.argv[2] ?? ""];
if (light !== undefined) (await light()).register(program);
else (await import("./commands/index.js")).registerCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  // One line naming the problem, as for any bad input; details go to the structured log.
  process.stderr.write(`tskube: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
