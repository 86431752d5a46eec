/** The client endpoints of `tskube lab up` (3 masters): tools default to them, so a lab needs no flags. */
export const LAB_ENDPOINTS = "127.0.0.11:9443,127.0.0.12:9443,127.0.0.13:9443";
