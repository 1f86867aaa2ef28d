package io.audiohook.connector.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavAudioSourceTest {

    private static final String FIXTURE = "/demo/two-party-call.pcmu.wav";
    private static final double SPEECH_RMS = 300;
    private static final double SILENCE_RMS = 30;

    @Test
    void emits200msStereoFramesOf3200BytesAndAShorterTail() {
        WavAudioSource.Wav wav = WavAudioSource.Wav.fromResource(FIXTURE);
        WavAudioSource source = wav.newSource();
        int samples = source.samplesPerChannel(Duration.ofMillis(200));
        assertEquals(1600, samples);
        List<byte[]> frames = new ArrayList<>();
        for (byte[] f = source.nextFrame(samples); f != null; f = source.nextFrame(samples)) {
            frames.add(f);
        }
        int total = frames.stream().mapToInt(f -> f.length).sum();
        assertEquals(wav.data().length, total);
        for (int i = 0; i < frames.size() - 1; i++) {
            assertEquals(3200, frames.get(i).length);
        }
        byte[] tail = frames.get(frames.size() - 1);
        assertTrue(tail.length > 0 && tail.length <= 3200 && tail.length % 2 == 0);
        assertNull(source.nextFrame(samples));
    }

    @Test
    void eachPartySpeaksOnlyOnItsOwnChannelInAlternatingTurns() throws IOException {
        WavAudioSource source = WavAudioSource.fromResource(FIXTURE);
        List<Character> activity = new ArrayList<>(); // per 200 ms: 'E'xternal, 'I'nternal, 'B'oth, '-' none
        for (byte[] f = source.nextFrame(1600); f != null; f = source.nextFrame(1600)) {
            double external = rms(f, 0);
            double internal = rms(f, 1);
            boolean e = external > SPEECH_RMS;
            boolean i = internal > SPEECH_RMS;
            if (e && i) {
                activity.add('B');
            } else if (e) {
                assertTrue(internal < SILENCE_RMS, "internal channel not silent while customer talks");
                activity.add('E');
            } else if (i) {
                assertTrue(external < SILENCE_RMS, "external channel not silent while agent talks");
                activity.add('I');
            } else {
                activity.add('-');
            }
        }
        String timeline = activity.stream().map(String::valueOf).reduce("", String::concat);
        assertTrue(timeline.indexOf('B') < 0, "both channels active at once: " + timeline);
        // Collapse runs: the turns must follow the transcript's role order.
        String turns = timeline.replace("-", "").replaceAll("(.)\\1+", "$1");
        List<String> roles = transcriptRoles();
        StringBuilder expected = new StringBuilder();
        roles.forEach(r -> expected.append(r.equals("external") ? 'E' : 'I'));
        assertEquals(expected.toString(), turns, "timeline " + timeline);
        assertTrue(timeline.chars().filter(c -> c == 'E').count() >= 5);
        assertTrue(timeline.chars().filter(c -> c == 'I').count() >= 5);
    }

    private static List<String> transcriptRoles() throws IOException {
        try (InputStream in = WavAudioSourceTest.class.getResourceAsStream("/demo/two-party-call.txt")) {
            List<String> roles = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    roles.add(line.substring(0, line.indexOf(':')));
                }
            }
            return roles;
        }
    }

    private static double rms(byte[] stereoFrame, int channel) {
        double sum = 0;
        int n = 0;
        for (int i = channel; i < stereoFrame.length; i += 2) {
            double s = mulawToLinear(stereoFrame[i]);
            sum += s * s;
            n++;
        }
        return Math.sqrt(sum / n);
    }

    /** Independent of G711 on purpose: the test should not trust the code it helps verify. */
    private static int mulawToLinear(byte b) {
        int u = ~b & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + 0x84) << exponent) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }
}
