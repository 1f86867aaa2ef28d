package io.audiohook.connector.emulator;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;

import io.grpc.StatusRuntimeException;

/**
 * What Dialogflow refuses in a StreamingAnalyzeContent call, as one snapshot of the limits in force when the
 * stream opened (the package documentation gives the source of each). Every refusal is named, so that
 * metrics and tests can tell the rules apart.
 *
 * @param languages lower case
 */
record StreamRules(int maxAudioBytesPerRequest, double maxPaceRate, long paceBurstNanos, Set<String> languages,
        Set<String> models, long streamLimitNanos, long extendedStreamLimitNanos, long audioTimeoutNanos,
        AudioRateCheck.Limits audioRate) {

    /** A refused request and the rule that refused it. */
    static final class Refusal extends RuntimeException {
        final String rule;
        final StatusRuntimeException status;

        Refusal(String rule, StatusRuntimeException status) {
            super(status.getMessage(), null, false, false);
            this.rule = rule;
            this.status = status;
        }
    }

    static Set<String> lowerCase(java.util.Collection<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).map(v -> v.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks the configuration request of a stream for {@code participant}, in the order the fields are read.
     *
     * @param profileModel the profile's speech model, used when the request names none
     * @return the model the stream recognises with
     */
    String checkConfig(StreamingAnalyzeContentRequest request, StoredParticipant participant,
            String profileModel) {
        if (participant.role != Participant.Role.END_USER && participant.role != Participant.Role.HUMAN_AGENT) {
            throw refuse("role", Errors.invalid("Only END_USER and HUMAN_AGENT participants can stream audio; "
                    + participant.name + " is " + participant.role + "."));
        }
        if (participant.conversation.isCompleted()) {
            throw refuse("completed", Errors.conversationCompleted());
        }
        InputAudioConfig config = request.getAudioConfig();
        AudioEncoding encoding = config.getAudioEncoding();
        if (encoding != AudioEncoding.AUDIO_ENCODING_MULAW && encoding != AudioEncoding.AUDIO_ENCODING_LINEAR_16) {
            throw refuse("encoding", Errors.invalid("Unsupported audio_encoding " + encoding
                    + ": the emulator accepts AUDIO_ENCODING_MULAW and AUDIO_ENCODING_LINEAR_16."));
        }
        int rate = config.getSampleRateHertz();
        if (rate != 8000 && (rate != 16000 || encoding != AudioEncoding.AUDIO_ENCODING_LINEAR_16)) {
            throw refuse("sample_rate", Errors.invalid("Unsupported sample_rate_hertz " + rate + " for " + encoding
                    + ": the emulator accepts 8000 for AUDIO_ENCODING_MULAW, 8000 or 16000 for "
                    + "AUDIO_ENCODING_LINEAR_16."));
        }
        if (config.getLanguageCode().isEmpty()) {
            throw refuse("language", Errors.invalid("audio_config.language_code is required."));
        }
        String model = config.getModel().isEmpty() ? profileModel : config.getModel();
        if (!models.contains(model.toLowerCase(Locale.ROOT))) {
            throw refuse("model", Errors.invalid("Invalid recognition 'config': The requested model '" + model
                    + "' does not exist."));
        }
        if (!languages.contains(config.getLanguageCode().toLowerCase(Locale.ROOT))) {
            throw refuse("language", Errors.invalid("Invalid recognition 'config': The requested model is currently "
                    + "not supported for language : " + config.getLanguageCode() + "."));
        }
        if (request.getEnableExtendedStreaming()
                && participant.conversation.stage != Conversation.ConversationStage.HUMAN_ASSIST_STAGE) {
            throw refuse("extended_streaming", Errors.invalid("Extended streaming is only supported for "
                    + "conversations in the Agent Assist stage."));
        }
        return model;
    }

    /** The longest stream: 3 minutes with extended streaming. */
    long limitNanos(boolean extended) {
        return extended ? extendedStreamLimitNanos : streamLimitNanos;
    }

    void checkAudioSize(int bytes) {
        if (bytes > maxAudioBytesPerRequest) {
            throw refuse("request_size", Errors.invalid("input_audio of " + bytes
                    + " bytes exceeds the limit of " + maxAudioBytesPerRequest + " bytes per request."));
        }
    }

    /** Audio received so far against the wall time since the stream opened. */
    void checkPace(long audioNanos, long elapsedNanos) {
        if (audioNanos > maxPaceRate * elapsedNanos + paceBurstNanos) {
            throw refuse("pace", Errors.tooFast());
        }
    }

    /**
     * The audio's own rate against the declared one, over the stream's trailing window ({@link AudioRateCheck}).
     *
     * @param audioNanos all audio received on the stream, timed at the declared rate
     */
    static void checkAudioRate(AudioRateCheck check, long nowNanos, long audioNanos) {
        double by = check.mismatch(nowNanos, audioNanos);
        if (by != 0) {
            int declaredRate = check.declaredRate();
            long apparent = Math.round(by * declaredRate / 1000) * 1000;
            throw refuse("audio_rate", Errors.invalid("The audio arrives at about " + apparent
                    + " Hz but sample_rate_hertz is " + declaredRate + ": send audio at the rate it declares."));
        }
    }

    static Refusal refuse(String rule, StatusRuntimeException status) {
        return new Refusal(rule, status);
    }
}
