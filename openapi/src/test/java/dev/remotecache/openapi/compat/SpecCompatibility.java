package dev.remotecache.openapi.compat;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeader;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedList;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedMaxItems;
import org.openapitools.openapidiff.core.model.schema.ChangedMaxLength;
import org.openapitools.openapidiff.core.model.schema.ChangedMinItems;
import org.openapitools.openapidiff.core.model.schema.ChangedMinLength;
import org.openapitools.openapidiff.core.model.schema.ChangedNumericRange;
import org.openapitools.openapidiff.core.model.schema.ChangedPattern;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * Compares the spec with the last released version of itself and names every change that would
 * break a client built from the released one (or a server that implements it, for responses).
 *
 * <p>The comparison is openapi-diff's ({@code org.openapitools.openapidiff:openapi-diff-core}): it
 * decides what is incompatible (a request field made required, a request enum value removed, a
 * response enum value added, a response or an operation removed, a parameter made required, a limit
 * tightened, a type changed, ...). This class walks its result and says each break in one line,
 * with where it is. One rule is added to openapi-diff's: a property removed from a request schema
 * that refuses unknown properties ({@code additionalProperties: false}) is a break, since clients
 * that still send it are then refused. Additions (operations, optional parameters and properties,
 * responses, request enum values) are compatible and are listed, not failed.
 *
 * <p>In the build: {@code SpecCompatibility BASELINE CURRENT [REPORT.md]} fails (throws) when there
 * is a break.
 */
public final class SpecCompatibility {

  /** One breaking change: where it is (operation, part, schema path) and what changed. */
  public record Break(String where, String what) {
    @Override
    public String toString() {
      return where + ": " + what;
    }
  }

  /**
   * The breaks (empty when compatible), the additions, and openapi-diff's own Markdown report of
   * every change.
   */
  public record Report(List<Break> breaks, List<String> additions, String markdown) {
    public boolean compatible() {
      return breaks.isEmpty();
    }
  }

  private SpecCompatibility() {}

  public static Report compare(Path baseline, Path current) {
    return report(
        OpenApiCompare.fromLocations(baseline.toUri().toString(), current.toUri().toString()));
  }

  /** Both documents as YAML or JSON text. */
  public static Report compare(String baseline, String current) {
    return report(OpenApiCompare.fromContents(baseline, current));
  }

