// Where the mock's CPU time and allocations go, from a JFR recording taken under load.
//
//   java bench/JfrBreakdown.java RECORDING.jfr [REQUESTS] [--focus PREFIX]... [--callers TEXT]... [--cpu-time]
//
// `jfr view hot-methods` lists leaf frames only (time spent *in* a method). To say which part of the
// mock costs what, this program also attributes each execution sample to a *stage* of the request
// path: the stage of the innermost marker frame on its stack (the validator inside the contract check
// inside the RequestPipeline inside the servlet filter inside Jetty; a stub's WireMock matching inside
// the pipeline; so innermost wins). It prints:
//   - execution samples by thread (request-* are the requests' virtual threads; Jetty's qtp* threads select and parse);
//   - CPU by stage, for all samples;
//   - the top leaf methods (self time) and the top methods by inclusive time;
//   - allocation (jdk.ObjectAllocationSample weights) by stage and by class, and, given the number of
//     requests served during the recording (from wrk), bytes allocated per request;
//   - GC pauses;
//   - with --focus com.atlassian.oai (repeatable): the top methods of that package by inclusive time;
//   - with --callers Pattern.compile (repeatable): for samples with a frame whose name contains the
//     text, the nearest frame outside the JDK below it (who calls it), so hidden costs get an owner.
//   - with --cpu-time: the same from jdk.CPUTimeSample (JDK 25, Linux: samples by CPU time, native
//     code and system calls included) instead of jdk.ExecutionSample (threads running Java code).
// Record with -XX:FlightRecorderOptions:stackdepth=512 or deep request stacks lose their roots.
// Used by bench/profile.sh; reading is plain jdk.jfr.consumer API, nothing of the mock is loaded.

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

public class JfrBreakdown {

