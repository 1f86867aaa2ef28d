package io.audiohook.connector.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.DialogflowAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionFeatureConfig;
import com.google.cloud.dialogflow.v2beta1.Intent;
import com.google.cloud.dialogflow.v2beta1.QueryResult;
import com.google.cloud.dialogflow.v2beta1.SuggestDialogflowAssistsResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

/**
 * The features a Dialogflow agent answers: Dialogflow assist (an intent per matched knowledge entry, its answer the
 * fulfillment) and entity extraction (the {@link Entities} of the utterance as the query's parameters). Both are
 * {@code SuggestDialogflowAssistsResponse}s; a feature that finds nothing answers nothing (empty).
 */
final class DialogflowSuggestions {
    private DialogflowSuggestions() {
    }

    static Optional<SuggestionResult> dialogflowAssist(SuggestionFeatureConfig config, UtteranceContext context) {
        List<UtteranceContext.Ranked> ranked = context.ranked(config.getQueryConfig());
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        SuggestDialogflowAssistsResponse.Builder assists = response(context);
        for (UtteranceContext.Ranked match : ranked) {
            assists.addDialogflowAssistAnswers(DialogflowAssistAnswer.newBuilder()
                    .setQueryResult(query(context)
                            .setFulfillmentText(match.entry().answer())
                            .setIntent(Intent.newBuilder()
                                    .setName(context.location() + "/agent/intents/" + match.entry().slug())
                                    .setDisplayName(match.entry().title()))
                            .setIntentDetectionConfidence(match.confidence()))
                    .setAnswerRecord(context.answerRecord()));
        }
        return Optional.of(SuggestionResult.newBuilder().setSuggestDialogflowAssistsResponse(assists).build());
    }

    static Optional<SuggestionResult> entityExtraction(SuggestionFeatureConfig config, UtteranceContext context) {
        Map<String, List<String>> entities = Entities.of(List.of(context.text()), context.knowledge());
        if (entities.isEmpty() || Entities.CONFIDENCE < config.getQueryConfig().getConfidenceThreshold()) {
            return Optional.empty();
        }
        Struct.Builder parameters = Struct.newBuilder();
        entities.forEach((name, values) -> parameters.putFields(name, Value.newBuilder().setListValue(
                ListValue.newBuilder().addAllValues(values.stream()
                        .map(v -> Value.newBuilder().setStringValue(v).build()).toList())).build()));
        return Optional.of(SuggestionResult.newBuilder().setSuggestEntityExtractionResponse(response(context)
                .addDialogflowAssistAnswers(DialogflowAssistAnswer.newBuilder()
                        .setQueryResult(query(context).setParameters(parameters))
                        .setAnswerRecord(context.answerRecord())))
                .build());
    }

    private static SuggestDialogflowAssistsResponse.Builder response(UtteranceContext context) {
        return SuggestDialogflowAssistsResponse.newBuilder().setLatestMessage(context.message().getName())
                .setContextSize(UtteranceContext.CONTEXT_SIZE);
    }

    private static QueryResult.Builder query(UtteranceContext context) {
        return QueryResult.newBuilder().setQueryText(context.text())
                .setLanguageCode(context.message().getLanguageCode());
    }
}
