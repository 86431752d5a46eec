// The one place @peculiar/x509 is loaded. It resolves its algorithm helpers through tsyringe, which needs the
// Reflect metadata polyfill installed before the library's own module body runs; a side-effect import listed
// first is evaluated first. It is also pointed at Node's WebCrypto explicitly rather than whatever global
// `crypto` the process happens to have.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto);

export { x509 };
