package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class MediaSelectorTest {
    static MediaOffer offer(MediaFormat format, Channel... channels) {
        ObjectNode wire = ClientMessageCodec.mapper().createObjectNode().put("format", format.name());
        return new MediaOffer(format, List.of(channels), 8000, wire);
    }

    static final List<MediaFormat> PREFERENCE = List.of(MediaFormat.PCMU, MediaFormat.L16);

    @Test
    void prefersStereoOverMonoWhateverTheOrder() {
        MediaOffer mono = offer(MediaFormat.PCMU, Channel.EXTERNAL);
        MediaOffer stereo = offer(MediaFormat.PCMU, Channel.INTERNAL, Channel.EXTERNAL);
        assertEquals(stereo, MediaSelector.select(List.of(mono, stereo), PREFERENCE).orElseThrow());
    }

    @Test
    void acceptsMonoWhenThatIsAllThereIs() {
        MediaOffer internal = offer(MediaFormat.PCMU, Channel.INTERNAL);
        MediaOffer external = offer(MediaFormat.PCMU, Channel.EXTERNAL);
        assertEquals(internal, MediaSelector.select(List.of(internal, external), PREFERENCE).orElseThrow());
    }

    @Test
    void prefersTheConfiguredFormatThenTheClientsOrder() {
        MediaOffer l16 = offer(MediaFormat.L16, Channel.EXTERNAL, Channel.INTERNAL);
        MediaOffer pcmuFirst = offer(MediaFormat.PCMU, Channel.EXTERNAL, Channel.INTERNAL);
        MediaOffer pcmuSecond = offer(MediaFormat.PCMU, Channel.INTERNAL, Channel.EXTERNAL);
        assertEquals(pcmuFirst, MediaSelector.select(List.of(l16, pcmuFirst, pcmuSecond), PREFERENCE).orElseThrow());
        assertEquals(l16, MediaSelector.select(List.of(pcmuFirst, l16), List.of(MediaFormat.L16)).orElseThrow());
    }

    @Test
    void nothingAcceptable() {
        assertTrue(MediaSelector.select(List.of(offer(MediaFormat.L16, Channel.EXTERNAL)), List.of(MediaFormat.PCMU))
                .isEmpty());
        assertTrue(MediaSelector.select(List.of(), PREFERENCE).isEmpty());
    }
}
