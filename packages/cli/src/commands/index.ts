import type { Command } from "commander";
import { register as registerCni } from "./cni.js";
import { register as registerKubeconfig } from "./kubeconfig.js";
import { register as registerLab } from "./lab.js";
import { register as registerMaster } from "./master.js";
import { register as registerMember } from "./member.js";
import { register as registerStore } from "./store.js";

/** Each subcommand lives in its own file under commands/ and exports `register(program)`. */
export function registerCommands(program: Command): void {
  registerMaster(program);
  registerMember(program);
  registerStore(program);
  registerLab(program);
  registerKubeconfig(program);
  registerCni(program);
}
