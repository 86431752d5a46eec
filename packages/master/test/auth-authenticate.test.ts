import { ApiError } from "@tskube/api";
import { describe, expect, it } from "vitest";
import {
  bearerToken,
  bootstrapTokenSecret,
  createAuthenticator,
  parseTokenFile,
  userFromCertificate,
} from "../src/auth/index.js";

const tokens = parseTokenFile('admin-token,admin,1,system:masters\nview-token,viewer,2,"tskube:view"\n');
const bootstrapSecret = bootstrapTokenSecret({ id: "abcdef", secret: "0123456789abcdef" });
const authenticate = createAuthenticator({
  tokens,
  lookupBootstrapSecret: async (id) => (id === "abcdef" ? bootstrapSecret : undefined),
});
const adminCert = { subject: { CN: "admin", O: "system:masters" } };

describe("createAuthenticator", () => {
  it("a verified client certificate: CN = user, O = groups, plus system:authenticated", async () => {
    expect(await authenticate({ peerCertificate: adminCert, socketAuthorized: true })).toEqual({
      name: "admin",
      groups: ["system:masters", "system:authenticated"],
    });
    const multi = { subject: { CN: "system:node:n1", O: ["system:nodes", "extra"] } };
    expect(await authenticate({ peerCertificate: multi, socketAuthorized: true })).toEqual({
      name: "system:node:n1",
      groups: ["system:nodes", "extra", "system:authenticated"],
    });
  });

  it("ignores a certificate the TLS layer did not verify", async () => {
    expect(await authenticate({ peerCertificate: adminCert, socketAuthorized: false })).toBeNull();
  });

  it("the certificate wins over a token, even a bad one (Kubernetes tries x509 first)", async () => {
    const user = await authenticate({
      peerCertificate: adminCert,
      socketAuthorized: true,
      authorization: "Bearer garbage",
    });
    expect(user?.name).toBe("admin");
  });

  it("static tokens, with the scheme in any case", async () => {
    expect(await authenticate({ socketAuthorized: false, authorization: "Bearer view-token" })).toEqual({
      name: "viewer",
      uid: "2",
      groups: ["tskube:view", "system:authenticated"],
    });
    expect((await authenticate({ socketAuthorized: false, authorization: "bearer admin-token" }))?.name).toBe(
      "admin",
    );
  });

  it("bootstrap tokens", async () => {
    expect(
      await authenticate({ socketAuthorized: false, authorization: "Bearer abcdef.0123456789abcdef" }),
    ).toEqual({ name: "system:bootstrap:abcdef", groups: ["system:bootstrappers", "system:authenticated"] });
  });

  it("no credentials at all → null (the caller answers 401)", async () => {
    expect(await authenticate({ socketAuthorized: false })).toBeNull();
    expect(await authenticate({ peerCertificate: {}, socketAuthorized: false })).toBeNull();
    expect(
      await authenticate({ socketAuthorized: false, authorization: "Basic YWRtaW46YWRtaW4=" }),
    ).toBeNull();
    expect(await authenticate({ socketAuthorized: false, authorization: "Bearer " })).toBeNull();
  });

  it.each(["Bearer nope", "Bearer abcdef.ffffffffffffffff", "Bearer zzzzzz.0123456789abcdef"])(
    "a token that matches nothing (%s) → ApiError Unauthorized",
    async (authorization) => {
      const result = authenticate({ socketAuthorized: false, authorization });
      await expect(result).rejects.toBeInstanceOf(ApiError);
      await expect(result).rejects.toMatchObject({
        reason: "Unauthorized",
        code: 401,
        message: "Unauthorized",
      });
    },
  );

  it("without a bootstrap lookup, bootstrap-shaped tokens are just unknown tokens", async () => {
    const plain = createAuthenticator({ tokens });
    await expect(
      plain({ socketAuthorized: false, authorization: "Bearer abcdef.0123456789abcdef" }),
    ).rejects.toMatchObject({ code: 401 });
  });

  it("expiry is judged by the injected clock", async () => {
    const expiring = bootstrapTokenSecret(
      { id: "abcdef", secret: "0123456789abcdef" },
      { expiration: new Date("2030-01-01T00:00:00Z") },
    );
    let now = new Date("2029-12-31T23:59:59Z");
    const auth = createAuthenticator({ lookupBootstrapSecret: async () => expiring, now: () => now });
    const input = { socketAuthorized: false, authorization: "Bearer abcdef.0123456789abcdef" };
    expect((await auth(input))?.name).toBe("system:bootstrap:abcdef");
    now = new Date("2030-01-01T00:00:00Z");
    await expect(auth(input)).rejects.toMatchObject({ code: 401 });
  });
});

describe("userFromCertificate", () => {
  it("needs exactly one non-empty CN", () => {
    expect(userFromCertificate(undefined)).toBeUndefined();
    expect(userFromCertificate({})).toBeUndefined();
    expect(userFromCertificate({ subject: { O: "g" } })).toBeUndefined();
    expect(userFromCertificate({ subject: { CN: "" } })).toBeUndefined();
    expect(userFromCertificate({ subject: { CN: ["a", "b"] } })).toBeUndefined();
    expect(userFromCertificate({ subject: { CN: "a" } })).toEqual({ name: "a", groups: [] });
  });
});

describe("bearerToken", () => {
  it("takes the token of a Bearer header only", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("BEARER abc")).toBe("abc");
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken("Bearer")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
  });
});
