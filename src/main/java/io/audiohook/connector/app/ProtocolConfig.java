package io.audiohook.connector.app;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.audiohook.connector.protocol.MediaFormat;
import io.audiohook.connector.protocol.ProtocolSettings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The AudioHook protocol: media, languages, timeouts. */
@ConfigMapping(prefix = "connector.protocol")
public interface ProtocolConfig {
    @WithDefault("PCMU,L16")
    List<String> formats();

    @WithDefault("false")
    boolean startPaused();

    @WithDefault("en-US,en-GB,en-AU,en-IN,es-US,es-ES,fr-FR,fr-CA,de-DE,it-IT,pt-BR,ja-JP")
    List<String> languages();

    @WithDefault("false")
    boolean acknowledgeUpdate();

    @WithDefault("10s")
    Duration openTimeout();

    @WithDefault("60s")
    Duration idleTimeout();

    @WithDefault("5s")
    Duration flushTimeout();

    @WithDefault("10s")
    Duration disconnectTimeout();

    @WithDefault("5s")
    Duration lingerTimeout();

    /** @param resumeWhenJoined calls wait paused for their desktop: they must start paused */
    default ProtocolSettings settings(boolean resumeWhenJoined) {
        List<MediaFormat> media = formats().stream()
                .map(name -> MediaFormat.fromWire(name.trim().toUpperCase(Locale.ROOT))
                        .orElseThrow(() -> new IllegalArgumentException("unknown media format: " + name)))
                .toList();
        return new ProtocolSettings(media, startPaused() || resumeWhenJoined, languages(), acknowledgeUpdate(),
                openTimeout(), idleTimeout(), flushTimeout(), disconnectTimeout(), lingerTimeout());
    }
}
