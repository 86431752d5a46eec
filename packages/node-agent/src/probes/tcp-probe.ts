// tcpSocket probes: success when a TCP connection is established within the timeout; nothing is sent.
import { connect } from "node:net";
import { dialError, dialTimeout } from "./go-errors.js";
import type { ProbeOutcome, TcpProbeRequest } from "./probe-types.js";

export function tcpProbe(req: TcpProbeRequest): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: req.host, port: req.port });
    let done = false;
    const finish = (outcome: ProbeOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ result: "failure", output: dialTimeout(req.host, req.port) }),
      req.timeoutMs,
    );
    socket.once("connect", () => finish({ result: "success", output: "" }));
    socket.once("error", (err) => finish({ result: "failure", output: dialError(req.host, req.port, err) }));
  });
}
