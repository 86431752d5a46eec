import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

/** GET /metrics (Prometheus text) and /healthz on the agent's metrics address. */
export async function startAgentMetrics(address: string, registry: Registry): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === "/metrics") {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": registry.contentType });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        },
      );
      return;
    }
    res.writeHead(req.url === "/healthz" ? 200 : 404, { "content-type": "text/plain" });
    res.end(req.url === "/healthz" ? "ok\n" : "");
  });
  const i = address.lastIndexOf(":");
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(address.slice(i + 1)), address.slice(0, i), () => resolve());
  });
  return server;
}
