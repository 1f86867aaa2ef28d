package io.audiohook.connector.assist;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/** What a {@link SuggestionResult} is, read the same way wherever it is logged, counted or stored. */
public final class SuggestionResults {
    private SuggestionResults() {
    }

    /**
     * The result's kind as its proto3 JSON field is named ({@code suggestFaqAnswersResponse}, {@code error}, …):
     * what a desktop sees, so metrics and logs use the same words.
     */
    public static String kind(SuggestionResult result) {
        return switch (result.getSuggestionResponseCase()) {
            case ERROR -> "error";
            case SUGGEST_ARTICLES_RESPONSE -> "suggestArticlesResponse";
            case SUGGEST_KNOWLEDGE_ASSIST_RESPONSE -> "suggestKnowledgeAssistResponse";
            case SUGGEST_FAQ_ANSWERS_RESPONSE -> "suggestFaqAnswersResponse";
            case SUGGEST_SMART_REPLIES_RESPONSE -> "suggestSmartRepliesResponse";
            case SUGGEST_DIALOGFLOW_ASSISTS_RESPONSE -> "suggestDialogflowAssistsResponse";
            case SUGGEST_ENTITY_EXTRACTION_RESPONSE -> "suggestEntityExtractionResponse";
            case GENERATE_SUGGESTIONS_RESPONSE -> "generateSuggestionsResponse";
            case SUGGESTIONRESPONSE_NOT_SET -> "empty";
        };
    }

    /** The message the result was compiled for; empty for an error or a response that does not say. */
    public static String latestMessage(SuggestionResult result) {
        return switch (result.getSuggestionResponseCase()) {
            case SUGGEST_ARTICLES_RESPONSE -> result.getSuggestArticlesResponse().getLatestMessage();
            case SUGGEST_KNOWLEDGE_ASSIST_RESPONSE -> result.getSuggestKnowledgeAssistResponse().getLatestMessage();
            case SUGGEST_FAQ_ANSWERS_RESPONSE -> result.getSuggestFaqAnswersResponse().getLatestMessage();
            case SUGGEST_SMART_REPLIES_RESPONSE -> result.getSuggestSmartRepliesResponse().getLatestMessage();
            case SUGGEST_DIALOGFLOW_ASSISTS_RESPONSE -> result.getSuggestDialogflowAssistsResponse().getLatestMessage();
            case SUGGEST_ENTITY_EXTRACTION_RESPONSE -> result.getSuggestEntityExtractionResponse().getLatestMessage();
            case GENERATE_SUGGESTIONS_RESPONSE -> result.getGenerateSuggestionsResponse().getLatestMessage();
            case ERROR, SUGGESTIONRESPONSE_NOT_SET -> "";
        };
    }

    /** The first message any of the results names, else {@code fallback}. */
    static String latestMessage(List<SuggestionResult> results, String fallback) {
        for (SuggestionResult result : results) {
            String latest = latestMessage(result);
            if (!latest.isEmpty()) {
                return latest;
            }
        }
        return fallback;
    }
}
