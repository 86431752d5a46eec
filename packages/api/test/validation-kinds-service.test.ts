import type { Service } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { validateObject, validateStatusUpdate, validateUpdate } from "../src/validation/kinds/index.js";
import { lines, service, stored } from "./validation-kinds-fixtures.js";

const validate = (s: Service) => lines(validateObject("", "Service", s));
const spec = (s: Service) => {
  if (s.spec === undefined) throw new Error("no spec");
  return s.spec;
};

describe("Service create", () => {
  it("accepts a defaulted ClusterIP service, with or without an allocated IP", () => {
    expect(validate(service())).toEqual([]);
    expect(
      validate(
        service((s) => {
          spec(s).clusterIP = "10.96.0.10";
        }),
      ),
    ).toEqual([]);
  });

  it("uses DNS-1035 names", () => {
    expect(
      validate(
        service((s) => {
          if (s.metadata) s.metadata.name = "1web";
        }),
      ),
    ).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it("requires ports unless headless or ExternalName", () => {
    expect(
      validate(
        service((s) => {
          spec(s).ports = [];
        }),
      ),
    ).toEqual(["spec.ports: Required value"]);
    expect(
      validate(
        service((s) => {
          spec(s).ports = [];
          spec(s).clusterIP = "None";
        }),
      ),
    ).toEqual([]);
  });

  it("checks ports: numbers, names when several, uniqueness, protocol, targetPort", () => {
    expect(
      validate(
        service((s) => {
          spec(s).ports = [
            { port: 0 },
            { name: "web", port: 80, protocol: "HTTP" },
            { name: "web", port: 81, targetPort: "Not_A_Port" },
            { name: "other", port: 80, protocol: "HTTP" },
          ];
        }),
      ),
    ).toEqual([
      "spec.ports[0].name: Required value",
      "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
      "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
      'spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[2].name: Duplicate value: "web"',
      'spec.ports[2].targetPort: Invalid value: "Not_A_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[3].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[3]: Duplicate value: {"protocol":"HTTP","port":80}',
    ]);
  });

  it("accepts a named targetPort", () => {
    expect(
      validate(
        service((s) => {
          spec(s).ports = [{ port: 80, targetPort: "http" }];
        }),
      ),
    ).toEqual([]);
  });

  it("restricts the type and where node ports may be", () => {
    expect(
      validate(
        service((s) => {
          spec(s).type = "Magic";
        }),
      ),
    ).toContain(
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(
      validate(
        service((s) => {
          spec(s).ports = [{ port: 80, nodePort: 30080 }];
        }),
      ),
    ).toEqual(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
    expect(
      validate(
        service((s) => {
          spec(s).type = "NodePort";
          spec(s).ports = [{ port: 80, nodePort: 30080 }];
        }),
      ),
    ).toEqual([]);
  });

  it("checks clusterIP values", () => {
    expect(
      validate(
        service((s) => {
          spec(s).clusterIP = "10.96.0.300";
        }),
      ),
    ).toEqual([
      'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
    expect(
      validate(
        service((s) => {
          spec(s).type = "NodePort";
          spec(s).clusterIP = "None";
        }),
      ),
    ).toContain(
      "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
    );
    expect(
      validate(
        service((s) => {
          spec(s).clusterIP = "fd00::1";
        }),
      ),
    ).toEqual([
      'spec.clusterIPs[0]: Invalid value: "fd00::1": expected an IPv4 value as indicated by `ipFamilies[0]`',
    ]);
  });

  it("requires externalName for ExternalName services", () => {
    expect(
      validate(
        service((s) => {
          spec(s).type = "ExternalName";
          spec(s).ports = [];
        }),
      ),
    ).toEqual(["spec.externalName: Required value"]);
    expect(
      validate(
        service((s) => {
          spec(s).type = "ExternalName";
          spec(s).externalName = "db.example.com.";
        }),
      ),
    ).toEqual([]);
  });

  it("restricts session affinity", () => {
    expect(
      validate(
        service((s) => {
          spec(s).sessionAffinity = "Cookie";
        }),
      ),
    ).toEqual(['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"']);
    expect(
      validate(
        service((s) => {
          spec(s).sessionAffinity = "ClientIP";
          spec(s).sessionAffinityConfig = { clientIP: { timeoutSeconds: 0 } };
        }),
      ),
    ).toEqual([
      "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400",
    ]);
  });

  it("refuses special external IPs and traffic policies on internal services", () => {
    expect(
      validate(
        service((s) => {
          spec(s).externalIPs = ["127.0.0.1"];
          spec(s).externalTrafficPolicy = "Everywhere";
        }),
      ),
    ).toEqual([
      'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'spec.externalTrafficPolicy: Unsupported value: "Everywhere": supported values: "Cluster", "Local"',
    ]);
  });
});

describe("Service update", () => {
  const allocated = () =>
    stored(
      service((s) => {
        spec(s).clusterIP = "10.96.0.10";
        spec(s).clusterIPs = ["10.96.0.10"];
      }),
    );

  it("accepts an unchanged or re-ported service", () => {
    const old = allocated();
    expect(lines(validateUpdate("", "Service", old, old))).toEqual([]);
    const next = {
      ...old,
      spec: { ...spec(old), ports: [{ port: 8080, protocol: "TCP", targetPort: 8080 }] },
    };
    expect(lines(validateUpdate("", "Service", next, old))).toEqual([]);
  });

  it("keeps the cluster IP", () => {
    const old = allocated();
    const next = { ...old, spec: { ...spec(old), clusterIP: "10.96.0.11" } };
    expect(lines(validateUpdate("", "Service", next, old))).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set',
    ]);
  });

  it("checks load balancer status on status updates", () => {
    const old = allocated();
    const next = { ...old, status: { loadBalancer: { ingress: [{ ip: "nope" }, { hostname: "1.2.3.4" }] } } };
    expect(lines(validateStatusUpdate("", "Service", next, old))).toEqual([
      'status.loadBalancer.ingress[0].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      "status.loadBalancer.ingress[0].ipMode: Required value: must be specified when `ip` is set",
      'status.loadBalancer.ingress[1].hostname: Invalid value: "1.2.3.4": must be a DNS name, not an IP address',
    ]);
  });
});