    /** Stage markers, checked on every frame; the innermost (closest to the leaf) match wins. */
    static final String[][] STAGES = {
        // {stage, class prefix, method name or "*"}; whole packages where a stage is a package, so that a class
        // renamed inside it stays counted; mock-server's BenchStagesTest fails when one names nothing of today's.
        {"validator: body schema (networknt)", "com.networknt.schema.", "*"},
        {"validator: request (params, security, content type, body read)", "com.atlassian.oai.validator.", "*"},
        {"mock: violation translation", "dev.remotecache.mock.internal.contract.ViolationTranslator", "*"},
        {"mock: contract check (rest: operation lookup, token, limits)", "dev.remotecache.mock.internal.contract.", "*"},
        {"mock: error body (Jackson)", "dev.remotecache.mock.internal.http.ErrorBodies", "*"},
        {"mock: request, body and JSON adapters", "dev.remotecache.mock.internal.http.", "*"},
        {"mock: store", "dev.remotecache.mock.store.", "*"},
        {"mock: operations (dispatch, bind body, answer)", "dev.remotecache.mock.internal.operations.", "*"},
        {"mock: record (journal, request list, coverage, log line)", "dev.remotecache.mock.internal.pipeline.RequestRecorder", "*"},
        {"mock: record (journal, request list, coverage, log line)", "dev.remotecache.mock.internal.pipeline.RequestLine", "*"},
        {"mock: stubs (WireMock adapter)", "dev.remotecache.mock.internal.server.wiremock.", "*"},
        {"mock: pipeline (rest)", "dev.remotecache.mock.internal.pipeline.", "*"},
        {"mock: servlet adapter (request in, answer written)", "dev.remotecache.mock.internal.server.jetty.", "*"},
        {"WireMock: stub matching", "com.github.tomakehurst.wiremock.stubbing.", "*"},
        {"WireMock: stub matching", "com.github.tomakehurst.wiremock.matching.", "*"},
        {"WireMock: response rendering", "com.github.tomakehurst.wiremock.http.StubResponseRenderer", "*"},
        {"WireMock: response rendering", "com.github.tomakehurst.wiremock.jetty.JettyHttpUtils", "*"},
        {"WireMock: servlet request/response adaptation", "com.github.tomakehurst.wiremock.servlet.", "*"},
        {"WireMock: servlet request/response adaptation", "com.github.tomakehurst.wiremock.jetty", "*"},
        {"WireMock: request handling (rest)", "com.github.tomakehurst.wiremock.", "*"},
        {"Jetty: gzip", "org.eclipse.jetty.server.handler.gzip.", "*"},
        {"Jetty: gzip", "wiremock.org.eclipse.jetty.server.handler.gzip.", "*"},
        {"Jetty: HTTP, I/O, threads", "org.eclipse.jetty.", "*"},
        {"Jetty: HTTP, I/O, threads", "wiremock.org.eclipse.jetty.", "*"},
    };

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java JfrBreakdown.java RECORDING.jfr [REQUESTS] [--focus PREFIX]... [--callers TEXT]... [--cpu-time]");
            System.exit(2);
        }
        long requests = 0;
        String sampleEvent = "jdk.ExecutionSample";
        List<String> focus = new ArrayList<>();
        List<String> callersOf = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--focus" -> focus.add(args[++i]);
                case "--callers" -> callersOf.add(args[++i]);
                case "--cpu-time" -> sampleEvent = "jdk.CPUTimeSample";
                default -> requests = Long.parseLong(args[i]);
            }
        }
        Map<String, Map<String, Long>> callers = new LinkedHashMap<>();
        Map<String, Long> callerHits = new HashMap<>();
        long truncated = 0;
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byStage = new LinkedHashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> allocByStage = new LinkedHashMap<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocInclusive = new HashMap<>();
        long samples = 0;
        long allocBytes = 0;
        Map<Long, long[]> allocatedByThread = new HashMap<>(); // thread id -> {first, last}
        long gcCount = 0;
        Duration gcPause = Duration.ZERO;
        Duration longestPause = Duration.ZERO;
        for (String[] stage : STAGES) {
            byStage.putIfAbsent(stage[0], 0L);
        }

        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals(sampleEvent)) {
                type = "sample";
            }
            switch (type) {
                case "sample" -> {
                    samples++;
                    String threadField = event.hasField("sampledThread") ? "sampledThread" : "eventThread";
                    String thread = threadGroup(event.getThread(threadField) == null ? "?"
                            : event.getThread(threadField).getJavaName());
                    byThread.merge(thread, 1L, Long::sum);
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        byStage.merge("(no stack)", 1L, Long::sum);
                        continue;
                    }
                    List<RecordedFrame> frames = stack.getFrames();
                    if (stack.isTruncated()) {
                        truncated++;
                    }
                    for (String text : callersOf) {
                        String caller = callerOf(frames, text);
                        if (caller != null) {
                            callerHits.merge(text, 1L, Long::sum);
                            callers.computeIfAbsent(text, k -> new HashMap<>()).merge(caller, 1L, Long::sum);
                        }
                    }
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        if (seen.add(name(f))) {
                            inclusive.merge(name(f), 1L, Long::sum);
                        }
                    }
                    byStage.merge(stage(frames), 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocBytes += weight;
                    allocByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                    RecordedStackTrace stack = event.getStackTrace();
                    allocByStage.merge(stack == null ? "(no stack)" : stage(stack.getFrames()), weight, Long::sum);
                    if (stack != null) {
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame f : stack.getFrames()) {
                            if (seen.add(name(f))) {
                                allocInclusive.merge(name(f), weight, Long::sum);
                            }
                        }
                    }
                }
                case "jdk.ThreadAllocationStatistics" -> {
                    // Exact bytes a thread has allocated so far; written at the start and end of
                    // every chunk, so last - first per thread is what it allocated meanwhile.
                    long allocated = event.getLong("allocated");
                    long id = event.getThread("thread") == null ? -1 : event.getThread("thread").getId();
                    allocatedByThread.merge(id, new long[] {allocated, allocated},
                            (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
                case "jdk.GarbageCollection" -> {
                    gcCount++;
                    Duration pause = event.getDuration("sumOfPauses");
                    gcPause = gcPause.plus(pause);
                    if (pause.compareTo(longestPause) > 0) {
                        longestPause = pause;
                    }
                }
                default -> { }
            }
        }

        System.out.printf(Locale.ROOT, "%s samples: %,d (%,d with a truncated stack)%n", sampleEvent, samples, truncated);
        System.out.println("\nSamples by thread:");
        top(byThread, samples, 8, "");
        System.out.println("\nCPU by stage of the request path (innermost marker on the stack):");
        top(byStage, samples, 40, "");
        System.out.println("\nTop leaf methods (self time):");
        top(self, samples, 25, "");
        System.out.println("\nTop methods by inclusive time (on the stack):");
        top(inclusive, samples, 45, "");
        for (String prefix : focus) {
            System.out.println("\nTop methods of " + prefix + "* by inclusive time (% of all samples):");
            Map<String, Long> only = new HashMap<>();
            inclusive.forEach((method, count) -> {
                if (method.contains("[" + prefix) ) {
                    only.put(method, count);
                }
            });
            top(only, samples, 25, "");
            if (allocBytes > 0) {
                System.out.println("\nTop methods of " + prefix + "* by allocation under them:");
                Map<String, Long> allocOnly = new HashMap<>();
                allocInclusive.forEach((method, bytes) -> {
                    if (method.contains("[" + prefix)) {
                        allocOnly.put(method, bytes);
                    }
                });
                topBytes(allocOnly, allocBytes, 15, requests);
            }
        }
        for (String text : callersOf) {
            System.out.printf(Locale.ROOT, "%nCallers of %s (%.1f%% of all samples have it on the stack):%n", text,
                    100.0 * callerHits.getOrDefault(text, 0L) / Math.max(1, samples));
            top(callers.getOrDefault(text, Map.of()), samples, 10, "");
        }
        long exact = allocatedByThread.values().stream().mapToLong(a -> a[1] - a[0]).sum();
        if (exact > 0) {
            System.out.printf(Locale.ROOT, "%nAllocated, all threads (exact, jdk.ThreadAllocationStatistics): %s", mb(exact));
            if (requests > 0) {
                System.out.printf(Locale.ROOT, " = %s per request", kb(exact / (double) requests));
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "%nAllocation (sampled, estimated; shares are indicative): %s", mb(allocBytes));
        if (requests > 0) {
            System.out.printf(Locale.ROOT, " for %,d requests = %s per request", requests, kb(allocBytes / (double) requests));
        }
        System.out.println("\nAllocation by stage:");
        topBytes(allocByStage, allocBytes, 40, requests);
        System.out.println("\nAllocation by class:");
        topBytes(allocByClass, allocBytes, 15, requests);
        System.out.printf(Locale.ROOT, "%nGC: %d collections, %d ms paused in total, longest %d ms%n",
                gcCount, gcPause.toMillis(), longestPause.toMillis());
    }

    static String stage(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) { // frames.get(0) is the leaf: the first match is the innermost
            String cls = f.getMethod().getType().getName();
            for (String[] stage : STAGES) {
                if (cls.startsWith(stage[1]) && (stage[2].equals("*") || stage[2].equals(f.getMethod().getName()))) {
                    return stage[0];
                }
            }
        }
        return "other (JDK, GC-free JVM work, outside the request path)";
    }

    /** The nearest non-JDK frame below the innermost frame whose name contains {@code text}, or null. */
    static String callerOf(List<RecordedFrame> frames, String text) {
        for (int i = 0; i < frames.size(); i++) {
            if (name(frames.get(i)).contains(text)) {
                for (int j = i + 1; j < frames.size(); j++) {
                    String n = name(frames.get(j));
                    String cls = frames.get(j).getMethod().getType().getName();
                    if (!n.contains(text) && !cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
                        return n;
                    }
                }
                return "(only JDK frames below)";
            }
        }
        return null;
    }

    static String threadGroup(String name) {
        // request-45 -> request-*, qtp123-45 -> qtp*, "pool-1-thread-3" -> pool-*-thread-*
        return name.replaceAll("\\d+", "*");
    }

    static String name(RecordedFrame f) {
        String cls = f.getMethod().getType().getName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethod().getName()
                + "  [" + (cls.lastIndexOf('.') < 0 ? "" : cls.substring(0, cls.lastIndexOf('.'))) + "]";
    }

    static void top(Map<String, Long> counts, long total, int limit, String indent) {
        counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .forEach(e -> System.out.printf(Locale.ROOT, "%s%6.1f%%  %7d  %s%n", indent,
                        100.0 * e.getValue() / Math.max(1, total), e.getValue(), e.getKey()));
    }

    static void topBytes(Map<String, Long> bytes, long total, int limit, long requests) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(bytes.entrySet());
        entries.removeIf(e -> e.getValue() == 0);
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        for (Map.Entry<String, Long> e : entries.subList(0, Math.min(limit, entries.size()))) {
            System.out.printf(Locale.ROOT, "%6.1f%%  %10s%s  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                    mb(e.getValue()), requests > 0 ? String.format(Locale.ROOT, "  %9s/req", kb(e.getValue() / (double) requests)) : "",
                    e.getKey());
        }
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1048576.0);
    }

    static String kb(double bytes) {
        return String.format(Locale.ROOT, "%,.1f KB", bytes / 1024.0);
    }
}
