// How the cost of validating one request grows with the number of events in its body.
//
//   java -cp mock-server/target/remote-cache-mock.jar bench/ValidationScaling.java [SIZES...]
//
// Runs in-process, no HTTP: loads the kit's own spec with ApiContract.load() (exactly what the
// mock uses), builds one valid POST /v8/artifacts/events request per batch size with the
// validator's SimpleRequest builder, and times ApiContract.validateRequest(...) on it. For each size
// it reports the median of many timed single calls after a warm-up (all sizes are warmed up and
// measured in interleaved rounds), next to the time Jackson alone takes to parse the same body (the
// floor: what any server that reads the JSON pays). Ends with a verdict on whether the time is
// linear in the number of events, judged on the two largest sizes. Output is a Markdown table, so
// run.sh copies it into results.md as it is.
//
// Defaults: sizes 10 100 1000 10000. Env: SCALING_WARMUP_MS (6000), SCALING_MEASURE_MS (8000), both
// totals over all sizes.

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.contract.core.ApiContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

public class ValidationScaling {

    static final long WARMUP_NS = envMillis("SCALING_WARMUP_MS", 6000) * 1_000_000L;
    static final long MEASURE_NS = envMillis("SCALING_MEASURE_MS", 8000) * 1_000_000L;
    /** Rounds the warm-up and the measurement are split into; every size runs once per round. */
    static final int ROUNDS = 5;
    static final int MIN_PER_ROUND = 3;

