package dev.remotecache.contract;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.remotecache.contract.core.ApiContract;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

/**
 * Checks a server's answer against the responses the spec declares for the operation: status,
 * content type, headers and body schema. Works on any server's answers, not only the mock's.
 */
public final class SpecResponseCheck {

    private final ApiContract contract;

    public SpecResponseCheck(ApiContract contract) {
        this.contract = contract;
    }

    /** Every way {@code response} departs from the spec, as the validator words it; empty when it conforms. */
    public List<String> problems(String method, String path, HttpResponse<String> response) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report = contract.validateResponse(path,
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}
