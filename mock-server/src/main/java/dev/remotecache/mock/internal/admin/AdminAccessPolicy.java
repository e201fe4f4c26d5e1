package dev.remotecache.mock.internal.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may use the admin API: with an admin token, whoever presents it (compared in constant time);
 * without one, callers on this machine only.
 */
public final class AdminAccessPolicy {

  private AdminAccessPolicy() {}

  public static boolean allows(String adminToken, String clientIp, String authorization) {
    if (adminToken != null) {
      return authorization != null
          // The scheme is case-insensitive (RFC 9110 11.1), as on the API.
          && authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())
          && MessageDigest.isEqual(
              adminToken.getBytes(StandardCharsets.UTF_8),
              authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8));
    }
    return isLoopback(clientIp);
  }

  /**
   * As above, also taking the admin token from a {@code token} query parameter (a browser, such as
   * the live view, cannot add a header). Without an admin token, a query token opens nothing.
   */
  public static boolean allows(
      String adminToken, String clientIp, String authorization, String tokenParameter) {
    return allows(adminToken, clientIp, authorization)
        || adminToken != null
            && tokenParameter != null
            && MessageDigest.isEqual(
                adminToken.getBytes(StandardCharsets.UTF_8),
                tokenParameter.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isLoopback(String clientIp) {
    try {
      // Only literal addresses come from the socket, so this never queries DNS.
      return clientIp != null && InetAddress.getByName(clientIp).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
