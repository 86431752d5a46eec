export { CniCode, CniError, type CniErrorJson } from "./errors.js";
export { type Allocation, IpStore } from "./ip-store.js";
export { DEFAULT_BRIDGE, DEFAULT_DATA_DIR, type NetConf, parseJson, parseNetConf } from "./netconf.js";
export { type PluginOutput, pluginMain, readStdin, runPlugin } from "./plugin.js";
export type { CniResult, ResultInterface, ResultIp } from "./result.js";
export { SUPPORTED_VERSIONS } from "./versions.js";