    public static void main(String[] args) throws Exception {
        // The standalone jar's CLI sets these; this program bypasses the CLI, so set them here (the
        // JSON-schema library otherwise logs an expected complaint about OpenAPI's "components").
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.networknt", "error");

        int[] sizes = args.length == 0 ? new int[] {10, 100, 1_000, 10_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();

        long t0 = System.nanoTime();
        ApiContract contract = ApiContract.load();
        double loadMs = (System.nanoTime() - t0) / 1e6;
        ObjectMapper jackson = new ObjectMapper();

        List<Case> cases = new ArrayList<>();
        for (int n : sizes) {
            byte[] body = body(n);
            Request request = SimpleRequest.Builder.post("/v8/artifacts/events")
                    .withContentType("application/json")
                    .withAuthorization("Bearer bench-token")
                    .withBody(body)
                    .build();
            ValidationReport report = contract.validateRequest(request);
            if (report.hasErrors()) {
                // Timing a rejection would measure the wrong path: stop loudly.
                System.err.println("ValidationScaling: the " + n + "-event request is not valid: " + report.getMessages());
                System.exit(1);
            }
            cases.add(new Case(n, body.length, () -> contract.validateRequest(request), () -> jackson.readTree(body)));
        }
        // Sizes are warmed up and measured in interleaved rounds, not one after the other: the JIT
        // then sees every size before anything is timed, and a burst of load from elsewhere on the
        // machine (builds running next to this) spreads over all sizes instead of spoiling one.
        for (Samples.Phase phase : Samples.Phase.values()) {
            long budget = phase == Samples.Phase.WARMUP ? WARMUP_NS : MEASURE_NS;
            long slice = budget / ROUNDS / cases.size();
            for (int round = 0; round < ROUNDS; round++) {
                for (Case c : cases) {
                    c.validate.take(slice, phase);
                    c.parse.take(slice / 4, phase);
                }
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (Case c : cases) {
            rows.add(new double[] {c.events, c.bodyBytes, c.validate.medianMicros(), c.parse.medianMicros(),
                    c.validate.percentileMicros(10), c.validate.percentileMicros(90), c.validate.count});
        }

        System.out.printf(Locale.ROOT, "Spec loaded and validator built in %.0f ms (ApiContract.load(), cold JVM).%n%n", loadMs);
        System.out.println("| events | body | validate (median) | p10 - p90 | samples | per event | x previous size | Jackson parse only | validate / parse |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            String growth = i == 0 ? "" : String.format(Locale.ROOT, "%.1fx time for %.0fx events",
                    r[2] / rows.get(i - 1)[2], r[0] / rows.get(i - 1)[0]);
            System.out.printf(Locale.ROOT, "| %,d | %s | %s | %s - %s | %,d | %.2f us | %s | %s | %.0fx |%n",
                    (int) r[0], bytes((long) r[1]), micros(r[2]), micros(r[4]), micros(r[5]), (int) r[6],
                    r[2] / r[0], growth, micros(r[3]), r[2] / r[3]);
        }
        System.out.println();
        System.out.println(verdict(rows));
    }

    /** Linear when the last tenfold step in size costs about tenfold time (fixed costs fade by then). */
    static String verdict(List<double[]> rows) {
        if (rows.size() < 2) {
            return "Linearity: needs at least two sizes.";
        }
        double[] a = rows.get(rows.size() - 2);
        double[] b = rows.get(rows.size() - 1);
        double sizeFactor = b[0] / a[0];
        double timeFactor = b[2] / a[2];
        double slopeUs = (b[2] - a[2]) / (b[0] - a[0]);
        // The fixed part shows best at the smallest size, where the per-event part is small.
        double[] smallest = rows.get(0);
        double fixedUs = smallest[2] - slopeUs * smallest[0];
        double exponent = Math.log(timeFactor) / Math.log(sizeFactor);
        String kind = exponent < 0.85 ? "SUBLINEAR here (fixed per-request costs still dominate)"
                : exponent <= 1.15 ? "LINEAR" : exponent <= 1.5 ? "slightly SUPERLINEAR" : "SUPERLINEAR";
        return String.format(Locale.ROOT,
                "Linearity: %s. From %,d to %,d events the time grows %.1fx for %.0fx the events "
                        + "(time ~ events^%.2f); about %.1f us per event on top of a fixed %s per request.",
                kind, (int) a[0], (int) b[0], timeFactor, sizeFactor, exponent, slopeUs, micros(Math.max(fixedUs, 0)));
    }

    interface Work {
        Object run() throws Exception;
    }

    record Case(int events, int bodyBytes, Samples validate, Samples parse) {
        Case(int events, int bodyBytes, Work validate, Work parse) {
            this(events, bodyBytes, new Samples(validate), new Samples(parse));
        }
    }

    /** Timings of single calls of one piece of work, gathered over several rounds. */
    static final class Samples {
        enum Phase { WARMUP, MEASURE }

        final Work work;
        long[] nanos = new long[1024];
        int count;
        Object sink;

        Samples(Work work) {
            this.work = work;
        }

        /** Runs the work for about {@code budgetNs} (at least MIN_PER_ROUND times when measuring). */
        void take(long budgetNs, Phase phase) throws Exception {
            long end = System.nanoTime() + budgetNs;
            int taken = 0;
            while (System.nanoTime() < end || (phase == Phase.MEASURE && taken < MIN_PER_ROUND)) {
                long start = System.nanoTime();
                sink = work.run();
                long elapsed = System.nanoTime() - start;
                taken++;
                if (phase == Phase.MEASURE) {
                    if (count == nanos.length) {
                        nanos = Arrays.copyOf(nanos, count * 2);
                    }
                    nanos[count++] = elapsed;
                }
            }
            if (sink == null) {
                throw new IllegalStateException("no result");
            }
        }

        double medianMicros() {
            return percentileMicros(50);
        }

        double percentileMicros(int p) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return sorted[Math.min(count - 1, (int) ((long) count * p / 100))] / 1e3;
        }
    }

    /** N events the way turbo sends them: one session, one hash per event, all fields set. */
    static byte[] body(int n) {
        StringBuilder json = new StringBuilder(n * 130).append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\",\"source\":\"")
                    .append(i % 2 == 0 ? "LOCAL" : "REMOTE").append("\",\"event\":\"")
                    .append(i % 3 == 0 ? "HIT" : "MISS").append("\",\"hash\":\"")
                    .append(String.format("%016x", 0x6304b9faf99a2e19L + i)).append("\",\"duration\":")
                    .append(i % 5 * 37).append('}');
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    static String micros(double us) {
        return us >= 1000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000) : String.format(Locale.ROOT, "%.1f us", us);
    }

    static String bytes(long n) {
        return n >= 1024 ? String.format(Locale.ROOT, "%.1f KB", n / 1024.0) : n + " B";
    }

    static long envMillis(String name, long fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }
}
