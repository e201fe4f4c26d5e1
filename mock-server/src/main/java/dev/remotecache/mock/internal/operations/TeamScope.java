package dev.remotecache.mock.internal.operations;

/**
 * Which team's artifacts a request acts on, as the spec decides it: the {@code teamId}, else the
 * {@code slug}, else the token's owner.
 */
public final class TeamScope {

  /** The key of a request that names no team. */
  public static final String OWNER = "(token owner)";

  private TeamScope() {}

  public static String of(String teamId, String slug) {
    if (teamId != null && !teamId.isEmpty()) {
      return teamId;
    }
    if (slug != null && !slug.isEmpty()) {
      return slug;
    }
    return OWNER;
  }
}
