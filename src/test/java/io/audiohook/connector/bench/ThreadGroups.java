package io.audiohook.connector.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector's CPU over a span by the kind of thread that spent it, from two readings of
 * {@link ProcStats#threadsById}: the threads are matched by id, so a thread started in the span counts from zero. A
 * thread that ended in the span took its CPU with it: that part is the process' CPU minus the groups' sum,
 * {@link #ENDED}. Linux keeps the first 15 characters of a thread's name, hence the prefixes.
 */
final class ThreadGroups {
    static final String ENDED = "threads that ended in the span";

    /** Group → thread name prefixes; the first group with a matching prefix takes the thread. */
    private static final Map<String, List<String>> GROUPS = groups();

    /** The groups whose threads run no Java code the JFR sampler sees (compilers, GC, the VM's own, JFR's own). */
    static final List<String> NOT_SAMPLED = List.of("JIT compilers", "GC", "VM and jcmd", "JFR");

    private ThreadGroups() {
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("event loops (Vert.x)", List.of("vert.x-eventloo"));
        g.put("gRPC callbacks", List.of("grpc-default-ex", "grpc-shared-des"));
        g.put("gRPC Netty", List.of("grpc-default-wo", "grpc-nio-worke", "grpc-epoll"));
        g.put("assist timers", List.of("assist-timer", "dialogflow-"));
        g.put("workers (Quarkus, Vert.x)", List.of("executor-thread", "vert.x-worker", "vert.x-internal", "vertx-blocked"));
        g.put("JIT compilers", List.of("C1 CompilerThre", "C2 CompilerThre", "Sweeper thread"));
        g.put("GC", List.of("GC Thread", "G1 ", "ZWorker", "ZDriver", "ZDirector", "ZStat", "ZUnmapper", "ZThread"));
        g.put("JFR", List.of("JFR "));
        g.put("VM and jcmd", List.of("VM Thread", "VM Periodic", "Service Thread", "Monitor Deflati", "Reference Handl",
                "Finalizer", "Signal Dispatch", "Common-Cleaner", "Notification Th", "Attach Listener"));
        return g;
    }

    /** The group of a thread name; "other" when none matches. */
    static String of(String threadName) {
        for (var e : GROUPS.entrySet()) {
            for (String prefix : e.getValue()) {
                if (threadName.startsWith(prefix)) {
                    return e.getKey();
                }
            }
        }
        return "other";
    }

    /**
     * Clock ticks by group between two readings, in the groups' order, then "other", then {@link #ENDED}
     * (processTicks minus the sum, never below 0).
     */
    static Map<String, Long> delta(Map<Long, ProcStats.ThreadTicks> before, Map<Long, ProcStats.ThreadTicks> after,
            long processTicks) {
        Map<String, Long> byGroup = new LinkedHashMap<>();
        GROUPS.keySet().forEach(g -> byGroup.put(g, 0L));
        byGroup.put("other", 0L);
        long sum = 0;
        for (var e : after.entrySet()) {
            ProcStats.ThreadTicks earlier = before.get(e.getKey());
            long spent = e.getValue().ticks() - (earlier == null ? 0 : earlier.ticks());
            byGroup.merge(of(e.getValue().name()), spent, Long::sum);
            sum += spent;
        }
        byGroup.put(ENDED, Math.max(0, processTicks - sum));
        return byGroup;
    }
}
