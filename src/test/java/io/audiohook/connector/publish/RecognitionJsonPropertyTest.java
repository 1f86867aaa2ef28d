package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.protobuf.Duration;
import com.google.protobuf.util.JsonFormat;

import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.Property;
import io.audiohook.connector.testkit.property.Texts;

/**
 * The hand-written recognition notification is {@code JsonFormat}'s, character for character, for any result: odd
 * text (quotes, control and HTML characters, astral code points), floats at their edges (-0, NaN, infinities,
 * subnormals), durations of every precision, unknown enum numbers, empty and missing fields.
 */
class RecognitionJsonPropertyTest {
    private static final JsonFormat.Printer JSON_FORMAT = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final Gen<String> TEXT = Gen.oneOf(Gen.constant(""), Texts.anyStrings(40),
            Texts.strings(Texts.of("ab <>&='\"\\\n\t\u0001\u007f\u2028\u2029é😀"), 0, 12));
    private static final float[] EDGES = { 0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, Float.MAX_VALUE, 1f, 0.1f, 0.9f, 1e-7f, 123456.78f };

    static float floats(SplittableRandom r) {
        return r.nextInt(3) == 0 ? EDGES[r.nextInt(EDGES.length)]
                : r.nextBoolean() ? r.nextInt(1000) / 1000f : Float.intBitsToFloat(r.nextInt());
    }

    static Duration duration(SplittableRandom r) {
        int nanos = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            case 2 -> r.nextInt(1_000_000) * 1000;
            default -> r.nextInt(1_000_000_000);
        };
        return Duration.newBuilder().setSeconds(r.nextInt(4) == 0 ? 0 : r.nextInt(100_000)).setNanos(nanos).build();
    }

    static final Gen<StreamingRecognitionResult> RESULTS = r -> {
        StreamingRecognitionResult.Builder b = StreamingRecognitionResult.newBuilder()
                .setMessageTypeValue(r.nextInt(5) == 0 ? r.nextInt(4) + (r.nextInt(5) == 0 ? 7 : 0) : 1)
                .setTranscript(TEXT.next(r)).setIsFinal(r.nextBoolean()).setConfidence(floats(r))
                .setStability(floats(r)).setLanguageCode(r.nextInt(4) == 0 ? "" : TEXT.next(r));
        if (r.nextBoolean()) {
            b.setSpeechEndOffset(duration(r));
        }
        for (int i = r.nextInt(4) == 0 ? r.nextInt(6) : 0; i > 0; i--) {
            SpeechWordInfo.Builder w = SpeechWordInfo.newBuilder().setWord(TEXT.next(r)).setConfidence(floats(r));
            if (r.nextInt(4) > 0) {
                w.setStartOffset(duration(r));
            }
            if (r.nextInt(4) > 0) {
                w.setEndOffset(duration(r));
            }
            b.addSpeechWordInfo(w);
        }
        return b.build();
    };

    @Test
    void everyResultIsWrittenAsJsonFormatWritesIt() {
        Property.forAll(RESULTS).trials(5_000).check("the same text as JsonFormat's", result -> {
            String conversation = result.getTranscript().length() % 3 == 0 ? ""
                    : "projects/p/locations/global/conversations/a" + result.getLanguageCode().length();
            String expected;
            try {
                expected = JSON_FORMAT.print(ConversationEvent.newBuilder().setConversation(conversation)
                        .setType(ConversationEvent.Type.NEW_RECOGNITION_RESULT)
                        .setNewRecognitionResultPayload(result).build());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
            assertEquals(expected, RecognitionJson.write(conversation, result));
            return result.getSpeechWordInfoCount() > 0 ? "with words" : "without words";
        });
    }

    /** A field a newer client library adds would be left out of the notification: this fails first. */
    @Test
    void theWriterKnowsEveryFieldOfTheProtos() {
        assertEquals(Set.of("message_type", "transcript", "is_final", "confidence", "stability", "speech_word_info",
                "speech_end_offset", "language_code", "dtmf_digits"), names(StreamingRecognitionResult.getDescriptor()),
                "RecognitionJson writes these fields (dtmf_digits through JsonFormat); write any new one there too");
        assertEquals(Set.of("word", "start_offset", "end_offset", "confidence"), names(SpeechWordInfo.getDescriptor()),
                "RecognitionJson writes these word fields; write any new one there too");
    }

    private static Set<String> names(com.google.protobuf.Descriptors.Descriptor descriptor) {
        return descriptor.getFields().stream().map(com.google.protobuf.Descriptors.FieldDescriptor::getName)
                .collect(java.util.stream.Collectors.toSet());
    }
}
