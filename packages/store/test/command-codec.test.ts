import { decodeCommand, encodeCommand, type StoreCommand } from "@tskube/store";
import { describe, expect, it } from "vitest";
import { b, codeOf } from "./helpers.js";

const commands: StoreCommand[] = [
  { type: "put", request: { key: b("a"), value: b("v") } },
  {
    type: "put",
    request: { key: b("a"), value: new Uint8Array(0), lease: 2 ** 40, prevKv: true, ignoreValue: true },
  },
  { type: "put", request: { key: b("a"), value: b("v"), ignoreLease: true } },
  { type: "deleteRange", request: { key: b("a") } },
  { type: "deleteRange", request: { key: b("a"), rangeEnd: new Uint8Array([0]), prevKv: true } },
  {
    type: "txn",
    request: {
      compare: [
        { key: b("a"), target: "value", result: "!=", value: b("x") },
        { key: b("a"), rangeEnd: b("b"), target: "modRevision", result: "<", value: 123456789 },
        { key: b("c"), target: "lease", result: "=", value: 0 },
      ],
      success: [
        { type: "range", request: { key: b("a") } },
        {
          type: "range",
          request: {
            key: b("a"),
            rangeEnd: b("z"),
            revision: 7,
            limit: 3,
            countOnly: true,
            keysOnly: true,
            sortOrder: "descend",
            sortTarget: "createRevision",
          },
        },
        { type: "put", request: { key: b("p"), value: b("q") } },
      ],
      failure: [
        { type: "deleteRange", request: { key: b("d"), rangeEnd: b("e") } },
        {
          type: "txn",
          request: {
            compare: [{ key: b("n"), target: "version", result: ">", value: 1 }],
            success: [],
            failure: [{ type: "put", request: { key: b("n"), value: b("") } }],
          },
        },
      ],
    },
  },
  { type: "compact", revision: 99 },
  { type: "leaseGrant", id: 0, ttl: 30 },
  { type: "leaseRevoke", id: 77 },
];

describe("command codec", () => {
  it.each(commands.map((c, i) => [i, c] as const))("round-trips command %i", (_, command) => {
    const bytes = encodeCommand(`req-${command.type}-é`, command);
    expect(decodeCommand(bytes)).toEqual({ requestId: `req-${command.type}-é`, command });
  });

  it("rejects truncated, trailing and unknown input", () => {
    const bytes = encodeCommand("r", commands[5]!);
    for (let cut = 0; cut < bytes.length; cut += 7) {
      expect(codeOf(() => decodeCommand(bytes.subarray(0, cut)))).toBe("BadEncoding");
    }
    expect(codeOf(() => decodeCommand(new Uint8Array([...bytes, 1])))).toBe("BadEncoding");
    expect(codeOf(() => decodeCommand(new Uint8Array([1, 0, 9])))).toBe("BadEncoding");
    expect(codeOf(() => decodeCommand(new Uint8Array([2, 0, 0])))).toBe("BadEncoding");
  });
});
