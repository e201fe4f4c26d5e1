package dev.remotecache.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotecache.mock.RemoteCacheMock;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a test can do with a {@link RemoteCacheMock}, it can do with the extension, by the same
 * names.
 */
class ExtensionParityTest {

  /** The mock's lifecycle, which the extension runs itself. */
  private static final Set<String> LIFECYCLE =
      Set.of("start", "stop", "close", "isRunning", "awaitStop", "builder");

  @Test
  void theExtensionOffersEveryMethodOfTheMock() {
    Set<String> missing = signatures(RemoteCacheMock.class);
    missing.removeAll(signatures(RemoteCacheMockExtension.class));
    assertEquals(Set.of(), missing, "add these to RemoteCacheMockExtension");
  }

  private static Set<String> signatures(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !LIFECYCLE.contains(m.getName()))
        .map(ExtensionParityTest::signature)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String signature(Method m) {
    return m.getGenericReturnType().getTypeName()
        + " "
        + m.getName()
        + Arrays.toString(m.getGenericParameterTypes());
  }
}
