package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.testkit.property.ClientMessageGen;
import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.Property;

/**
 * The sequence rules against a model, over random runs of messages: seq jumps, repeats and values up to
 * {@code Long.MAX_VALUE}, serverseq ahead of the server, foreign ids, sends by the server in between, and the close
 * after a disconnect. Each step must end as the model says, violation and acknowledged clientseq alike.
 */
class ClientMessageReaderPropertyTest {
    static final String SID = ProtocolSessionTest.SID;

    /** A client message (when {@code type} is set) or, when it is null, a server message sent in between. */
    record Step(String type, long seq, long serverseq, String id, SessionState state) {
        @Override
        public String toString() {
            return type == null ? "server sends" : type + " seq " + seq + " serverseq " + serverseq + " id " + id
                    + " in " + state;
        }
    }

    /** What the reader must do, kept by hand. */
    static final class Model {
        long lastClientSeq;
        long acknowledged;
        long serverSeq;

        /** The violation the step must raise, or null. */
        String read(Step step) {
            boolean inOrder = step.seq == lastClientSeq + 1 && lastClientSeq != Long.MAX_VALUE;
            lastClientSeq = step.seq;
            String violation = !inOrder ? ProtocolViolation.BAD_SEQ
                    : step.serverseq > serverSeq ? ProtocolViolation.BAD_SERVERSEQ
                    : !step.id.equalsIgnoreCase(SID) ? ProtocolViolation.ID_MISMATCH : null;
            if (inOrder) {
                acknowledged = step.seq;
            }
            if (violation != null && step.state == SessionState.DISCONNECTING && step.type.equals("close")) {
                acknowledged = step.seq;
                return null;
            }
            return violation;
        }
    }

    static Gen<List<Step>> runs() {
        Gen<SessionState> states = Gen.<SessionState>choice().or(4, Gen.constant(SessionState.ACTIVE))
                .or(1, Gen.element(SessionState.values()));
        Gen<String> ids = Gen.<String>choice()
                .or(6, Gen.constant(SID))
                .or(2, Gen.booleans().map(upper -> upper ? SID.toUpperCase(Locale.ROOT) : SID))
                .or(1, ClientMessageGen.uuids());
        Gen<Step> step = random -> {
            if (random.nextInt(5) == 0) {
                return new Step(null, 0, 0, null, null);
            }
            return new Step(random.nextInt(3) == 0 ? "close" : "ping", 0, 0, ids.next(random), states.next(random));
        };
        return random -> {
            List<Step> drafts = Gen.lists(step, 1, 40).next(random);
            // Numbers are chosen along the run, so that "the next seq" means the next one after the previous.
            long last = 0;
            long serverSeq = 0;
            List<Step> run = new ArrayList<>();
            for (Step draft : drafts) {
                if (draft.type == null) {
                    serverSeq++;
                    run.add(draft);
                    continue;
                }
                long seq = switch (random.nextInt(10)) {
                    case 0 -> last;
                    case 1 -> Gen.longs(0, Long.MAX_VALUE).next(random);
                    case 2 -> Long.MAX_VALUE - random.nextInt(2);
                    case 3 -> last < Long.MAX_VALUE - 1 ? last + 2 : 0;
                    default -> last < Long.MAX_VALUE ? last + 1 : 0;
                };
                long serverseq = random.nextInt(6) == 0 ? serverSeq + random.nextInt(1, 3)
                        : random.nextLong(serverSeq + 1);
                run.add(new Step(draft.type, seq, serverseq, draft.id, draft.state));
                last = seq;
            }
            return run;
        };
    }

    @Test
    void everyStepEndsAsTheModelSays() {
        Property.forAll(runs()).trials(2_000)
                .check("the reader raises the model's violation and acknowledges the model's clientseq", run -> {
                    SerializedSender sender = new SerializedSender(SID, new ProtocolSessionTest.Wire());
                    ClientMessageReader reader = new ClientMessageReader(SID, sender);
                    Model model = new Model();
                    int violations = 0;
                    for (Step step : run) {
                        if (step.type == null) {
                            sender.send(ServerMessages.pong());
                            model.serverSeq++;
                            continue;
                        }
                        String expected = model.read(step);
                        String raised = null;
                        String text = ClientMessageReaderTest.message(step.id, step.type, step.seq, step.serverseq,
                                step.type.equals("close") ? "{\"reason\":\"end\"}" : "{}");
                        try {
                            assertEquals(step.type, reader.read(text, step.state).type());
                        } catch (ProtocolViolation violation) {
                            raised = violation.info();
                            violations++;
                        }
                        assertEquals(expected, raised, step.toString());
                        assertEquals(model.acknowledged, sender.clientSeq(), "clientseq after " + step);
                    }
                    return violations == 0 ? "run read cleanly" : "run with violations";
                })
                .assertSeen("run read cleanly", "run with violations");
    }
}
