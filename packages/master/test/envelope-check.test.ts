import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import type { Envelope__Output } from "../src/generated/raft/v1/Envelope.js";
import type { Message__Output } from "../src/generated/raft/v1/Message.js";
import { checkEnvelope, MalformedFrame, type PeerAuthority } from "../src/transport/envelope-check.js";

const authority: PeerAuthority = {
  clusterId: "abc",
  selfId: "m1",
  isKnownMember: (id) => ["m1", "m2", "m3"].includes(id),
};

function heartbeat(from = "m2", to = "m1"): Message__Output {
  return {
    type: "MESSAGE_TYPE_HEARTBEAT",
    from,
    to,
    term: 2,
    logTerm: 0,
    index: 0,
    entries: [],
    commit: 5,
    reject: false,
    rejectHint: 0,
    snapshot: null,
    context: "",
  };
}

function envelope(overrides: Partial<Envelope__Output> = {}): Envelope__Output {
  return { clusterId: "abc", from: "m2", to: "m1", messages: [heartbeat()], ...overrides };
}

describe("checkEnvelope", () => {
  it("accepts a valid envelope and decodes its messages", () => {
    const v = checkEnvelope(envelope(), authority);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.messages.map((m) => [m.type, m.from, m.commit])).toEqual([["heartbeat", "m2", 5]]);
  });

  it("rejects another cluster, naming both cluster ids and the sender", () => {
    const v = checkEnvelope(envelope({ clusterId: "other" }), authority);
    expect(v).toMatchObject({ ok: false, reason: "wrongCluster", code: grpc.status.FAILED_PRECONDITION });
    if (!v.ok) expect(v.detail).toMatch(/"m2".*"other".*"abc"/);
  });

  it("rejects an unknown sender and a frame addressed to someone else", () => {
    expect(checkEnvelope(envelope({ from: "m9", messages: [] }), authority)).toMatchObject({
      reason: "unknownMember",
      code: grpc.status.PERMISSION_DENIED,
    });
    expect(checkEnvelope(envelope({ to: "m3" }), authority)).toMatchObject({ reason: "wrongRecipient" });
  });

  it("rejects messages whose ids disagree with the envelope, snaps on the Send stream, and garbage", () => {
    expect(checkEnvelope(envelope({ messages: [heartbeat("m3")] }), authority)).toMatchObject({
      reason: "invalidMessage",
    });
    const snap = { ...heartbeat(), type: "MESSAGE_TYPE_SNAP" as const };
    expect(checkEnvelope(envelope({ messages: [snap] }), authority)).toMatchObject({
      reason: "invalidMessage",
    });
    expect(checkEnvelope(new MalformedFrame(8, "invalid wire type"), authority)).toMatchObject({
      reason: "malformed",
      code: grpc.status.INVALID_ARGUMENT,
    });
    expect(checkEnvelope(new MalformedFrame(9e7, "too big", true), authority)).toMatchObject({
      reason: "oversized",
      code: grpc.status.RESOURCE_EXHAUSTED,
    });
  });
});
