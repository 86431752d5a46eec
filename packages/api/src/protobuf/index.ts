export { type DecodedProtobufBody, type DefaultKind, decodeProtobufBody } from "./decode.js";
export { encodeProtobufBody, isProtobufKind } from "./encode.js";
export { PROTOBUF_MEDIA_TYPE } from "./envelope.js";
export { protobufKinds } from "./kinds.js";
