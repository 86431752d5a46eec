#!/usr/bin/env node
// The plugin as a standalone executable (`node dist/main.js`), identical to `tskube cni`.
import { pluginMain } from "./plugin.js";

await pluginMain();
