package io.audiohook.connector.emulator;

import java.time.Instant;
import java.util.List;

import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SentimentAnalysisResult;
import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

/**
 * The answers for one utterance whose text is known from its start: interim results that reveal the
 * words at about the pace they are spoken, the final result with word timings, and the analysed
 * message (its suggestions are {@link UtteranceSuggestions}'). Times are milliseconds of audio since the stream's first sample.
 */
final class Utterance {
    /** About 185 words per minute, the pace of the speech fixture and of brisk phone speech. */
    static final int MILLIS_PER_WORD = 330;
    static final float FINAL_CONFIDENCE = 0.92f;
    static final float WORD_CONFIDENCE = 0.9f;

    private final String text;
    private final String[] words;
    private final String languageCode;
    private int interims;

    Utterance(String text, String languageCode) {
        this.text = text;
        this.words = text.split("\\s+");
        this.languageCode = languageCode;
    }

    String text() {
        return text;
    }

    /** The words heard so far after {@code spokenMillis} of speech; never all of them before the end. */
    StreamingAnalyzeContentResponse interim(long spokenMillis, long endMillis) {
        int heard = (int) Math.min(words.length - 1, (spokenMillis + MILLIS_PER_WORD - 1) / MILLIS_PER_WORD);
        heard = Math.max(1, heard);
        // Early hypotheses are unstable; later ones rarely change.
        float stability = Math.min(0.9f, 0.5f + 0.1f * interims++);
        return response(StreamingRecognitionResult.newBuilder()
                .setMessageType(StreamingRecognitionResult.MessageType.TRANSCRIPT)
                .setTranscript(String.join(" ", List.of(words).subList(0, heard)))
                .setIsFinal(false)
                .setStability(stability)
                .setSpeechEndOffset(Protos.duration(endMillis))
                .setLanguageCode(languageCode));
    }

    /** @param voiced where the utterance was voiced, for its word timings; null when the stream asked for none */
    StreamingAnalyzeContentResponse finalResult(long startMillis, long endMillis, VoicedSpans voiced) {
        StreamingRecognitionResult.Builder result = StreamingRecognitionResult.newBuilder()
                .setMessageType(StreamingRecognitionResult.MessageType.TRANSCRIPT)
                .setTranscript(text)
                .setIsFinal(true)
                .setConfidence(FINAL_CONFIDENCE)
                .setSpeechEndOffset(Protos.duration(endMillis))
                .setLanguageCode(languageCode);
        if (voiced != null) {
            addWordTimings(result, voiced, endMillis);
        }
        return response(result);
    }

    /** Words on the voiced time only (see {@link VoicedSpans#place}): none sits in a pause between sentences. */
    private void addWordTimings(StreamingRecognitionResult.Builder result, VoicedSpans voiced, long endMillis) {
        long[] times = voiced.place(words, endMillis);
        for (int i = 0; i < words.length; i++) {
            result.addSpeechWordInfo(SpeechWordInfo.newBuilder()
                    .setWord(words[i])
                    .setStartOffset(Protos.duration(times[2 * i]))
                    .setEndOffset(Protos.duration(times[2 * i + 1]))
                    .setConfidence(WORD_CONFIDENCE));
        }
    }

    /** The analysed message, with sentiment when the profile asks for it. */
    Message message(String conversation, String participant, Participant.Role role, Instant now, boolean sentiment) {
        Message.Builder message = Message.newBuilder()
                .setName(conversation + "/messages/" + Ids.next())
                .setContent(text)
                .setLanguageCode(languageCode)
                .setParticipant(participant)
                .setParticipantRole(role)
                .setCreateTime(Protos.timestamp(now))
                .setSendTime(Protos.timestamp(now));
        if (sentiment) {
            Sentiment.Result score = Sentiment.of(text);
            message.setSentimentAnalysis(SentimentAnalysisResult.newBuilder().setQueryTextSentiment(
                    com.google.cloud.dialogflow.v2beta1.Sentiment.newBuilder()
                            .setScore(score.score()).setMagnitude(score.magnitude())));
        }
        return message.build();
    }

    private static StreamingAnalyzeContentResponse response(StreamingRecognitionResult.Builder result) {
        return StreamingAnalyzeContentResponse.newBuilder().setRecognitionResult(result).build();
    }
}
