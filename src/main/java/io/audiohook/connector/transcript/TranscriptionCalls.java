package io.audiohook.connector.transcript;

import java.util.List;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.assist.AssistCall;
import io.audiohook.connector.assist.AssistCallFactory;
import io.audiohook.connector.assist.Timers;
import io.audiohook.connector.call.CallControl;
import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.CallListenerFactory;
import io.audiohook.connector.protocol.Channel;

/**
 * Agent Assist as the backend of every call, with transcripts back to Genesys for the calls in transcription mode
 * (the {@code /audiohook/transcription} path, or {@code customConfig.mode}). One Dialogflow recognition serves
 * both the desktop and Genesys.
 */
public final class TranscriptionCalls implements CallListenerFactory {
    private static final Logger LOG = Logger.getLogger(TranscriptionCalls.class);

    private final AssistCallFactory assist;
    private final TranscriptSettings settings;
    private final TranscriptMetrics metrics;
    private final Timers timers;

    public TranscriptionCalls(AssistCallFactory assist, TranscriptSettings settings, TranscriptMetrics metrics) {
        this.assist = assist;
        this.settings = settings;
        this.metrics = metrics;
        this.timers = Timers.of(assist.runtime().scheduler());
    }

    @Override
    public CallListener create(CallInfo info, CallControl control) {
        if (!info.transcribes()) {
            return assist.create(info, control);
        }
        List<Channel> channels = info.media().channels();
        Channel customer = info.config().customerChannel();
        TranscriptSender transcripts = new TranscriptSender(info.sessionId(),
                role -> channelOf(role, channels, customer), settings, control, timers, metrics);
        LOG.infof("session %s: transcription mode: transcripts go back to Genesys%s", info.sessionId(),
                info.assists() ? ", and Agent Assist to the desktop" : " (Agent Assist is off for this call)");
        return new TranscriptionCall(assist.create(info, control, transcripts), transcripts);
    }

    /** The index in the negotiated media of the channel that carries {@code role}. */
    static int channelOf(Participant.Role role, List<Channel> channels, Channel customer) {
        for (int i = 0; i < channels.size(); i++) {
            if (AssistCall.roleOf(channels.get(i), customer) == role) {
                return i;
            }
        }
        return 0;
    }
}
