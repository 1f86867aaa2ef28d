package io.audiohook.connector.console;

import com.google.cloud.dialogflow.v2beta1.GeneratorSuggestion;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/** A suggestion result in one short line, as an agent would glance at it: its best answer, not the whole of it. */
final class SuggestionText {
    private static final int MAX = 160;

    private SuggestionText() {
    }

    static String of(SuggestionResult result) {
        String text = switch (result.getSuggestionResponseCase()) {
            case ERROR -> "error " + io.grpc.Status.fromCodeValue(result.getError().getCode()).getCode();
            case SUGGEST_ARTICLES_RESPONSE -> result.getSuggestArticlesResponse().getArticleAnswersCount() == 0 ? ""
                    : result.getSuggestArticlesResponse().getArticleAnswers(0).getTitle();
            case SUGGEST_FAQ_ANSWERS_RESPONSE -> result.getSuggestFaqAnswersResponse().getFaqAnswersCount() == 0 ? ""
                    : result.getSuggestFaqAnswersResponse().getFaqAnswers(0).getQuestion() + " "
                            + result.getSuggestFaqAnswersResponse().getFaqAnswers(0).getAnswer();
            case SUGGEST_SMART_REPLIES_RESPONSE -> result.getSuggestSmartRepliesResponse().getSmartReplyAnswersCount()
                    == 0 ? "" : result.getSuggestSmartRepliesResponse().getSmartReplyAnswers(0).getReply();
            case SUGGEST_KNOWLEDGE_ASSIST_RESPONSE -> result.getSuggestKnowledgeAssistResponse()
                    .getKnowledgeAssistAnswer().getSuggestedQuery().getQueryText() + " "
                    + result.getSuggestKnowledgeAssistResponse().getKnowledgeAssistAnswer().getSuggestedQueryAnswer()
                            .getAnswerText();
            case SUGGEST_DIALOGFLOW_ASSISTS_RESPONSE -> result.getSuggestDialogflowAssistsResponse()
                    .getDialogflowAssistAnswersCount() == 0 ? "" : result.getSuggestDialogflowAssistsResponse()
                            .getDialogflowAssistAnswers(0).getQueryResult().getFulfillmentText();
            case SUGGEST_ENTITY_EXTRACTION_RESPONSE -> result.getSuggestEntityExtractionResponse()
                    .getDialogflowAssistAnswersCount() == 0 ? "" : result.getSuggestEntityExtractionResponse()
                            .getDialogflowAssistAnswers(0).getQueryResult().getParameters().getFieldsMap().keySet()
                            .toString();
            case GENERATE_SUGGESTIONS_RESPONSE -> result.getGenerateSuggestionsResponse()
                    .getGeneratorSuggestionAnswersCount() == 0 ? "" : generated(result.getGenerateSuggestionsResponse()
                            .getGeneratorSuggestionAnswers(0).getGeneratorSuggestion());
            case SUGGESTIONRESPONSE_NOT_SET -> "";
        };
        String line = text.strip();
        return line.length() > MAX ? line.substring(0, MAX) + "…" : line;
    }

    private static String generated(GeneratorSuggestion suggestion) {
        if (suggestion.hasFreeFormSuggestion()) {
            return suggestion.getFreeFormSuggestion().getResponse();
        }
        if (suggestion.hasAgentCoachingSuggestion()
                && suggestion.getAgentCoachingSuggestion().getAgentActionSuggestionsCount() > 0) {
            return suggestion.getAgentCoachingSuggestion().getAgentActionSuggestions(0).getAgentAction();
        }
        if (suggestion.hasSummarySuggestion() && suggestion.getSummarySuggestion().getSummarySectionsCount() > 0) {
            return suggestion.getSummarySuggestion().getSummarySections(0).getSummary();
        }
        return "";
    }
}
