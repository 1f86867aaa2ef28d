package io.audiohook.connector.emulator;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.cloud.dialogflow.v2beta1.ArticleAnswer;
import com.google.cloud.dialogflow.v2beta1.FaqAnswer;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionFeatureConfig;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SmartReplyAnswer;
import com.google.cloud.dialogflow.v2beta1.SuggestArticlesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestFaqAnswersResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestKnowledgeAssistResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestSmartRepliesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/**
 * The features answered from the knowledge base: FAQ answers, articles, smart replies and proactive knowledge
 * assist, each from the utterance's ranked matches. A feature that finds nothing answers nothing (empty).
 */
final class KnowledgeSuggestions {
    /** The first sentence or clause of an answer: what an agent could say in one breath. */
    private static final Pattern FIRST_CLAUSE = Pattern.compile("^[^.;!?]+");
    /** A sentence of the utterance that asks something. */
    private static final Pattern QUESTION = Pattern.compile("[^.!?]*\\?");

    private KnowledgeSuggestions() {
    }

    static Optional<SuggestionResult> faq(SuggestionFeatureConfig config, UtteranceContext context) {
        List<UtteranceContext.Ranked> ranked = context.ranked(config.getQueryConfig());
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        SuggestFaqAnswersResponse.Builder answers = SuggestFaqAnswersResponse.newBuilder()
                .setLatestMessage(context.message().getName()).setContextSize(UtteranceContext.CONTEXT_SIZE);
        for (UtteranceContext.Ranked match : ranked) {
            answers.addFaqAnswers(FaqAnswer.newBuilder()
                    .setQuestion(match.entry().question())
                    .setAnswer(match.entry().answer())
                    .setConfidence(match.confidence())
                    .setSource(match.entry().document(context.location()))
                    .setAnswerRecord(context.answerRecord()));
        }
        return Optional.of(SuggestionResult.newBuilder().setSuggestFaqAnswersResponse(answers).build());
    }

    /** v2beta1's ArticleAnswer has no confidence field (v2's has): the threshold applies, the score is not shown. */
    static Optional<SuggestionResult> articles(SuggestionFeatureConfig config, UtteranceContext context) {
        List<UtteranceContext.Ranked> ranked = context.ranked(config.getQueryConfig());
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        SuggestArticlesResponse.Builder articles = SuggestArticlesResponse.newBuilder()
                .setLatestMessage(context.message().getName()).setContextSize(UtteranceContext.CONTEXT_SIZE);
        for (UtteranceContext.Ranked match : ranked) {
            articles.addArticleAnswers(ArticleAnswer.newBuilder()
                    .setTitle(match.entry().title())
                    .setUri(match.entry().uri())
                    .addSnippets(match.entry().answer())
                    .putMetadata("document", match.entry().document(context.location()))
                    .setAnswerRecord(context.answerRecord()));
        }
        return Optional.of(SuggestionResult.newBuilder().setSuggestArticlesResponse(articles).build());
    }

    /** Replies to what the customer said (the emulator's reading: a reply answers the other party). */
    static Optional<SuggestionResult> smartReplies(SuggestionFeatureConfig config, UtteranceContext context) {
        List<UtteranceContext.Ranked> ranked = context.ranked(config.getQueryConfig());
        if (ranked.isEmpty() || context.role() != Participant.Role.END_USER) {
            return Optional.empty();
        }
        SuggestSmartRepliesResponse.Builder replies = SuggestSmartRepliesResponse.newBuilder()
                .setLatestMessage(context.message().getName()).setContextSize(UtteranceContext.CONTEXT_SIZE);
        for (UtteranceContext.Ranked match : ranked) {
            replies.addSmartReplyAnswers(SmartReplyAnswer.newBuilder()
                    .setReply(firstClause(match.entry().answer()))
                    .setConfidence(match.confidence())
                    .setAnswerRecord(context.answerRecord()));
        }
        return Optional.of(SuggestionResult.newBuilder().setSuggestSmartRepliesResponse(replies).build());
    }

    /**
     * One suggested query, the best match's question, with its answer (a generative one, its entry the snippet)
     * unless {@code enable_query_suggestion_only}; without a match, with {@code enable_query_suggestion_when_no_answer},
     * the question the utterance asks. "Suggestion is made only if it is different from the previous suggestion."
     */
    static Optional<SuggestionResult> knowledgeAssist(SuggestionFeatureConfig config, UtteranceContext context,
            Participant.Role target) {
        List<UtteranceContext.Ranked> ranked = context.ranked(config.getQueryConfig());
        KnowledgeAssistAnswer.Builder answer = KnowledgeAssistAnswer.newBuilder();
        String query;
        if (!ranked.isEmpty()) {
            Knowledge.Entry entry = ranked.get(0).entry();
            query = entry.question();
            if (!config.getEnableQuerySuggestionOnly()) {
                answer.setSuggestedQueryAnswer(KnowledgeAssistAnswer.KnowledgeAnswer.newBuilder()
                        .setAnswerText(entry.answer())
                        .setGenerativeSource(KnowledgeAssistAnswer.KnowledgeAnswer.GenerativeSource.newBuilder()
                                .addSnippets(KnowledgeAssistAnswer.KnowledgeAnswer.GenerativeSource.Snippet.newBuilder()
                                        .setUri(entry.uri()).setText(entry.answer()).setTitle(entry.title()))));
            }
        } else if (config.getEnableQuerySuggestionWhenNoAnswer()) {
            Matcher question = QUESTION.matcher(context.text());
            if (!question.find()) {
                return Optional.empty();
            }
            query = question.group().strip();
        } else {
            return Optional.empty();
        }
        if (!context.conversation().newSuggestedQuery(target, query)) {
            return Optional.empty();
        }
        answer.setSuggestedQuery(KnowledgeAssistAnswer.SuggestedQuery.newBuilder().setQueryText(query))
                .setAnswerRecord(context.answerRecord());
        return Optional.of(SuggestionResult.newBuilder().setSuggestKnowledgeAssistResponse(
                SuggestKnowledgeAssistResponse.newBuilder().setKnowledgeAssistAnswer(answer)
                        .setLatestMessage(context.message().getName()).setContextSize(UtteranceContext.CONTEXT_SIZE))
                .build());
    }

    static String firstClause(String answer) {
        Matcher clause = FIRST_CLAUSE.matcher(answer);
        return clause.find() ? clause.group().strip() + "." : answer;
    }
}
