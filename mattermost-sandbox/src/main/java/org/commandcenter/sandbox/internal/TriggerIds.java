package org.commandcenter.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * model.GenerateTriggerId (server/public/model/integration_action.go): {@code base64(clientTriggerId:userId:millis:)}
 * followed by the base64 ECDSA-SHA256 signature of that text, signed with the server's asymmetric key.
 */
final class TriggerIds {
  private final KeyPair key;

  TriggerIds() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.key = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is part of every Java runtime", e);
    }
  }

  /** {clientTriggerId, triggerId}. */
  String[] generate(String userId, long millis) {
    String clientTriggerId = Ids.newId();
    String data = clientTriggerId + ":" + userId + ":" + millis + ":";
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(key.getPrivate());
      signature.update(data.getBytes(StandardCharsets.UTF_8));
      String sig = Base64.getEncoder().encodeToString(signature.sign());
      return new String[] {clientTriggerId,
          Base64.getEncoder().encodeToString((data + sig).getBytes(StandardCharsets.UTF_8))};
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
