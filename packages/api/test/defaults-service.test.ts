import type { Service, ServiceSpec } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { defaultService } from "../src/defaults/index.js";

function service(spec: ServiceSpec = {}): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec };
}

describe("defaultService", () => {
  it("defaults a minimal ClusterIP service", () => {
    const out = defaultService(service({ selector: { app: "a" }, ports: [{ port: 80 }] }));
    expect(out.spec).toEqual({
      selector: { app: "a" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
    });
  });

  it.each([
    ["unset", undefined, 443],
    ["zero", 0, 443],
    ["empty string", "", 443],
    ["number", 8443, 8443],
    ["named", "https", "https"],
  ])("targetPort %s → %j", (_name, targetPort, expected) => {
    const port = targetPort === undefined ? { port: 443 } : { port: 443, targetPort };
    expect(defaultService(service({ ports: [port] })).spec?.ports?.[0]?.targetPort).toBe(expected);
  });

  it.each([
    ["ClusterIP", {}, undefined],
    ["ClusterIP with externalIPs", { externalIPs: ["1.2.3.4"] }, "Cluster"],
    ["NodePort", { type: "NodePort" }, "Cluster"],
    ["LoadBalancer", { type: "LoadBalancer" }, "Cluster"],
    ["NodePort with Local", { type: "NodePort", externalTrafficPolicy: "Local" }, "Local"],
  ])("externalTrafficPolicy for %s → %s", (_name, spec, expected) => {
    expect(defaultService(service(spec)).spec?.externalTrafficPolicy).toBe(expected);
  });

  it("gives LoadBalancers allocateLoadBalancerNodePorts and ingress ipMode", () => {
    const out = defaultService({
      ...service({ type: "LoadBalancer" }),
      status: { loadBalancer: { ingress: [{ ip: "10.0.0.5" }, { hostname: "lb.example" }] } },
    });
    expect(out.spec?.allocateLoadBalancerNodePorts).toBe(true);
    expect(out.status?.loadBalancer?.ingress).toEqual([
      { ip: "10.0.0.5", ipMode: "VIP" },
      { hostname: "lb.example" },
    ]);
    expect(
      defaultService(service({ type: "LoadBalancer", allocateLoadBalancerNodePorts: false })).spec,
    ).toHaveProperty("allocateLoadBalancerNodePorts", false);
  });

  it.each([
    [
      "None drops a config",
      { sessionAffinity: "None", sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } },
      undefined,
    ],
    [
      "ClientIP gets the 3h timeout",
      { sessionAffinity: "ClientIP" },
      { clientIP: { timeoutSeconds: 10800 } },
    ],
    [
      "ClientIP keeps a user timeout",
      { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
      { clientIP: { timeoutSeconds: 60 } },
    ],
  ])("sessionAffinityConfig: %s", (_name, spec, expected) => {
    expect(defaultService(service(spec)).spec?.sessionAffinityConfig).toEqual(expected);
  });

  it("leaves ExternalName services without traffic policy or IP families", () => {
    const out = defaultService(service({ type: "ExternalName", externalName: "db.example.com" }));
    expect(out.spec?.internalTrafficPolicy).toBeUndefined();
    expect(out.spec?.ipFamilyPolicy).toBeUndefined();
    expect(out.spec?.ipFamilies).toBeUndefined();
  });

  it("asks for dual stack for headless selector-less services", () => {
    const out = defaultService(service({ clusterIP: "None" }));
    expect(out.spec?.ipFamilyPolicy).toBe("RequireDualStack");
    expect(out.spec?.ipFamilies).toEqual(["IPv4", "IPv6"]);
    const withSelector = defaultService(service({ clusterIP: "None", selector: { app: "a" } }));
    expect(withSelector.spec?.ipFamilyPolicy).toBe("SingleStack");
  });

  it("does not override what the user set", () => {
    const spec: ServiceSpec = {
      type: "NodePort",
      sessionAffinity: "ClientIP",
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
      ports: [{ port: 53, protocol: "UDP", targetPort: "dns", nodePort: 30053 }],
      externalTrafficPolicy: "Local",
      internalTrafficPolicy: "Local",
      ipFamilyPolicy: "PreferDualStack",
      ipFamilies: ["IPv4"],
    };
    expect(defaultService(service(spec)).spec).toEqual(spec);
  });

  it("does not mutate its input", () => {
    const input = service({ type: "", sessionAffinity: "", ports: [{ port: 80, targetPort: 0 }] });
    const before = structuredClone(input);
    defaultService(input);
    expect(input).toEqual(before);
  });
});
