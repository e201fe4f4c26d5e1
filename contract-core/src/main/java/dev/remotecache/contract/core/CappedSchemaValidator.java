package dev.remotecache.contract.core;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.schema.ValidationMessageConverter;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The validator's schema check, keeping at most a given number of errors per body and counting the
 * rest. The JSON schema library (networknt) builds one error object per broken rule and the
 * validator keeps them all: a body of a million invalid items makes a million, which no heap holds.
 * Here the library's error list is one that keeps the first errors in the order found and only
 * counts the others, so a body's errors cost memory up to the cap whatever its size.
 *
 * <p>The validator has no setting for this. Its own schema (with its transformations of the OpenAPI
 * schema) and its conversion of errors into messages are reused through reflection, so that the
 * errors kept are exactly the ones it would report; {@code CappedSchemaValidatorTest} fails if a
 * new version of the validator moves them.
 */
final class CappedSchemaValidator extends SchemaValidator {

  // Method handles, not Method.invoke: they cost as much as a direct call once compiled (each
  // request goes through both).
  private static final MethodHandle RESOLVE = method(SchemaValidator.class, "resolveJsonSchema");
  private static final MethodHandle TO_REPORT =
      method(ValidationMessageConverter.class, "toValidationReport");

  /** The cap and tally of the validation running on this thread, if it is capped. */
  private static final ThreadLocal<Tally> CURRENT = new ThreadLocal<>();

  private final ValidationMessageConverter converter;

  CappedSchemaValidator(OpenAPI api, MessageResolver messages) {
    super(api, messages);
    this.converter = new ValidationMessageConverter(messages);
  }

  /** The cap of one validation, and the errors it counted past the cap. */
  private static final class Tally {
    private final int maxErrors;
    private long omitted;

    private Tally(int maxErrors) {
      this.maxErrors = maxErrors;
    }
  }

  /** A validation's result, and how many schema errors it found past the cap. */
  record Capped<T>(T result, long omittedErrors) {}

  /** Runs {@code validation} with at most {@code maxErrors} schema errors kept per body. */
  static <T> Capped<T> capped(int maxErrors, Supplier<T> validation) {
    Tally tally = new Tally(maxErrors);
    Tally outer = CURRENT.get();
    CURRENT.set(tally);
    try {
      T result = validation.get();
      return new Capped<>(result, tally.omitted);
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  @Override
  public ValidationReport validate(JsonNodeSupplier supplier, Schema<?> schema, String keyPrefix) {
    Tally tally = CURRENT.get();
    if (tally == null || schema == null) {
      return super.validate(supplier, schema, keyPrefix);
    }
    JsonNode node;
    com.networknt.schema.Schema jsonSchema;
    try {
      node = supplier.get();
      jsonSchema = (com.networknt.schema.Schema) invoke(RESOLVE, this, schema, keyPrefix);
    } catch (IOException | RuntimeException e) {
      // Unreadable JSON or a schema the library refuses: the validator words those itself.
      return super.validate(supplier, schema, keyPrefix);
    }
    CappedErrors errors = new CappedErrors(tally.maxErrors);
    jsonSchema.validate(node, context -> context.setErrors(errors));
    tally.omitted += errors.omitted;
    return (ValidationReport) invoke(TO_REPORT, converter, errors.kept, keyPrefix);
  }

  /**
   * The library's error list: the first {@code max} errors, in the order found, and a count of the
   * rest. Sub-schema checks ({@code anyOf}, {@code not}) collect into lists of their own and add
   * what counts here.
   */
  private static final class CappedErrors extends AbstractList<Error> {
    private final int max;
    private final List<Error> kept = new ArrayList<>();
    private long omitted;

    CappedErrors(int max) {
      this.max = max;
    }

    @Override
    public void add(int index, Error error) {
      if (kept.size() < max) {
        kept.add(Math.min(index, kept.size()), error);
      } else {
        omitted++;
      }
    }

    @Override
    public boolean addAll(Collection<? extends Error> more) {
      more.forEach(this::add);
      return !more.isEmpty();
    }

    @Override
    public Error get(int index) {
      return kept.get(index);
    }

    @Override
    public Error remove(int index) {
      return kept.remove(index);
    }

    @Override
    public int size() {
      return kept.size();
    }
  }

  private static MethodHandle method(Class<?> owner, String name) {
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 2) {
        m.setAccessible(true);
        try {
          return MethodHandles.lookup().unreflect(m);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(
        "the request validator has no " + owner.getSimpleName() + "." + name + ": a new version?");
  }

  private static Object invoke(MethodHandle method, Object target, Object first, Object second) {
    try {
      return method.invoke(target, first, second);
    } catch (RuntimeException | java.lang.Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
