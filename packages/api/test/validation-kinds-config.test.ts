import type { ConfigMap, Secret } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { defaultSecret } from "../src/defaults/index.js";
import { validateObject, validateUpdate } from "../src/validation/kinds/index.js";
import { causes, lines, stored } from "./validation-kinds-fixtures.js";

const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const b64 = (s: string) => Buffer.from(s).toString("base64");

function configMap(fields: Partial<ConfigMap> = {}): ConfigMap {
  return { metadata: { name: "cfg", namespace: "default" }, ...fields };
}

function secret(fields: Partial<Secret> = {}): Secret {
  return defaultSecret({ metadata: { name: "s", namespace: "default" }, ...fields });
}

describe("ConfigMap", () => {
  const validate = (c: ConfigMap) => lines(validateObject("", "ConfigMap", c));

  it("accepts data and binaryData", () => {
    expect(
      validate(configMap({ data: { "app.properties": "a=b" }, binaryData: { "logo.png": b64("png") } })),
    ).toEqual([]);
  });

  it("checks keys and refuses a key in both maps", () => {
    expect(
      validate(configMap({ data: { "a/b": "x", dup: "1" }, binaryData: { dup: b64("1"), "..x": "" } })),
    ).toEqual([
      `data[a/b]: Invalid value: "a/b": ${KEY_MSG}`,
      'data[dup]: Invalid value: "dup": duplicate of key present in binaryData',
      "binaryData[..x]: Invalid value: \"..x\": must not start with '..'",
    ]);
  });

  it("limits the total size to 1 MiB, reported against the whole object", () => {
    const big = "x".repeat(1024 * 1024);
    expect(causes(validateObject("", "ConfigMap", configMap({ data: { a: big, b: "y" } })))).toEqual([
      "FieldValueTooLong/[]/Too long: may not be more than 1048576 bytes",
    ]);
    expect(validate(configMap({ data: { a: big } }))).toEqual([]);
  });

  it("keeps an immutable ConfigMap's data", () => {
    const old = stored(configMap({ immutable: true, data: { a: "1" } }));
    expect(
      lines(validateUpdate("", "ConfigMap", { ...old, data: { a: "2" }, immutable: false }, old)),
    ).toEqual([
      "immutable: Forbidden: field is immutable when `immutable` is set",
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
    expect(
      lines(
        validateUpdate("", "ConfigMap", { ...old, metadata: { ...old.metadata, labels: { a: "b" } } }, old),
      ),
    ).toEqual([]);
  });
});

describe("Secret", () => {
  const validate = (s: Secret) => lines(validateObject("", "Secret", s));

  it("accepts an Opaque secret, counting stringData as data", () => {
    expect(validate(secret({ data: { password: b64("pw") }, stringData: { user: "admin" } }))).toEqual([]);
    expect(validate(secret({ stringData: { "bad key": "x" } }))).toEqual([
      `data[bad key]: Invalid value: "bad key": ${KEY_MSG}`,
    ]);
  });

  it("limits the decoded size to 1 MiB", () => {
    expect(validate(secret({ data: { a: b64("x".repeat(1024 * 1024 + 1)) } }))).toEqual([
      "data: Too long: may not be more than 1048576 bytes",
    ]);
  });

  it("requires the keys of the well-known types", () => {
    expect(validate(secret({ type: "kubernetes.io/tls", data: { "tls.crt": b64("c") } }))).toEqual([
      "data[tls.key]: Required value",
    ]);
    expect(validate(secret({ type: "kubernetes.io/basic-auth" }))).toEqual([
      "data[username]: Required value",
      "data[password]: Required value",
    ]);
    expect(validate(secret({ type: "kubernetes.io/ssh-auth", data: { "ssh-privatekey": "" } }))).toEqual([
      "data[ssh-privatekey]: Required value",
    ]);
    expect(validate(secret({ type: "kubernetes.io/service-account-token" }))).toEqual([
      "metadata.annotations[kubernetes.io/service-account.name]: Required value",
    ]);
  });

  it("requires docker configs to be JSON objects", () => {
    expect(
      validate(
        secret({
          type: "kubernetes.io/dockerconfigjson",
          data: { ".dockerconfigjson": b64('{"auths":{}}') },
        }),
      ),
    ).toEqual([]);
    expect(
      validate(
        secret({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64("hello") } }),
      ),
    ).toEqual([
      "data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": invalid character 'h' looking for beginning of value",
    ]);
    expect(validate(secret({ type: "kubernetes.io/dockercfg" }))).toEqual([
      "data[.dockercfg]: Required value",
    ]);
  });

  it("keeps the type, and an immutable secret's data", () => {
    const old = stored(secret({ data: { a: b64("1") }, immutable: true }));
    expect(
      lines(
        validateUpdate(
          "",
          "Secret",
          { ...old, type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } },
          old,
        ),
      ),
    ).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
    expect(lines(validateUpdate("", "Secret", { ...old, stringData: { a: "1" } }, old))).toEqual([]);
  });
});
