package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.SpeechModelVariant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.protobuf.ByteString;

import io.audiohook.connector.audio.RecognizerEncoding;

/**
 * The requests of one participant's StreamingAnalyzeContent calls: the configuration request that opens each
 * stream, then audio, declared as what it is sent as: MULAW at 8 kHz (µ-law untranscoded), LINEAR16 at 8 or 16 kHz.
 */
final class StreamRequests {
    private final RecognizerEncoding sent;
    private final boolean extendedStreaming;

    /** @param extendedStreaming ask for 3-minute streams ({@code enable_extended_streaming}, Agent Assist stage) */
    StreamRequests(RecognizerEncoding sent, boolean extendedStreaming) {
        this.sent = sent;
        this.extendedStreaming = extendedStreaming;
    }

    StreamingAnalyzeContentRequest config(StreamTarget target, String language) {
        InputAudioConfig.Builder audio = InputAudioConfig.newBuilder()
                .setAudioEncoding(sent.isMuLaw() ? AudioEncoding.AUDIO_ENCODING_MULAW
                        : AudioEncoding.AUDIO_ENCODING_LINEAR_16)
                .setSampleRateHertz(sent.sampleRate())
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

    /** @param chunk audio nobody writes to afterwards ({@link AudioBacklog#take}) */
    static StreamingAnalyzeContentRequest audio(ByteString chunk) {
        return StreamingAnalyzeContentRequest.newBuilder().setInputAudio(chunk).build();
    }
}
