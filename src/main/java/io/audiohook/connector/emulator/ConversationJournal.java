package io.audiohook.connector.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * What the emulator must not forget when its process restarts, as Dialogflow does not forget a conversation when
 * one of its servers restarts (a conversation and its participants are kept, completed ones too, for the retention
 * period): one line per conversation created, participant added and conversation completed, appended to a file and
 * replayed at startup. Messages, suggestions and stream counters are not kept (a restarted emulator summarizes what
 * it heard since). Meant for tests and demos that restart the emulator; it grows by about 200 bytes per
 * conversation and is never compacted.
 *
 * <p>Appends are a few hundred bytes to the page cache under the store's lock; a process killed with SIGKILL keeps
 * them (no fsync: only a machine crash would lose the tail).
 */
final class ConversationJournal {
    static final ConversationJournal NONE = new ConversationJournal(null);

    /** What the store rebuilds from each line. */
    interface Replay {
        void conversation(String name, String profile, String stage, long startMillis);

        void participant(String name, String role);

        void completed(String name, long endMillis);
    }

    private final FileChannel file;

    private ConversationJournal(FileChannel file) {
        this.file = file;
    }

    /** Replays what the file holds into {@code replay}, then appends to it; NONE without a path. */
    static ConversationJournal open(Optional<Path> path, Replay replay) {
        if (path.isEmpty()) {
            return NONE;
        }
        try {
            if (Files.exists(path.get())) {
                for (String line : Files.readAllLines(path.get(), StandardCharsets.UTF_8)) {
                    replayLine(line, replay);
                }
            }
            return new ConversationJournal(FileChannel.open(path.get(), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("emulator journal " + path.get(), e);
        }
    }

    private static void replayLine(String line, Replay replay) {
        List<String> f = List.of(line.split("\t", -1));
        // anything else is a torn last line of a killed process, or an empty one
        if (f.get(0).equals("C") && f.size() == 5) {
            replay.conversation(f.get(1), f.get(2), f.get(3), Long.parseLong(f.get(4)));
        } else if (f.get(0).equals("P") && f.size() == 3) {
            replay.participant(f.get(1), f.get(2));
        } else if (f.get(0).equals("X") && f.size() == 3) {
            replay.completed(f.get(1), Long.parseLong(f.get(2)));
        }
    }

    void conversation(String name, String profile, String stage, long startMillis) {
        append("C\t" + name + "\t" + profile + "\t" + stage + "\t" + startMillis);
    }

    void participant(String name, String role) {
        append("P\t" + name + "\t" + role);
    }

    void completed(String name, long endMillis) {
        append("X\t" + name + "\t" + endMillis);
    }

    private void append(String line) {
        if (file == null) {
            return;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("emulator journal", e);
        }
    }
}
