// certificates.k8s.io/v1 CertificateSigningRequest: a signer name of the form "domain/path", known key
// usages without duplicates, a requested duration of at least ten minutes, well-formed conditions (Approved
// and Denied exclusive, each at most once), and a status certificate made only of PEM CERTIFICATE blocks
// that never changes once issued. Whether spec.request parses as a PKCS#10 request is checked by the API
// server, which has an X.509 library; any name is accepted, as Kubernetes accepts any name for CSRs.
import { duplicate, type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { isDns1123Subdomain, isValidPathSegmentName } from "../names.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, list, ptr, str } from "./read.js";

const SPEC = root("spec");
const STATUS = root("status");
const CSR_META = {
  namespaced: false,
  nameRule: (name: string, prefix: boolean) => (prefix ? [] : isValidPathSegmentName(name)),
  kubeFinalizers: false,
} as const;

/** Every key usage Kubernetes knows (certificates.k8s.io/v1 KeyUsage). */
export const KEY_USAGES: readonly string[] = [
  "signing",
  "digital signature",
  "content commitment",
  "key encipherment",
  "key agreement",
  "data encipherment",
  "cert sign",
  "crl sign",
  "encipher only",
  "decipher only",
  "any",
  "server auth",
  "client auth",
  "code signing",
  "email protection",
  "s/mime",
  "ipsec end system",
  "ipsec tunnel",
  "ipsec user",
  "timestamping",
  "ocsp signing",
  "microsoft sgc",
  "netscape sgc",
];
export const MIN_EXPIRATION_SECONDS = 600;
const EXCLUSIVE_TYPES = ["Approved", "Denied", "Failed"];
const CONDITION_STATUSES = ["True", "False", "Unknown"];

type Obj = Record<string, unknown>;

function part(obj: unknown, key: string): Obj {
  return isObj(obj) && isObj(obj[key]) ? obj[key] : {};
}

function validateSignerName(path: FieldPath, signerName: string): FieldError[] {
  if (signerName === "") return [required(path)];
  const slash = signerName.indexOf("/");
  const domain = slash < 0 ? signerName : signerName.slice(0, slash);
  const rest = slash < 0 ? "" : signerName.slice(slash + 1);
  if (slash < 0 || rest === "") {
    return [
      invalid(
        path,
        signerName,
        "must be a fully qualified domain and path of the form 'example.com/signer-name'",
      ),
    ];
  }
  const errs = isDns1123Subdomain(domain).map((msg) => invalid(path, signerName, msg));
  if (!domain.includes(".")) {
    errs.push(invalid(path, signerName, "should be a domain with at least two segments separated by dots"));
  }
  return errs;
}

function validateSpec(spec: Obj): FieldError[] {
  const errs = validateSignerName(SPEC.child("signerName"), str(spec.signerName));
  const usages = list<unknown>(spec.usages);
  const usagesPath = SPEC.child("usages");
  if (usages.length === 0) errs.push(required(usagesPath, "usages must be provided"));
  const seen = new Set<string>();
  usages.forEach((u, i) => {
    const usage = str(u);
    if (!KEY_USAGES.includes(usage)) errs.push(notSupported(usagesPath.index(i), usage, KEY_USAGES));
    else if (seen.has(usage)) errs.push(duplicate(usagesPath.index(i), usage));
    seen.add(usage);
  });
  const expiration = ptr(spec.expirationSeconds as number | null | undefined);
  if (expiration !== undefined && expiration < MIN_EXPIRATION_SECONDS) {
    errs.push(
      invalid(
        SPEC.child("expirationSeconds"),
        expiration,
        "may not specify a duration less than 600 seconds (10 minutes)",
      ),
    );
  }
  return errs;
}

function validateConditions(status: Obj, oldStatus: Obj | undefined): FieldError[] {
  const path = STATUS.child("conditions");
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list<unknown>(status.conditions).forEach((c, i) => {
    const cond = isObj(c) ? c : {};
    const type = str(cond.type);
    const p = path.index(i);
    if (type === "") errs.push(required(p.child("type")));
    const st = str(cond.status);
    if (EXCLUSIVE_TYPES.includes(type)) {
      if (seen.has(type)) errs.push(duplicate(p.child("type"), type));
      if (st !== "True") errs.push(notSupported(p.child("status"), st, ["True"]));
    } else if (st === "") errs.push(required(p.child("status")));
    else if (!CONDITION_STATUSES.includes(st))
      errs.push(notSupported(p.child("status"), st, CONDITION_STATUSES));
    seen.add(type);
  });
  if (seen.has("Approved") && seen.has("Denied")) {
    errs.push(invalid(path, status.conditions, "Approved and Denied conditions are mutually exclusive"));
  }
  if (oldStatus !== undefined) {
    const before = new Set(list<unknown>(oldStatus.conditions).map((c) => str(isObj(c) ? c.type : "")));
    for (const type of EXCLUSIVE_TYPES) {
      if (before.has(type) && !seen.has(type)) {
        errs.push(forbidden(path, `updates may not remove a condition of type "${type}"`));
      }
    }
  }
  return errs;
}

/** The PEM blocks of a base64-encoded []byte field; undefined when it is not valid PEM. */
function pemBlockTypes(base64: string): string[] | undefined {
  const text = Buffer.from(base64, "base64").toString("latin1");
  const types = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)].map(
    (m) => m[1] ?? "",
  );
  return types.length === 0 ? undefined : types;
}

function validateCertificate(status: Obj, oldStatus: Obj | undefined): FieldError[] {
  const path = STATUS.child("certificate");
  const cert = str(status.certificate);
  const errs: FieldError[] = [];
  if (cert !== "") {
    const types = pemBlockTypes(cert);
    if (types === undefined || types.some((t) => t !== "CERTIFICATE")) {
      errs.push(
        invalid(
          path,
          "<certificate data>",
          "must contain at least one CERTIFICATE PEM block and no other block types",
        ),
      );
    }
    const failed = list<unknown>(status.conditions).some(
      (c) => isObj(c) && (c.type === "Denied" || c.type === "Failed"),
    );
    if (failed) errs.push(forbidden(path, "cannot be set when the request is Denied or Failed"));
  }
  const before = str(oldStatus?.certificate);
  if (before !== "" && before !== cert) {
    errs.push(forbidden(path, "updates may not modify existing certificate content"));
  }
  return errs;
}

function validateStatus(obj: unknown, old: unknown): FieldError[] {
  const oldStatus = old === undefined ? undefined : part(old, "status");
  return [
    ...validateConditions(part(obj, "status"), oldStatus),
    ...validateCertificate(part(obj, "status"), oldStatus),
  ];
}

function create(obj: unknown): FieldError[] {
  return [
    ...validateObjectMeta(metaOf(obj), CSR_META),
    ...validateSpec(part(obj, "spec")),
    ...validateStatus(obj, undefined),
  ];
}

function update(obj: unknown, old: unknown): FieldError[] {
  return [
    ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), false),
    ...validateSpec(part(obj, "spec")),
    ...validateStatus(obj, old),
  ];
}

export const certificateSigningRequestValidator: KindValidator = {
  namespaced: false,
  create,
  update,
  status: update,
};
