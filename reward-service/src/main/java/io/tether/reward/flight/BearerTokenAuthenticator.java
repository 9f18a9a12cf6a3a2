package io.tether.reward.flight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Accepts a call only with the header {@code authorization: Bearer <token>}; anything else is
 * refused with UNAUTHENTICATED. The comparison takes the same time whatever the mismatch.
 */
final class BearerTokenAuthenticator implements CallHeaderAuthenticator {
  static final String HEADER = "authorization";
  private final byte[] expected;

  BearerTokenAuthenticator(String token) {
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public AuthResult authenticate(CallHeaders headers) {
    String given = headers.get(HEADER);
    if (given == null) {
      throw CallStatus.UNAUTHENTICATED.withDescription("missing bearer token").toRuntimeException();
    }
    if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      throw CallStatus.UNAUTHENTICATED.withDescription("wrong bearer token").toRuntimeException();
    }
    return () -> "client";
  }
}
