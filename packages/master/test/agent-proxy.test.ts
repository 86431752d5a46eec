import { createServer } from "node:net";
import type { Node } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { agentAddress } from "../src/apiserver/agents/agent-address.js";
import { AgentClient } from "../src/apiserver/agents/agent-client.js";
import { streamPath } from "../src/apiserver/agents/exec-proxy.js";
import { containerLogsPath } from "../src/apiserver/agents/log-proxy.js";
import { createClusterCa, issueClientCert } from "../src/auth/index.js";

const target = {
  namespace: "ns",
  pod: "p",
  container: "c",
  address: { nodeName: "w1", host: "127.0.0.1", port: 10250 },
};

describe("agent address", () => {
  it("is the InternalIP and the kubelet endpoint port, 10250 by default", () => {
    const node: Node = {
      metadata: { name: "w1" },
      status: {
        addresses: [
          { type: "Hostname", address: "w1" },
          { type: "InternalIP", address: "192.168.56.21" },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10555 } },
      },
    };
    expect(agentAddress(node)).toEqual({ nodeName: "w1", host: "192.168.56.21", port: 10555 });
    delete node.status?.daemonEndpoints;
    expect(agentAddress(node).port).toBe(10250);
  });

  it("a node without an IP cannot be reached", () => {
    expect(() =>
      agentAddress({
        metadata: { name: "w1" },
        status: { addresses: [{ type: "Hostname", address: "w1" }] },
      }),
    ).toThrow("no preferred addresses found; known addresses: [{Hostname w1}]");
  });
});

describe("agent paths", () => {
  it("containerLogs keeps only the log options, booleans as true", () => {
    const q = new URLSearchParams(
      "container=c&follow=true&tailLines=10&timestamps=1&insecureSkipTLSVerifyBackend=true",
    );
    expect(containerLogsPath(target, q)).toBe(
      "/containerLogs/ns/p/c?follow=true&timestamps=true&tailLines=10",
    );
    expect(containerLogsPath(target, new URLSearchParams("follow=false"))).toBe("/containerLogs/ns/p/c");
  });

  it("exec moves the container into the path and keeps repeated commands in order", () => {
    const q = new URLSearchParams("command=sh&command=-c&command=echo+a%26b&container=c&stdout=true");
    expect(streamPath("exec", target, q)).toBe(
      "/exec/ns/p/c?command=sh&command=-c&command=echo+a%26b&stdout=true",
    );
  });
});

describe("agent client", () => {
  it("reports a dead agent in Go's words, naming the URL", async () => {
    const s = createServer();
    const port = await new Promise<number>((r) =>
      s.listen(0, "127.0.0.1", () => r((s.address() as { port: number }).port)),
    );
    await new Promise((r) => s.close(r));
    const creds = await issueClientCert(await createClusterCa(1), { user: "kube-apiserver-kubelet-client" });
    const client = new AgentClient(creds);
    try {
      const address = { nodeName: "w1", host: "127.0.0.1", port };
      await expect(client.get(address, "/containerLogs/ns/p/c")).rejects.toMatchObject({
        code: 500,
        message: `Get "https://127.0.0.1:${port}/containerLogs/ns/p/c": dial tcp 127.0.0.1:${port}: connect: connection refused`,
      });
      await expect(client.dial(address, "/exec/ns/p/c")).rejects.toMatchObject({
        message: `Get "https://127.0.0.1:${port}/exec/ns/p/c": dial tcp 127.0.0.1:${port}: connect: connection refused`,
      });
    } finally {
      client.close();
    }
  });
});
