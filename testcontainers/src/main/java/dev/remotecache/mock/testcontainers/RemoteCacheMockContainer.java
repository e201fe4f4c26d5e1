package dev.remotecache.mock.testcontainers;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.remotecache.admin.client.AdminClients;
import dev.remotecache.admin.client.api.AdminApi;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Remote Cache API mock in a container, for Testcontainers.
 *
 * <pre>{@code
 * try (var mock = new RemoteCacheMockContainer().withToken("secret")) {
 *   mock.start();
 *   // point the tool under test at mock.baseUrl(), then ask what it sent:
 *   assertEquals(0, mock.adminClient().getRejections().getRejections().size());
 * }
 * }</pre>
 *
 * <p>The image is {@code remote-cache-mock:VERSION} of the kit this class comes with ({@link
 * #DEFAULT_IMAGE}); load it from the release bundle first ({@code docker load -i
 * remote-cache-mock-image-VERSION.tar}). The container is ready once the mock prints its first
 * line, its base URL, which it does when it answers.
 *
 * <p>The mock's admin API answers only callers on its own machine, or whoever presents its admin
 * token; a test reaches the container through a mapped port, so the container always has an admin
 * token: the one given to {@link #withAdminToken}, else a random one ({@link #adminToken()}).
 */
public final class RemoteCacheMockContainer extends GenericContainer<RemoteCacheMockContainer> {

  /** The port the mock listens on inside the container (the image's default). */
  public static final int PORT = 7878;

  /** The mock's image of the same version as this module, as the kit's build names it. */
  public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse(KitImage.name());

  /**
   * Where {@link #withStorageVolume} mounts its volume, the image's folder for {@code --storage}.
   */
  public static final String STORAGE_PATH = "/data";

  private final List<String> tokens = new ArrayList<>();
  private final List<String> extraArguments = new ArrayList<>();
  private String adminToken = UUID.randomUUID().toString();
  private String status;
  private Integer journalLimit;
  private Integer maxViolations;
  private String maxBodySize;
  private Duration idleTimeout;
  private boolean storage;
  private boolean quiet;

  /** The mock's image of this module's version ({@link #DEFAULT_IMAGE}). */
  public RemoteCacheMockContainer() {
    this(DEFAULT_IMAGE);
  }

  /**
   * Another tag or name of the mock's image.
   *
   * @param image the image, such as {@code remote-cache-mock:0.1.0}
   */
  public RemoteCacheMockContainer(String image) {
    this(DockerImageName.parse(image));
  }

  /**
   * Another tag or name of the mock's image.
   *
   * @param image the image, from any registry; one not named {@code remote-cache-mock} must be
   *     declared {@code asCompatibleSubstituteFor("remote-cache-mock")}
   */
  public RemoteCacheMockContainer(DockerImageName image) {
    super(image);
    if (!image.getRepository().equals(DEFAULT_IMAGE.getRepository())) {
      // Any registry's remote-cache-mock (podman names a loaded one localhost/...), else declared.
      image.assertCompatibleWith(DockerImageName.parse(DEFAULT_IMAGE.getRepository()));
    }
    withExposedPorts(PORT);
    waitingFor(new MockReadiness().withStartupTimeout(Duration.ofSeconds(60)));
  }

  /**
   * Accept only this bearer token ({@code --token}); repeatable. Without one, any token is
   * accepted.
   *
   * @param token a token RFC 6750 allows
   * @return this container
   */
  public RemoteCacheMockContainer withToken(String token) {
    tokens.add(Objects.requireNonNull(token, "token"));
    return self();
  }

  /**
   * The bearer token the admin API and the live view require ({@code --admin-token}); without this,
   * a random one. {@link #adminClient()} sends it.
   *
   * @param token a token RFC 6750 allows
   * @return this container
   */
  public RemoteCacheMockContainer withAdminToken(String token) {
    adminToken = Objects.requireNonNull(token, "token");
    return self();
  }

  /**
   * Keep artifacts on this named volume ({@code --storage /data}), so that they outlive the
   * container: another container given the same volume finds them.
   *
   * @param volume a volume name; the engine creates it when it does not exist
   * @return this container
   */
  public RemoteCacheMockContainer withStorageVolume(String volume) {
    Objects.requireNonNull(volume, "volume");
    withCreateContainerCmdModifier(
        command -> command.getHostConfig().withBinds(new Bind(volume, new Volume(STORAGE_PATH))));
    storage = true;
    return self();
  }

  /**
   * What {@code GET /v8/artifacts/status} answers ({@code --status}).
   *
   * @param status {@code enabled}, {@code disabled}, {@code over_limit} or {@code paused}
   * @return this container
   */
  public RemoteCacheMockContainer withCacheStatus(String status) {
    this.status = Objects.requireNonNull(status, "status");
    return self();
  }

  /**
   * Events (and rejections) the journal keeps ({@code --journal-limit}).
   *
   * @param limit at least 1
   * @return this container
   */
  public RemoteCacheMockContainer withJournalLimit(int limit) {
    journalLimit = limit;
    return self();
  }

  /**
   * Violations named in one answer ({@code --max-violations}).
   *
   * @param max at least 1
   * @return this container
   */
  public RemoteCacheMockContainer withMaxViolations(int max) {
    maxViolations = max;
    return self();
  }

  /**
   * The largest request body ({@code --max-body-size}); larger gets {@code 413}.
   *
   * @param size such as {@code 100M}
   * @return this container
   */
  public RemoteCacheMockContainer withMaxBodySize(String size) {
    maxBodySize = Objects.requireNonNull(size, "size");
    return self();
  }

  /**
   * How long a silent connection stays open ({@code --idle-timeout}).
   *
   * @param timeout whole seconds, 1 to 86400
   * @return this container
   */
  public RemoteCacheMockContainer withIdleTimeout(Duration timeout) {
    idleTimeout = Objects.requireNonNull(timeout, "timeout");
    return self();
  }

  /**
   * No line per request in the container's log ({@code --quiet}).
   *
   * @return this container
   */
  public RemoteCacheMockContainer withQuiet() {
    quiet = true;
    return self();
  }

  /**
   * Any other option of the mock, as on its command line ({@code --help} lists them).
   *
   * @param arguments such as {@code "--proxy", "http://host.testcontainers.internal:3000"}
   * @return this container
   */
  public RemoteCacheMockContainer withMockArguments(String... arguments) {
    extraArguments.addAll(List.of(arguments));
    return self();
  }

  @Override
  protected void configure() {
    setCommand(arguments().toArray(String[]::new));
  }

  /** The mock's command line, from the options given. */
  List<String> arguments() {
    List<String> arguments = new ArrayList<>(List.of("--port", String.valueOf(PORT)));
    for (String token : tokens) {
      arguments.addAll(List.of("--token", token));
    }
    arguments.addAll(List.of("--admin-token", adminToken));
    if (storage) {
      arguments.addAll(List.of("--storage", STORAGE_PATH));
    }
    if (status != null) {
      arguments.addAll(List.of("--status", status));
    }
    if (journalLimit != null) {
      arguments.addAll(List.of("--journal-limit", String.valueOf(journalLimit)));
    }
    if (maxViolations != null) {
      arguments.addAll(List.of("--max-violations", String.valueOf(maxViolations)));
    }
    if (maxBodySize != null) {
      arguments.addAll(List.of("--max-body-size", maxBodySize));
    }
    if (idleTimeout != null) {
      arguments.addAll(List.of("--idle-timeout", String.valueOf(idleTimeout.toSeconds())));
    }
    if (quiet) {
      arguments.add("--quiet");
    }
    arguments.addAll(extraArguments);
    return arguments;
  }

  /**
   * The mock's base URL from the test's side, such as {@code http://localhost:32768}: what the tool
   * under test is pointed at ({@code --api} for turbo).
   *
   * @return the URL, without a trailing slash
   * @throws IllegalStateException before the container is started
   */
  public String baseUrl() {
    if (getContainerId() == null) {
      throw new IllegalStateException("the mock's container is not started: call start() first");
    }
    return "http://" + getHost() + ":" + getMappedPort(PORT);
  }

  /**
   * A client of the mock's admin API in this container, generated from its spec ({@code
   * remote-cache-admin.yaml}), sending the admin token: what the tool under test sent ({@code
   * getEvents}, {@code getJournal}), what broke the contract ({@code getRejections}), coverage,
   * forced answers and faults, reset.
   *
   * @return a new client for this container
   * @throws IllegalStateException before the container is started
   */
  public AdminApi adminClient() {
    return new AdminApi(AdminClients.forMock(URI.create(baseUrl()), adminToken));
  }

  /**
   * The admin API's bearer token: the one given to {@link #withAdminToken}, else the random one.
   *
   * @return the token
   */
  public String adminToken() {
    return adminToken;
  }
}
