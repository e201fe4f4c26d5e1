package dev.remotecache.mock.internal.contract;

import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which bearer tokens the mock accepts: by default any well-formed one, or only the configured
 * ones.
 *
 * <p>The validator only checks that an {@code Authorization: Bearer ...} header is there (and only
 * with the scheme spelled {@code Bearer}); this adds what a real server checks next: the scheme in
 * any case (RFC 9110 §11.1: {@code bearer}, {@code BEARER}), the token there, well formed (RFC
 * 6750) and known.
 */
public final class BearerTokens {

  private static final String SCHEME = "Bearer";

  /** RFC 6750 b64token; {@code MockSettings.TOKEN_SYNTAX} is the same (VocabularyTest). */
  static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private final List<byte[]> accepted;

  private BearerTokens(List<String> accepted) {
    this.accepted = accepted.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** Only these tokens; an empty list means any token. */
  public static BearerTokens only(List<String> tokens) {
    return new BearerTokens(List.copyOf(tokens));
  }

  public boolean restricted() {
    return !accepted.isEmpty();
  }

  /**
   * Whether an {@code Authorization} header uses the Bearer scheme, in any case, with or without a
   * token after it.
   */
  static boolean usesBearerScheme(String authorization) {
    return authorization != null && SCHEME.equalsIgnoreCase(schemeOf(authorization.strip()));
  }

  /**
   * The problem with an {@code Authorization} header that does use the Bearer scheme, if any. (A
   * missing header or another scheme is reported by the validator already.)
   */
  Optional<Violation> check(String authorization) {
    if (!usesBearerScheme(authorization)) {
      return Optional.empty();
    }
    String sent = authorization.strip();
    String token = sent.substring(SCHEME.length()).strip();
    if (token.isEmpty()) {
      return Optional.of(
          violation(
              sent,
              "the bearer token is empty: the header is \""
                  + sent
                  + "\"; send Authorization: Bearer <token>"));
    }
    if (!WELL_FORMED.matcher(token).matches()) {
      return Optional.of(
          violation(
              "malformed",
              "the bearer token has characters RFC 6750 does not allow (spaces, quotes, commas, ...)"));
    }
    if (restricted() && !isAccepted(token)) {
      return Optional.of(
          violation(
              redact(token),
              "the bearer token " + redact(token) + " is not one this server accepts"));
    }
    return Optional.empty();
  }

  /**
   * Compares in constant time, so that response timing tells nothing about how much of a token
   * matched.
   */
  private boolean isAccepted(String token) {
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] candidate : accepted) {
      match |= MessageDigest.isEqual(presented, candidate);
    }
    return match;
  }

  /** Enough of a token to recognise it in a log, never the whole of it. */
  public static String redact(String token) {
    if (token.length() <= 8) {
      return "*".repeat(Math.max(3, token.length()));
    }
    return token.substring(0, 4) + "…" + token.substring(token.length() - 2);
  }

  /**
   * The scheme an {@code Authorization} header names: the word before the first space ({@code
   * Bearer} alone is a scheme without its token); {@code null} for an empty header.
   */
  static String schemeOf(String authorization) {
    if (authorization.isEmpty()) {
      return null;
    }
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return authorization.equalsIgnoreCase(SCHEME) ? authorization : "(no scheme)";
    }
    return authorization.substring(0, space);
  }

  private static Violation violation(Object actual, String message) {
    return Violations.of(ViolationLocation.SECURITY, ViolationRule.TOKEN, message)
        .at("Authorization")
        .expected("Bearer <token>")
        .actual(actual);
  }
}
