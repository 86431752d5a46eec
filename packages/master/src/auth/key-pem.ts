// Private keys travel as PEM text (the store, kubeconfig files, Node's TLS options) but are used for signing
// as WebCrypto keys. Node's KeyObject does the format work, so PKCS#8, SEC1 ("EC PRIVATE KEY") and PKCS#1
// ("RSA PRIVATE KEY") inputs are all accepted: an operator may bring a CA made by another tool.
import { createPrivateKey, webcrypto } from "node:crypto";

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** ECDSA P-256: as strong as RSA-3072, fast to generate, and accepted by Go's crypto/tls (kubectl). */
export const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
export const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;

export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

/** PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), which Go's tls.X509KeyPair and Node's tls both read. */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" })
    .export({ format: "pem", type: "pkcs8" })
    .toString();
}

/** A signing key and the signature algorithm that goes with it. */
export interface SigningKey {
  readonly key: CryptoKey;
  readonly algorithm: webcrypto.AlgorithmIdentifier | webcrypto.EcdsaParams | webcrypto.RsaHashedImportParams;
}

export async function signingKeyFromPem(pem: string): Promise<SigningKey> {
  const keyObject = createPrivateKey(pem);
  const der = keyObject.export({ format: "der", type: "pkcs8" });
  switch (keyObject.asymmetricKeyType) {
    case "ec": {
      const curve = keyObject.asymmetricKeyDetails?.namedCurve;
      const namedCurve = EC_CURVES[curve ?? ""];
      if (namedCurve === undefined) throw new Error(`unsupported EC curve ${curve ?? "(unknown)"}`);
      const key = await webcrypto.subtle.importKey("pkcs8", der, { name: "ECDSA", namedCurve }, false, [
        "sign",
      ]);
      return { key, algorithm: { name: "ECDSA", hash: namedCurve === "P-384" ? "SHA-384" : "SHA-256" } };
    }
    case "rsa": {
      const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
      const key = await webcrypto.subtle.importKey("pkcs8", der, algorithm, false, ["sign"]);
      return { key, algorithm };
    }
    default:
      throw new Error(`unsupported CA key type ${keyObject.asymmetricKeyType ?? "(unknown)"}`);
  }
}

// Node's (OpenSSL's) curve names → WebCrypto's.
const EC_CURVES: Record<string, string> = {
  prime256v1: "P-256",
  secp384r1: "P-384",
};
