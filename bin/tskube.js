#!/usr/bin/env node
// The one `tskube` binary (like k3s): roles and tools are subcommands. Built code lives in packages/*/dist.
// `tskube cni` runs at every pod start and stop: it goes straight to the plugin, without the CLI around it.
if (process.argv[2] === "cni") await import("../packages/cni/dist/main.js");
else await import("../packages/cli/dist/main.js");
