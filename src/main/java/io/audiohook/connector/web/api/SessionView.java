package io.audiohook.connector.web.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.call.CallConfig;
import io.audiohook.connector.call.CallSession;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.MediaOffer;
import io.audiohook.connector.protocol.OpenParameters;
import io.audiohook.connector.protocol.ProtocolSession;
import io.audiohook.connector.web.LiveSession;

/**
 * One live AudioHook session as the API shows it. Built from ids, counters and the call's settings only: the
 * {@code open} message's participant (ANI, DNIS, name) and the raw custom config never reach this view.
 *
 * @param conversationId null until {@code open} arrived
 * @param media          null until a format was agreed
 * @param audioSeconds   audio received per channel ({@code external}, {@code internal})
 * @param settings       what the call's {@code customConfig} chose, the deployment's defaults where it chose nothing
 */
public record SessionView(
        String sessionId,
        String conversationId,
        String correlationId,
        String state,
        boolean probe,
        Media media,
        Instant started,
        Map<String, Double> audioSeconds,
        long droppedFrames,
        Settings settings) {

    /**
     * The per-call settings; null fields follow the deployment (profile, language, agent assist, start paused, audio
     * encoding).
     *
     * @param mode {@code monitor} or {@code transcription}: the call's {@code customConfig}'s, else its path's
     */
    public record Settings(String customerChannel, String conversationProfile, String language, String mode,
            Boolean agentAssist, Boolean startPaused, String audioEncoding) {
        static Settings of(CallSession call) {
            CallConfig config = call.config();
            return new Settings(config.customerChannel().wireName(), config.conversationProfile().orElse(null),
                    config.language().orElse(null), call.mode().wireName(), config.agentAssist().orElse(null),
                    config.startPaused().orElse(null),
                    config.audioEncoding().map(RecognizerEncoding::wireName).orElse(null));
        }
    }

    public record Media(String format, int rate, List<String> channels) {
        static Media of(MediaOffer offer) {
            return new Media(offer.format().name(), offer.rate(), offer.channels().stream().map(Channel::wireName).toList());
        }
    }

    static SessionView of(LiveSession live) {
        ProtocolSession protocol = live.protocol();
        MediaOffer offer = protocol.media().orElse(null);
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (offer != null) {
            for (int i = 0; i < offer.channelCount(); i++) {
                long samples = live.call().channelSamples(i);
                seconds.put(offer.channels().get(i).wireName(), Math.round(samples * 1000.0 / offer.rate()) / 1000.0);
            }
        }
        return new SessionView(
                protocol.sessionId(),
                protocol.openParameters().map(OpenParameters::conversationId).orElse(null),
                live.correlationId(),
                protocol.state().name().toLowerCase(Locale.ROOT),
                live.call().isProbe(),
                offer == null ? null : Media.of(offer),
                live.started(),
                seconds,
                protocol.counters().droppedFrames(),
                Settings.of(live.call()));
    }
}
