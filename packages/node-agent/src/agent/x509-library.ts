// @peculiar/x509 needs the Reflect metadata polyfill before its own module body runs, and Node's WebCrypto.
// Loaded lazily by callers: a restarted agent that already has its certificates never pays for it.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto);

export { x509 };
