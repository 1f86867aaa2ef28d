package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.SPEECH;
import static io.audiohook.connector.assist.AssistTesting.SPEECH_BYTES_PER_CHANNEL;
import static io.audiohook.connector.assist.AssistTesting.finals;
import static io.audiohook.connector.assist.AssistTesting.newConversationId;
import static io.audiohook.connector.assist.AssistTesting.results;
import static io.audiohook.connector.assist.AssistTesting.script;
import static io.audiohook.connector.testkit.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.client.G711;
import io.audiohook.connector.client.MediaFormat;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.emulator.ParticipantStats;
import io.audiohook.connector.emulator.StreamStats;
import io.audiohook.connector.testkit.SpeechTurns;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A whole call sent as each recognizer encoding ({@code customConfig.audioEncoding}): the AudioHook client, the
 * connector, Google's client and the emulator, which records what Dialogflow was told and hears the audio at that
 * rate. The transcripts are the script's, their offsets lie on the speech in the recording, and every byte count
 * follows the encoding.
 */
@QuarkusTest
class AudioEncodingCallTest extends AssistCallTesting {
    /** Where each role speaks in the fixture (channel 0 is the customer), what the offsets are checked against. */
    static final List<List<SpeechTurns.Span>> TURNS = List.of(SpeechTurns.of(SPEECH, 0, 0.5),
            SpeechTurns.of(SPEECH, 1, 0.5));

    /** The fixture as L16: the same speech, two bytes a sample, little-endian. */
    static WavAudioSource.Wav speechAsL16() {
        byte[] mulaw = SPEECH.data();
        byte[] l16 = new byte[2 * mulaw.length];
        for (int i = 0; i < mulaw.length; i++) {
            short sample = G711.ulawToLinear(mulaw[i]);
            l16[2 * i] = (byte) sample;
            l16[2 * i + 1] = (byte) (sample >> 8);
        }
        return new WavAudioSource.Wav(io.audiohook.connector.client.AudioEncoding.L16, 2, 8000, l16);
    }

    SessionConfig callSentAs(String audioEncoding) {
        SessionConfig config = call(endpoint).conversationId(newConversationId());
        return audioEncoding == null ? config
                : config.customConfig(TestCalls.customConfig("{\"audioEncoding\":\"" + audioEncoding + "\"}"));
    }

    @Test
    void aMuLawCallIsTranscribedOnItsTimelineWhateverItIsSentAs() {
        for (RecognizerEncoding encoding : RecognizerEncoding.values()) {
            AssistCall call = speechCall(callSentAs(encoding.wireName()));
            assertEquals(java.util.Optional.of(encoding), call.info().config().audioEncoding());
            assertTranscribedAsSent(call, encoding, encoding.wireName());
        }
    }

    @Test
    void anL16CallGoesUntranscodedByDefaultAndUpsampledWhenAsked() {
        for (String asked : new String[] { null, "linear16-16k" }) {
            SessionConfig config = callSentAs(asked).media(MediaFormat.l16(MediaFormat.EXTERNAL, MediaFormat.INTERNAL));
            io.audiohook.connector.client.AudioHookClient client = TestCalls.connect(config);
            AssistTesting.await(client.open());
            AssistTesting.await(client.streamAudio(speechAsL16().newSource(), java.time.Duration.ofMillis(200),
                    false));
            AssistTesting.await(client.close("end"));
            TestCalls.assertConformant(client);
            RecognizerEncoding sent = asked == null ? RecognizerEncoding.LINEAR16_8K : RecognizerEncoding.LINEAR16_16K;
            assertTranscribedAsSent(assistCall(client), sent, "L16 asked " + asked);
        }
    }

    private void assertTranscribedAsSent(AssistCall call, RecognizerEncoding sent, String what) {
        String name = call.conversationName();
        for (Participant.Role role : AssistTesting.ROLES) {
            String label = what + " " + role;
            assertEquals(script().get(role), finals(events, name, role), label);
            List<RecognitionResult> finals = results(events, name, role).stream()
                    .filter(r -> r.result().getIsFinal()).toList();
            List<SpeechTurns.Span> turns = TURNS.get(role == Participant.Role.END_USER ? 0 : 1);
            for (int i = 0; i < finals.size(); i++) {
                Placement at = finals.get(i).placement();
                // on the call's timeline, where the recording has the speech (this call has no pause)
                assertEquals(turns.get(i).start(), at.startNanos() / 1e9, 0.3, label + " utterance " + i + " start");
                assertEquals(turns.get(i).end(), at.endNanos() / 1e9, 0.3, label + " utterance " + i + " end");
            }

            ParticipantStats seen = emulated(call, role);
            ParticipantCounters counters = call.counters(role).orElseThrow();
            long bytes = SPEECH_BYTES_PER_CHANNEL * sent.bytesPerTimelineSample();
            assertEquals(bytes, counters.bytesReceived(), label + ": counted in the encoding sent");
            assertEquals(0, counters.bytesDropped(), label);
            assertEquals(bytes + counters.lookbackReplayed(), seen.audioBytes(), label + ": what the emulator got");
            for (StreamStats stream : seen.streams()) {
                assertEquals(sent.isMuLaw() ? AudioEncoding.AUDIO_ENCODING_MULAW
                        : AudioEncoding.AUDIO_ENCODING_LINEAR_16, stream.encoding(), label);
                assertEquals(sent.sampleRate(), stream.sampleRateHertz(), label);
                assertEquals(io.grpc.Status.Code.OK, stream.outcome(), label + ": half-closed, nothing refused");
            }
        }
    }
}
