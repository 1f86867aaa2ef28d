package io.audiohook.connector.protocol;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code open.media}. The original JSON is kept because {@code opened} must echo the chosen
 * entry exactly as offered, and the client compares it field by field, channel order included.
 */
public record MediaOffer(MediaFormat format, List<Channel> channels, int rate, ObjectNode wire) {

    public MediaOffer {
        channels = List.copyOf(channels);
    }

    public int channelCount() {
        return channels.size();
    }

    /** Bytes of one sample instant across all channels: every binary frame is a multiple of this. */
    public int bytesPerSampleFrame() {
        return channels.size() * format.bytesPerSample();
    }

    public int indexOf(Channel channel) {
        return channels.indexOf(channel);
    }

    public boolean isStereo() {
        return channels.size() == 2;
    }

    @Override
    public String toString() {
        return format + "/" + rate + channels;
    }
}
