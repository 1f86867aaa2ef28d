package io.audiohook.connector.assist;

import java.util.Locale;

/** What became of the summary a call asks for when it ends with {@code close}/{@code end}. */
public enum SummaryOutcome {
    /** Dialogflow summarized the conversation and the summary went to the sink. */
    PUBLISHED,
    /** Fewer utterances than {@code connector.assist.summary.min-utterances}: nothing worth summarizing. */
    SKIPPED_SHORT,
    /** The profile has no summarization feature and no generators (or summaries are turned off). */
    SKIPPED_NO_SUMMARIZATION,
    /** Dialogflow answered without a summary (a generator-based profile with no summarization generator). */
    EMPTY,
    /** Dialogflow did not answer within {@code connector.assist.summary.timeout}. */
    TIMED_OUT,
    /** Dialogflow refused or failed. */
    FAILED;

    /** The metric label. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
