package dev.remotecache.contract.generative;

/**
 * The properties the generative mode holds a server to; each gets its own section in the report.
 */
public enum Property {
  NO_SERVER_ERROR(
      "no server errors", "no request, valid or not, is answered with a 5xx or not at all"),
  TOKEN_REQUIRED(
      "a token is required",
      "every operation that declares a bearer token answers 401 without one, and changes nothing"),
  INVALID_REFUSED(
      "invalid requests are refused",
      "a request that breaks one rule of the spec is refused with the spec's 4xx, and changes nothing"),
  VALID_SUCCEEDS(
      "valid requests succeed",
      "a request the spec allows gets the operation's documented success (or 404 for a hash not stored)"),
  MATCHES_SPEC(
      "answers match the spec",
      "every answer's status, headers, content type and body are the ones the spec declares"),
  STORED_COMES_BACK(
      "downloads give back what was stored",
      "GET gives the last upload's bytes, byte for byte, with its duration and tag; a hash not stored is a 404"),
  HEAD_AGREES(
      "HEAD agrees with the store",
      "HEAD is 200 with the duration and tag for a stored hash, 404 otherwise"),
  QUERY_AGREES(
      "query agrees with the store",
      "a query gives size, duration and metadata of stored hashes and an error for the others"),
  DELETE_EMPTIES(
      "delete empties the team", "delete counts the team's artifacts and leaves none of them"),
  TEAMS_ISOLATED(
      "teams are isolated", "no view of one team shows an artifact only another team stored");

  private final String title;
  private final String rule;

  Property(String title, String rule) {
    this.title = title;
    this.rule = rule;
  }

  public String title() {
    return title;
  }

  public String rule() {
    return rule;
  }
}
