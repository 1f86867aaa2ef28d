package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.SpeechModelVariant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.protobuf.UnsafeByteOperations;

import io.audiohook.connector.audio.SampleFormat;

/**
 * The requests of one participant's StreamingAnalyzeContent calls: the configuration request that opens each
 * stream, then audio. µ-law goes to Dialogflow untranscoded, as MULAW at 8 kHz.
 */
final class StreamRequests {
    private final SampleFormat format;
    private final boolean extendedStreaming;

    /** @param extendedStreaming ask for 3-minute streams ({@code enable_extended_streaming}, Agent Assist stage) */
    StreamRequests(SampleFormat format, boolean extendedStreaming) {
        this.format = format;
        this.extendedStreaming = extendedStreaming;
    }

    StreamingAnalyzeContentRequest config(StreamTarget target, String language) {
        InputAudioConfig.Builder audio = InputAudioConfig.newBuilder()
                .setAudioEncoding(format == SampleFormat.PCMU ? AudioEncoding.AUDIO_ENCODING_MULAW
                        : AudioEncoding.AUDIO_ENCODING_LINEAR_16)
                .setSampleRateHertz(8000)
                .setLanguageCode(language)
                .setEnableWordInfo(true)
                .setEnableAutomaticPunctuation(true)
                .setModelVariant(SpeechModelVariant.USE_ENHANCED);
        target.model().ifPresent(audio::setModel);
        return StreamingAnalyzeContentRequest.newBuilder()
                .setParticipant(target.participantName())
                .setAudioConfig(audio)
                .setOutputMultipleUtterances(true)
                .setEnableExtendedStreaming(extendedStreaming)
                .build();
    }

    /** @param chunk a fresh array nobody writes to afterwards: it is wrapped, not copied */
    static StreamingAnalyzeContentRequest audio(byte[] chunk) {
        return StreamingAnalyzeContentRequest.newBuilder().setInputAudio(UnsafeByteOperations.unsafeWrap(chunk))
                .build();
    }
}
