import type { Message } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import type { Envelope__Output } from "../src/generated/raft/v1/Envelope.js";
import { loadProtos } from "../src/grpc/protos.js";
import { MalformedMessageError, messageFromProto, messageToProto } from "../src/transport/codec.js";

function message(overrides: Partial<Message>): Message {
  return {
    type: "app",
    from: "m1",
    to: "m2",
    term: 7,
    logTerm: 6,
    index: 41,
    entries: [],
    commit: 40,
    reject: false,
    rejectHint: 0,
    snapshot: null,
    context: "",
    ...overrides,
  };
}

/** Through the real wire format: core → proto object → bytes → proto object → core. */
function roundTrip(m: Message): Message {
  const send = loadProtos().raft.v1.Raft.service.Send;
  const bytes = send.requestSerialize({
    clusterId: "c",
    from: m.from,
    to: m.to,
    messages: [messageToProto(m)],
  });
  const decoded = send.requestDeserialize(bytes) as Envelope__Output;
  const [only] = decoded.messages;
  if (only === undefined) throw new Error("no message decoded");
  return messageFromProto(only);
}

describe("proto <-> core conversion", () => {
  it("round-trips an append with entries of both types", () => {
    const m = message({
      entries: [
        { term: 6, index: 42, type: "normal", data: new Uint8Array([1, 2, 3]) },
        { term: 7, index: 43, type: "confChange", data: new Uint8Array([9]) },
        { term: 7, index: 44, type: "normal", data: new Uint8Array() },
      ],
    });
    const back = roundTrip(m);
    expect(back).toEqual({ ...m, entries: m.entries.map((e) => ({ ...e, data: expect.any(Uint8Array) })) });
    expect(back.entries.map((e) => [...e.data])).toEqual([[1, 2, 3], [9], []]);
  });

  it("round-trips every message type and the optional fields", () => {
    const types = [
      "preVote",
      "preVoteResp",
      "vote",
      "voteResp",
      "app",
      "appResp",
      "heartbeat",
      "heartbeatResp",
      "timeoutNow",
      "transferLeader",
      "readIndex",
      "readIndexResp",
      "prop",
    ] as const;
    for (const type of types) {
      const m = message({
        type,
        reject: true,
        rejectHint: 12,
        context: "ctx-1",
        term: type === "prop" ? 0 : 3,
      });
      expect(roundTrip(m)).toEqual(m);
    }
  });

  it("round-trips a snap message with its snapshot, large indexes included", () => {
    const m = message({
      type: "snap",
      index: 0,
      snapshot: {
        metadata: { index: 2 ** 40, term: 99, confState: { voters: ["m1", "m2"], learners: ["m4"] } },
        data: new Uint8Array([5, 6, 7]),
      },
    });
    const back = roundTrip(m);
    expect(back.snapshot?.metadata).toEqual(m.snapshot?.metadata);
    expect([...(back.snapshot?.data ?? [])]).toEqual([5, 6, 7]);
  });

  it("refuses an unknown message type", () => {
    const proto = { ...messageToProto(message({})), type: "MESSAGE_TYPE_UNSPECIFIED" };
    expect(() => messageFromProto(proto as never)).toThrow(MalformedMessageError);
  });
});
