import { Command } from "commander";
import { registerCommands } from "./commands/index.js";

const program = new Command("tskube")
  .description("tskube: a Kubernetes-style container orchestrator")
  .showHelpAfterError()
  .enablePositionalOptions();

registerCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  // One line naming the problem, as for any bad input; details go to the structured log.
  process.stderr.write(`tskube: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
