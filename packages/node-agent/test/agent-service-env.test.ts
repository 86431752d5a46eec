// Compared with what kubelet's envvars.FromServices generates (pkg/kubelet/envvars): {SVC}_SERVICE_HOST,
// {SVC}_SERVICE_PORT (the first port), {SVC}_SERVICE_PORT_{PORTNAME} per named port, and the Docker-links
// variables {SVC}_PORT (first port) and {SVC}_PORT_{port}_{PROTO}[_PROTO|_PORT|_ADDR] per port.
import type { Service } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { serviceEnv } from "../src/agent/service-env.js";

function service(name: string, clusterIP: string, ports: NonNullable<Service["spec"]>["ports"]): Service {
  return { metadata: { name, namespace: "default" }, spec: { clusterIP, ports } };
}

describe("serviceEnv", () => {
  it("the kubernetes service (one named https port) gives kubelet's eight variables", () => {
    const env = serviceEnv([
      service("kubernetes", "10.96.0.1", [{ name: "https", port: 443, protocol: "TCP" }]),
    ]);
    expect(Object.fromEntries(env)).toEqual({
      KUBERNETES_SERVICE_HOST: "10.96.0.1",
      KUBERNETES_SERVICE_PORT: "443",
      KUBERNETES_SERVICE_PORT_HTTPS: "443",
      KUBERNETES_PORT: "tcp://10.96.0.1:443",
      KUBERNETES_PORT_443_TCP: "tcp://10.96.0.1:443",
      KUBERNETES_PORT_443_TCP_PROTO: "tcp",
      KUBERNETES_PORT_443_TCP_PORT: "443",
      KUBERNETES_PORT_443_TCP_ADDR: "10.96.0.1",
    });
  });

  it("redis-master (unnamed port, no protocol): dashes become underscores, TCP is the default", () => {
    const env = serviceEnv([service("redis-master", "10.0.0.11", [{ port: 6379 }])]);
    expect(Object.fromEntries(env)).toEqual({
      REDIS_MASTER_SERVICE_HOST: "10.0.0.11",
      REDIS_MASTER_SERVICE_PORT: "6379",
      REDIS_MASTER_PORT: "tcp://10.0.0.11:6379",
      REDIS_MASTER_PORT_6379_TCP: "tcp://10.0.0.11:6379",
      REDIS_MASTER_PORT_6379_TCP_PROTO: "tcp",
      REDIS_MASTER_PORT_6379_TCP_PORT: "6379",
      REDIS_MASTER_PORT_6379_TCP_ADDR: "10.0.0.11",
    });
  });

  it("several named ports: the first one is {SVC}_PORT and {SVC}_SERVICE_PORT; port names are converted too", () => {
    const env = serviceEnv([
      service("kube-dns", "10.96.0.10", [
        { name: "dns", port: 53, protocol: "UDP" },
        { name: "dns-tcp", port: 53, protocol: "TCP" },
        { name: "metrics", port: 9153, protocol: "TCP" },
      ]),
    ]);
    expect(env.get("KUBE_DNS_SERVICE_PORT")).toBe("53");
    expect(env.get("KUBE_DNS_SERVICE_PORT_DNS")).toBe("53");
    expect(env.get("KUBE_DNS_SERVICE_PORT_DNS_TCP")).toBe("53");
    expect(env.get("KUBE_DNS_SERVICE_PORT_METRICS")).toBe("9153");
    expect(env.get("KUBE_DNS_PORT")).toBe("udp://10.96.0.10:53");
    expect(env.get("KUBE_DNS_PORT_53_UDP")).toBe("udp://10.96.0.10:53");
    expect(env.get("KUBE_DNS_PORT_53_UDP_PROTO")).toBe("udp");
    expect(env.get("KUBE_DNS_PORT_53_TCP")).toBe("tcp://10.96.0.10:53");
    expect(env.get("KUBE_DNS_PORT_9153_TCP_ADDR")).toBe("10.96.0.10");
    expect(env.size).toBe(2 + 3 + 1 + 3 * 4);
  });

  it("headless services and services without a ClusterIP give nothing", () => {
    const env = serviceEnv([
      service("headless", "None", [{ port: 80 }]),
      { metadata: { name: "pending" }, spec: { ports: [{ port: 80 }] } },
      service("empty", "", [{ port: 80 }]),
    ]);
    expect(env.size).toBe(0);
  });
});
