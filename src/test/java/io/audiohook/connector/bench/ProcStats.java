package io.audiohook.connector.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What the benchmarks read of processes and of the machine from {@code /proc} (Linux only). */
final class ProcStats {
    private ProcStats() {
    }

    /** utime + stime of a process in clock ticks; -1 when unknown. */
    static long cpuTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            return statTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Fields 14 and 15 of a stat line; the command name (field 2) may contain spaces and parentheses. */
    static long statTicks(String stat) {
        long[] userSystem = userSystemTicks(stat);
        return userSystem[0] + userSystem[1];
    }

    /** {utime, stime} of a stat line: the process' own code, and the kernel working for it (system calls). */
    static long[] userSystemTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /** stime of a process in clock ticks: the kernel's share of {@link #cpuTicks}; -1 when unknown. */
    static long systemTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            return userSystemTicks(Files.readString(Path.of("/proc/" + pid + "/stat")))[1];
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU ticks of every live thread of the process, summed by thread name with digits folded. */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> byName = new TreeMap<>();
        threadsById(pid).values().forEach(t -> byName.merge(t.name().replaceAll("\\d+$", "#"), t.ticks(), Long::sum));
        return byName;
    }

    /** A thread's name as Linux keeps it (cut to 15 characters) and its utime + stime in clock ticks. */
    record ThreadTicks(String name, long ticks) {
    }

    /** Every live thread of the process by thread id; empty when unknown. */
    static Map<Long, ThreadTicks> threadsById(long pid) {
        Map<Long, ThreadTicks> byId = new TreeMap<>();
        if (pid <= 0) {
            return byId;
        }
        Path tasks = Path.of("/proc/" + pid + "/task");
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    byId.put(Long.parseLong(task.getFileName().toString()), new ThreadTicks(name, statTicks(stat)));
                } catch (IOException | RuntimeException gone) {
                    // The thread ended between listing and reading.
                }
            }
        } catch (IOException e) {
            return byId;
        }
        return byId;
    }

    /** {busy, total} jiffies of all CPUs from /proc/stat (busy: all but idle and iowait); null when unreadable. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Resident set size in KB; -1 when unknown. */
    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Threads of the process; -1 when unknown. */
    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    /** The number in a line of /proc/<pid>/status (KB for the Vm* lines); -1 when unknown. */
    private static long statusField(long pid, String field) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** File descriptors the process has open (sockets, pipes, files, epoll); -1 when unknown. */
    static long openFds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The command line a process was started with; null when unknown. */
    static String cmdline(long pid) {
        try {
            return pid <= 0 ? null : new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100, the usual value, when it cannot be asked. */
    static long clockTicks() {
        try {
            Process proc = new ProcessBuilder("getconf", "CLK_TCK").start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                return Long.parseLong(r.readLine().trim());
            }
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }
}
