package io.karavel.pki;

/** The key type of newly generated certificates. Go's TLS stack (kubectl) accepts both. */
public enum KeyAlgorithm {
  /** ECDSA on NIST P-256, signed with SHA-256: fast to generate, small handshakes. */
  EC_P256,
  /** RSA with a 2048-bit modulus, signed with SHA-256, for peers that lack ECDSA. */
  RSA_2048
}
