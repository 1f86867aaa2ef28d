package io.audiohook.connector.transcript;

import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.ChannelAudio;
import io.audiohook.connector.protocol.SessionEnd;

/**
 * A transcription call: Agent Assist recognises it (and, unless turned off, assists), and its {@link TranscriptSender}
 * sends the results back to Genesys. {@code closed} waits for Agent Assist's last results and then for the last
 * transcript to have gone.
 */
final class TranscriptionCall implements CallListener {
    private final CallListener assist;
    private final TranscriptSender transcripts;

    TranscriptionCall(CallListener assist, TranscriptSender transcripts) {
        this.assist = assist;
        this.transcripts = transcripts;
    }

    @Override
    public void audio(ChannelAudio audio) {
        assist.audio(audio);
    }

    @Override
    public void paused(long position) {
        assist.paused(position); // the streams half-close: Dialogflow finalises the utterance at the pause
    }

    @Override
    public void resumed(long position) {
        assist.resumed(position);
    }

    @Override
    public void discarded(long gapSamples, long position) {
        assist.discarded(gapSamples, position);
    }

    @Override
    public void languageChanged(String language, long position) {
        assist.languageChanged(language, position);
    }

    @Override
    public void clientError(int code, OptionalLong retryAfterNanos) {
        transcripts.clientError(code, retryAfterNanos);
        assist.clientError(code, retryAfterNanos);
    }

    @Override
    public CompletionStage<Void> closing(String reason) {
        // whatever became of the last results, what waits for Genesys still goes before closed
        return assist.closing(reason).handle((done, error) -> null).thenCompose(done -> transcripts.drained());
    }

    @Override
    public void closed(String reason) {
        transcripts.closed();
        assist.closed(reason);
    }

    @Override
    public void ended(SessionEnd end) {
        transcripts.closed();
        assist.ended(end);
    }
}
