package io.audiohook.connector.publish;

import java.util.List;
import java.util.Map;

import com.google.cloud.dialogflow.v2beta1.ArticleAnswer;
import com.google.cloud.dialogflow.v2beta1.FaqAnswer;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer.KnowledgeAnswer;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer.KnowledgeAnswer.GenerativeSource.Snippet;
import com.google.cloud.dialogflow.v2beta1.SmartReplyAnswer;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/**
 * The suggestion notification ({@code HumanAgentAssistantEvent}) for the features that suggest on every utterance,
 * articles, FAQ answers, smart replies and Knowledge Assist, written as protobuf's {@code JsonFormat} writes it,
 * without its reflection ({@link ProtoJson}). An event with any other result (an error, Dialogflow assist, entity
 * extraction, generators, a summary) or a snippet with metadata (a {@code Struct}) is left to {@code JsonFormat}:
 * {@link #write} answers null. A property test holds it to
 * {@code JsonFormat}'s output.
 */
final class SuggestionJson {

    private SuggestionJson() {
    }

    /** The notification's JSON, or null when only {@code JsonFormat} can write it. */
    static String write(String conversation, String participant, List<SuggestionResult> results) {
        for (SuggestionResult r : results) {
            if (!writable(r)) {
                return null;
            }
        }
        StringBuilder json = new StringBuilder(512 * (results.size() + 1)).append('{');
        ProtoJson event = new ProtoJson(json);
        event.string("conversation", conversation);
        event.string("participant", participant);
        if (!results.isEmpty()) {
            event.name("suggestionResults").append('[');
            for (int i = 0; i < results.size(); i++) {
                result(i == 0 ? json : json.append(','), results.get(i));
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static boolean writable(SuggestionResult r) {
        if (r.hasSuggestKnowledgeAssistResponse()) {
            return r.getSuggestKnowledgeAssistResponse().getKnowledgeAssistAnswer().getSuggestedQueryAnswer()
                    .getGenerativeSource().getSnippetsList().stream().noneMatch(Snippet::hasMetadata);
        }
        return r.hasSuggestArticlesResponse() || r.hasSuggestFaqAnswersResponse() || r.hasSuggestSmartRepliesResponse();
    }

    private static void result(StringBuilder json, SuggestionResult r) {
        json.append('{');
        ProtoJson f = new ProtoJson(json);
        if (r.hasSuggestArticlesResponse()) {
            var response = r.getSuggestArticlesResponse();
            response(f.name("suggestArticlesResponse"), "articleAnswers", response.getArticleAnswersList(),
                    SuggestionJson::article, response.getLatestMessage(), response.getContextSize());
        } else if (r.hasSuggestFaqAnswersResponse()) {
            var response = r.getSuggestFaqAnswersResponse();
            response(f.name("suggestFaqAnswersResponse"), "faqAnswers", response.getFaqAnswersList(),
                    SuggestionJson::faq, response.getLatestMessage(), response.getContextSize());
        } else if (r.hasSuggestSmartRepliesResponse()) {
            var response = r.getSuggestSmartRepliesResponse();
            response(f.name("suggestSmartRepliesResponse"), "smartReplyAnswers", response.getSmartReplyAnswersList(),
                    SuggestionJson::smartReply, response.getLatestMessage(), response.getContextSize());
        } else {
            var response = r.getSuggestKnowledgeAssistResponse();
            f.name("suggestKnowledgeAssistResponse").append('{');
            ProtoJson k = new ProtoJson(json);
            if (response.hasKnowledgeAssistAnswer()) {
                knowledgeAssist(k.name("knowledgeAssistAnswer"), response.getKnowledgeAssistAnswer());
            }
            k.string("latestMessage", response.getLatestMessage());
            k.int32("contextSize", response.getContextSize());
            json.append('}');
        }
        json.append('}');
    }

    private static void knowledgeAssist(StringBuilder json, KnowledgeAssistAnswer a) {
        json.append('{');
        ProtoJson f = new ProtoJson(json);
        if (a.hasSuggestedQuery()) {
            f.name("suggestedQuery").append('{');
            new ProtoJson(json).string("queryText", a.getSuggestedQuery().getQueryText());
            json.append('}');
        }
        if (a.hasSuggestedQueryAnswer()) {
            KnowledgeAnswer answer = a.getSuggestedQueryAnswer();
            f.name("suggestedQueryAnswer").append('{');
            ProtoJson q = new ProtoJson(json);
            q.string("answerText", answer.getAnswerText());
            if (answer.hasFaqSource()) {
                q.name("faqSource").append('{');
                new ProtoJson(json).string("question", answer.getFaqSource().getQuestion());
                json.append('}');
            }
            if (answer.hasGenerativeSource()) {
                q.name("generativeSource").append('{');
                List<Snippet> snippets = answer.getGenerativeSource().getSnippetsList();
                if (!snippets.isEmpty()) {
                    new ProtoJson(json).name("snippets").append('[');
                    for (int i = 0; i < snippets.size(); i++) {
                        (i == 0 ? json : json.append(',')).append('{');
                        ProtoJson s = new ProtoJson(json);
                        s.string("uri", snippets.get(i).getUri());
                        s.string("text", snippets.get(i).getText());
                        s.string("title", snippets.get(i).getTitle());
                        json.append('}');
                    }
                    json.append(']');
                }
                json.append('}');
            }
            json.append('}');
        }
        f.string("answerRecord", a.getAnswerRecord());
        json.append('}');
    }

    /** The three responses have the same shape: answers, the latest message, the context size. */
    private static <A> void response(StringBuilder json, String answersName, List<A> answers,
            java.util.function.BiConsumer<ProtoJson, A> answer, String latestMessage, int contextSize) {
        json.append('{');
        ProtoJson f = new ProtoJson(json);
        if (!answers.isEmpty()) {
            f.name(answersName).append('[');
            for (int i = 0; i < answers.size(); i++) {
                (i == 0 ? json : json.append(',')).append('{');
                answer.accept(new ProtoJson(json), answers.get(i));
                json.append('}');
            }
            json.append(']');
        }
        f.string("latestMessage", latestMessage);
        f.int32("contextSize", contextSize);
        json.append('}');
    }

    private static void article(ProtoJson f, ArticleAnswer a) {
        f.string("title", a.getTitle());
        f.string("uri", a.getUri());
        if (a.getSnippetsCount() > 0) {
            StringBuilder json = f.name("snippets").append('[');
            for (int i = 0; i < a.getSnippetsCount(); i++) {
                ProtoJson.quote(i == 0 ? json : json.append(','), a.getSnippets(i));
            }
            json.append(']');
        }
        metadata(f, a.getMetadataMap());
        f.string("answerRecord", a.getAnswerRecord());
    }

    private static void faq(ProtoJson f, FaqAnswer a) {
        f.string("answer", a.getAnswer());
        f.float32("confidence", a.getConfidence());
        f.string("question", a.getQuestion());
        f.string("source", a.getSource());
        metadata(f, a.getMetadataMap());
        f.string("answerRecord", a.getAnswerRecord());
    }

    private static void smartReply(ProtoJson f, SmartReplyAnswer a) {
        f.string("reply", a.getReply());
        f.float32("confidence", a.getConfidence());
        f.string("answerRecord", a.getAnswerRecord());
    }

    /** A {@code map<string, string>}: an object in the map's own order, as {@code JsonFormat} writes it. */
    private static void metadata(ProtoJson f, Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return;
        }
        StringBuilder json = f.name("metadata").append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            ProtoJson.quote(first ? json : json.append(','), e.getKey());
            ProtoJson.quote(json.append(':'), e.getValue());
            first = false;
        }
        json.append('}');
    }
}
