// Original file: proto/cluster/v1/cluster.proto


export interface MemberListRequest {
}

export interface MemberListRequest__Output {
}