  private static Report report(ChangedOpenApi diff) {
    Walker walker = new Walker();
    walker.openApi(diff);
    List<String> additions = new ArrayList<>(walker.promises);
    for (Endpoint e : diff.getNewEndpoints()) {
      additions.add(e.getMethod() + " " + e.getPathUrl() + ": operation added");
    }
    ByteArrayOutputStream markdown = new ByteArrayOutputStream();
    try (OutputStreamWriter writer = new OutputStreamWriter(markdown, StandardCharsets.UTF_8)) {
      new MarkdownRender().render(diff, writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Report(
        List.copyOf(walker.breaks),
        List.copyOf(additions),
        markdown.toString(StandardCharsets.UTF_8));
  }

  /** Walks openapi-diff's tree of changes and names each break. */
  private static final class Walker {
    final List<Break> breaks = new ArrayList<>();

    /**
     * Changes openapi-diff calls incompatible that only promise clients more (a response header now
     * required).
     */
    final List<String> promises = new ArrayList<>();

    /**
     * Breaks and promises so far: a container's change explained by either is not reported again.
     */
    private int mark() {
      return breaks.size() + promises.size();
    }

    void openApi(ChangedOpenApi diff) {
      for (Endpoint e : diff.getMissingEndpoints()) {
        add(e.getMethod() + " " + e.getPathUrl(), "operation removed");
      }
      for (ChangedOperation op : diff.getChangedOperations()) {
        operation(op);
      }
      if (diff.isIncompatible() && mark() == 0) {
        add("the document", "incompatible change (see the openapi-diff report)");
      }
    }

    void operation(ChangedOperation op) {
      String where = op.getHttpMethod() + " " + op.getPathUrl();
      int before = mark();
      if (incompatible(op.getOperationId())) {
        add(
            where,
            "operationId changed from "
                + op.getOperationId().getLeft()
                + " to "
                + op.getOperationId().getRight()
                + " (generated method names change)");
      }
      parameters(op.getParameters(), where);
      if (op.getRequestBody() != null) {
        requestBody(op.getRequestBody(), where + " request body");
      }
      if (op.getApiResponses() != null) {
        responses(op.getApiResponses(), where);
      }
      if (incompatible(op.getSecurityRequirements())) {
        add(where, "security requirements changed");
      }
      fallback(op, where, before);
    }

    void parameters(ChangedParameters params, String where) {
      if (params == null) {
        return;
      }
      int before = mark();
      if (params.isCoreChanged().isIncompatible()) {
        for (Parameter p : params.getMissing()) {
          add(where + " " + p.getIn() + " parameter " + p.getName(), "parameter removed");
        }
        for (Parameter p : params.getIncreased()) {
          if (Boolean.TRUE.equals(p.getRequired())) {
            add(where + " " + p.getIn() + " parameter " + p.getName(), "new required parameter");
          }
        }
      }
      for (ChangedParameter p : params.getChanged()) {
        parameter(p, where + " " + p.getIn() + " parameter " + p.getName());
      }
      fallback(params, where + " parameters", before);
    }

    void parameter(ChangedParameter p, String where) {
      int before = mark();
      if (p.isCoreChanged().isIncompatible()) {
        if (p.isChangeRequired() && Boolean.TRUE.equals(p.getNewParameter().getRequired())) {
          add(where, "made required");
        }
        if (p.isChangeStyle()) {
          add(
              where,
              "style changed from "
                  + p.getOldParameter().getStyle()
                  + " to "
                  + p.getNewParameter().getStyle());
        }
        if (p.isChangeExplode()) {
          add(where, "explode changed");
        }
        if (p.isChangeAllowEmptyValue()) {
          add(where, "empty value no longer allowed");
        }
      }
      schema(p.getSchema(), where);
      content(p.getContent(), where);
      fallback(p, where, before);
    }

    void requestBody(ChangedRequestBody body, String where) {
      int before = mark();
      if (body.isChangeRequired()
          && body.getNewRequestBody() != null
          && Boolean.TRUE.equals(body.getNewRequestBody().getRequired())) {
        add(where, "made required");
      }
      content(body.getContent(), where);
      fallback(body, where, before);
    }

    void responses(ChangedApiResponse responses, String where) {
      int before = mark();
      if (responses.isCoreChanged().isIncompatible()) {
        for (String status : responses.getMissing().keySet()) {
          add(where + " response " + status, "response removed");
        }
      }
      for (Map.Entry<String, ChangedResponse> e : responses.getChanged().entrySet()) {
        response(e.getValue(), where + " response " + e.getKey());
      }
      fallback(responses, where + " responses", before);
    }

    void response(ChangedResponse response, String where) {
      int before = mark();
      headers(response.getHeaders(), where);
      content(response.getContent(), where);
      fallback(response, where, before);
    }

    void headers(ChangedHeaders headers, String where) {
      if (headers == null) {
        return;
      }
      int before = mark();
      if (headers.isCoreChanged().isIncompatible()) {
        for (String name : headers.getMissing().keySet()) {
          add(where + " header " + name, "header removed");
        }
      }
      for (Map.Entry<String, ChangedHeader> e : headers.getChanged().entrySet()) {
        ChangedHeader header = e.getValue();
        String at = where + " header " + e.getKey();
        int beforeHeader = mark();
        if (header.isCoreChanged().isIncompatible() && header.isRequired()) {
          // A response header made required is a new promise to clients, not a break (openapi-diff
          // flags both directions); one no longer required is a promise withdrawn.
          if (header.getNewHeader() != null
              && Boolean.TRUE.equals(header.getNewHeader().getRequired())) {
            promises.add(at + ": now required");
          } else {
            add(at, "no longer required");
          }
        }
        schema(header.getSchema(), at);
        content(header.getContent(), at);
        fallback(header, at, beforeHeader);
      }
      fallback(headers, where + " headers", before);
    }

    void content(ChangedContent content, String where) {
      if (content == null) {
        return;
      }
      int before = mark();
      if (content.isCoreChanged().isIncompatible()) {
        for (String mediaType : content.getMissing().keySet()) {
          add(where, "media type " + mediaType + " removed");
        }
      }
      for (Map.Entry<String, ChangedMediaType> e : content.getChanged().entrySet()) {
        schema(e.getValue().getSchema(), where);
      }
      fallback(content, where, before);
    }

    /** {@code path}: where in the body, as {@code [].duration}; empty at the root. */
    void schema(ChangedSchema s, String where) {
      schema(s, where, "");
    }

    private void schema(ChangedSchema s, String where, String path) {
      if (s == null || !s.isDifferent()) {
        return;
      }
      String at = path.isEmpty() ? where : where + " " + path;
      boolean request = s.getContext() != null && s.getContext().isRequest();
      int before = mark();
      if (s.isCoreChanged().isIncompatible()) {
        if (s.isChangedType()) {
          add(at, "type changed from " + type(s.getOldSchema()) + " to " + type(s.getNewSchema()));
        }
        if (s.isDiscriminatorPropertyChanged()) {
          add(at, "discriminator changed");
        }
        if (!request && s.getOldSchema() != null && s.getOldSchema().getRequired() != null) {
          for (String name : s.getMissingProperties().keySet()) {
            if (s.getOldSchema().getRequired().contains(name)) {
              add(at, "required property " + name + " removed from the response");
            }
          }
        }
      }
      // Not an openapi-diff rule: where unknown properties are refused, removing one refuses its
      // senders.
      if (request
          && s.getOldSchema() != null
          && Boolean.FALSE.equals(s.getOldSchema().getAdditionalProperties())) {
        for (String name : s.getMissingProperties().keySet()) {
          add(
              at,
              "property "
                  + name
                  + " removed (additionalProperties is false: clients that send it"
                  + " are now refused)");
        }
      }
      if (incompatible(s.getRequired())) {
        List<String> names =
            request ? s.getRequired().getIncreased() : s.getRequired().getMissing();
        for (String name : names) {
          add(
              at,
              request
                  ? "property " + name + " made required"
                  : "property " + name + " no longer required in the response");
        }
      }
      if (incompatible(s.getEnumeration())) {
        ChangedList<?> values = s.getEnumeration();
        if (request && !values.getMissing().isEmpty()) {
          add(at, "enum value(s) " + values.getMissing() + " removed");
        }
        if (!request && !values.getIncreased().isEmpty()) {
          add(
              at,
              "enum value(s) "
                  + values.getIncreased()
                  + " added to a response (clients generated from the released spec cannot read them)");
        }
      }
      ChangedMaxLength maxLength = s.getMaxLength();
      if (incompatible(maxLength)) {
        add(
            at,
            "maxLength changed from " + maxLength.getOldValue() + " to " + maxLength.getNewValue());
      }
      ChangedMinLength minLength = s.getMinLength();
      if (incompatible(minLength)) {
        add(
            at,
            "minLength changed from " + minLength.getOldValue() + " to " + minLength.getNewValue());
      }
      ChangedNumericRange range = s.getNumericRange();
      if (incompatible(range)) {
        add(
            at,
            "range changed from "
                + range(range.getOldMinimumValue(), range.getOldMaximumValue())
                + " to "
                + range(range.getNewMinimumValue(), range.getNewMaximumValue()));
      }
      ChangedPattern pattern = s.getPattern();
      if (incompatible(pattern)) {
        add(
            at,
            "pattern changed from " + pattern.getOldPattern() + " to " + pattern.getNewPattern());
      }
      ChangedMaxItems maxItems = s.getMaxItems();
      if (incompatible(maxItems)) {
        add(
            at,
            "maxItems changed from " + maxItems.getOldValue() + " to " + maxItems.getNewValue());
      }
      ChangedMinItems minItems = s.getMinItems();
      if (incompatible(minItems)) {
        add(
            at,
            "minItems changed from " + minItems.getOldValue() + " to " + minItems.getNewValue());
      }
      named(s.getReadOnly(), at, "readOnly changed");
      named(s.getWriteOnly(), at, "writeOnly changed");
      named(s.getNullable(), at, "nullable changed");
      named(s.getMultipleOf(), at, "multipleOf changed");
      named(s.getUniqueItems(), at, "uniqueItems changed");
      named(s.getMaxProperties(), at, "maxProperties changed");
      named(s.getMinProperties(), at, "minProperties changed");
      named(s.getOneOfSchema(), at, "oneOf alternatives changed");

      for (Map.Entry<String, ChangedSchema> e : s.getChangedProperties().entrySet()) {
        schema(e.getValue(), where, path + "." + e.getKey());
      }
      schema(s.getItems(), where, path + "[]");
      schema(s.getAddProp(), where, path + "{additionalProperties}");
      fallback(s, at, before);
    }

    private void named(Changed c, String where, String what) {
      if (incompatible(c)) {
        add(where, what);
      }
    }

    /** An incompatible change below {@code where} that no rule above named still gets a line. */
    private void fallback(Changed c, String where, int before) {
      if (c != null && c.isIncompatible() && mark() == before) {
        add(
            where,
            "incompatible change ("
                + c.getClass().getSimpleName()
                + ", see the openapi-diff report)");
      }
    }

    private void add(String where, String what) {
      breaks.add(new Break(where, what));
    }

    private static boolean incompatible(Changed c) {
      return c != null && c.isIncompatible();
    }

    private static String type(Schema<?> s) {
      if (s == null) {
        return "nothing";
      }
      return Objects.requireNonNullElse(
          s.getType(), s.getTypes() == null ? "any" : s.getTypes().toString());
    }

    private static String range(Object min, Object max) {
      return "[" + (min == null ? "" : min) + ", " + (max == null ? "" : max) + "]";
    }
  }
}
