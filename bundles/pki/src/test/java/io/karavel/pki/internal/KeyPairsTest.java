package io.karavel.pki.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karavel.pki.KeyAlgorithm;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class KeyPairsTest {

  @Test
  void aKeyPairMatchesItselfAndNoOtherPair() {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      KeyPair a = KeyPairs.generate(algorithm);
      KeyPair b = KeyPairs.generate(algorithm);
      assertTrue(KeyPairs.matches(a.getPrivate(), a.getPublic()), algorithm.toString());
      assertFalse(KeyPairs.matches(a.getPrivate(), b.getPublic()), algorithm.toString());
      assertFalse(KeyPairs.matches(b.getPrivate(), a.getPublic()), algorithm.toString());
    }
  }

  @Test
  void keysOfDifferentAlgorithmsNeverMatch() {
    KeyPair ec = KeyPairs.generate(KeyAlgorithm.EC_P256);
    KeyPair rsa = KeyPairs.generate(KeyAlgorithm.RSA_2048);
    assertFalse(KeyPairs.matches(ec.getPrivate(), rsa.getPublic()));
    assertFalse(KeyPairs.matches(rsa.getPrivate(), ec.getPublic()));
  }
}
