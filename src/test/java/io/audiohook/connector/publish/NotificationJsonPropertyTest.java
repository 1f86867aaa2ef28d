package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AnnotatedMessagePart;
import com.google.cloud.dialogflow.v2beta1.ArticleAnswer;
import com.google.cloud.dialogflow.v2beta1.FaqAnswer;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantEvent;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer.KnowledgeAnswer;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer.KnowledgeAnswer.GenerativeSource.Snippet;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.MessageAnnotation;
import com.google.cloud.dialogflow.v2beta1.ResponseMessage;
import com.google.cloud.dialogflow.v2beta1.SentimentAnalysisResult;
import com.google.cloud.dialogflow.v2beta1.Sentiment;
import com.google.cloud.dialogflow.v2beta1.SmartReplyAnswer;
import com.google.cloud.dialogflow.v2beta1.SuggestArticlesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestFaqAnswersResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestKnowledgeAssistResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestSmartRepliesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

import io.audiohook.connector.assist.ConversationLifecycle;
import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.Property;
import io.audiohook.connector.testkit.property.Texts;

/**
 * The hand-written new-message and suggestion notifications are {@code JsonFormat}'s, character for character,
 * for any message and any article, FAQ, smart-reply and Knowledge Assist result (odd text, floats at their edges,
 * timestamps of every precision, unknown enum numbers, maps, empty and missing fields); what they leave to
 * {@code JsonFormat} is only what they say they leave.
 */
class NotificationJsonPropertyTest {
    private static final JsonFormat.Printer JSON_FORMAT = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final Gen<String> TEXT = Gen.oneOf(Gen.constant(""), Texts.anyStrings(30),
            Texts.strings(Texts.of("ab <>&='\"\\\n\t\u0001\u007f\u2028\u2029é😀"), 0, 10));

    static Timestamp timestamp(SplittableRandom r) {
        long seconds = r.nextInt(20) == 0 ? 253402300800L + r.nextInt(10) // beyond 9999-12-31: JsonFormat refuses
                : 1_700_000_000L + r.nextInt(100_000_000);
        Timestamp.Builder t = Timestamp.newBuilder().setSeconds(seconds);
        return t.setNanos((int) RecognitionJsonPropertyTest.duration(r).getNanos()).build();
    }

    static final Gen<Message> MESSAGES = r -> {
        Message.Builder m = Message.newBuilder().setName(TEXT.next(r)).setContent(TEXT.next(r))
                .setLanguageCode(TEXT.next(r)).setParticipant(TEXT.next(r))
                .setParticipantRoleValue(r.nextInt(5) == 0 ? r.nextInt(12) : 1 + r.nextInt(3));
        if (r.nextInt(4) > 0) {
            m.setCreateTime(timestamp(r));
        }
        if (r.nextInt(3) == 0) {
            m.setSendTime(timestamp(r));
        }
        if (r.nextBoolean()) {
            MessageAnnotation.Builder a = MessageAnnotation.newBuilder().setContainEntities(r.nextBoolean());
            for (int i = r.nextInt(3); i > 0; i--) {
                AnnotatedMessagePart.Builder p = AnnotatedMessagePart.newBuilder().setText(TEXT.next(r))
                        .setEntityType(TEXT.next(r));
                if (r.nextInt(10) == 0) {
                    p.setFormattedValue(Value.newBuilder().setStringValue("v"));
                }
                a.addParts(p);
            }
            m.setMessageAnnotation(a);
        }
        if (r.nextBoolean()) {
            SentimentAnalysisResult.Builder s = SentimentAnalysisResult.newBuilder();
            if (r.nextInt(4) > 0) {
                s.setQueryTextSentiment(Sentiment.newBuilder().setScore(RecognitionJsonPropertyTest.floats(r))
                        .setMagnitude(RecognitionJsonPropertyTest.floats(r)));
            }
            m.setSentimentAnalysis(s);
        }
        if (r.nextInt(15) == 0) {
            m.addResponseMessages(ResponseMessage.newBuilder().setEndInteraction(
                    ResponseMessage.EndInteraction.getDefaultInstance()));
        }
        return m.build();
    };

    static KnowledgeAssistAnswer knowledgeAssist(SplittableRandom r) {
        KnowledgeAssistAnswer.Builder a = KnowledgeAssistAnswer.newBuilder().setAnswerRecord(TEXT.next(r));
        if (r.nextInt(4) > 0) {
            a.setSuggestedQuery(KnowledgeAssistAnswer.SuggestedQuery.newBuilder().setQueryText(TEXT.next(r)));
        }
        if (r.nextInt(4) > 0) {
            KnowledgeAnswer.Builder answer = KnowledgeAnswer.newBuilder().setAnswerText(TEXT.next(r));
            switch (r.nextInt(3)) {
                case 0 -> answer.setFaqSource(KnowledgeAnswer.FaqSource.newBuilder().setQuestion(TEXT.next(r)));
                case 1 -> {
                    KnowledgeAnswer.GenerativeSource.Builder g = KnowledgeAnswer.GenerativeSource.newBuilder();
                    for (int i = r.nextInt(3); i > 0; i--) {
                        Snippet.Builder s = Snippet.newBuilder().setUri(TEXT.next(r)).setText(TEXT.next(r))
                                .setTitle(TEXT.next(r));
                        if (r.nextInt(10) == 0) {
                            s.setMetadata(Struct.newBuilder().putFields("k", Value.newBuilder().setBoolValue(true)
                                    .build()));
                        }
                        g.addSnippets(s);
                    }
                    answer.setGenerativeSource(g);
                }
                default -> {
                }
            }
            a.setSuggestedQueryAnswer(answer);
        }
        return a.build();
    }

    static final Gen<SuggestionResult> RESULTS = r -> switch (r.nextInt(25) == 0 ? 4 : r.nextInt(4)) {
        case 0 -> {
            SuggestArticlesResponse.Builder b = SuggestArticlesResponse.newBuilder().setLatestMessage(TEXT.next(r))
                    .setContextSize(r.nextInt(3) == 0 ? 0 : r.nextInt());
            for (int i = r.nextInt(3); i > 0; i--) {
                ArticleAnswer.Builder a = ArticleAnswer.newBuilder().setTitle(TEXT.next(r)).setUri(TEXT.next(r))
                        .setAnswerRecord(TEXT.next(r));
                for (int j = r.nextInt(3); j > 0; j--) {
                    a.addSnippets(TEXT.next(r));
                }
                for (int j = r.nextInt(3); j > 0; j--) {
                    a.putMetadata(TEXT.next(r), TEXT.next(r));
                }
                b.addArticleAnswers(a);
            }
            yield SuggestionResult.newBuilder().setSuggestArticlesResponse(b).build();
        }
        case 1 -> {
            SuggestFaqAnswersResponse.Builder b = SuggestFaqAnswersResponse.newBuilder()
                    .setLatestMessage(TEXT.next(r)).setContextSize(r.nextInt(20));
            for (int i = r.nextInt(3); i > 0; i--) {
                FaqAnswer.Builder a = FaqAnswer.newBuilder().setAnswer(TEXT.next(r))
                        .setConfidence(RecognitionJsonPropertyTest.floats(r)).setQuestion(TEXT.next(r))
                        .setSource(TEXT.next(r)).setAnswerRecord(TEXT.next(r));
                for (int j = r.nextInt(3); j > 0; j--) {
                    a.putMetadata(TEXT.next(r), TEXT.next(r));
                }
                b.addFaqAnswers(a);
            }
            yield SuggestionResult.newBuilder().setSuggestFaqAnswersResponse(b).build();
        }
        case 2 -> {
            SuggestSmartRepliesResponse.Builder b = SuggestSmartRepliesResponse.newBuilder()
                    .setLatestMessage(TEXT.next(r)).setContextSize(r.nextInt(20));
            for (int i = r.nextInt(4); i > 0; i--) {
                b.addSmartReplyAnswers(SmartReplyAnswer.newBuilder().setReply(TEXT.next(r))
                        .setConfidence(RecognitionJsonPropertyTest.floats(r)).setAnswerRecord(TEXT.next(r)));
            }
            yield SuggestionResult.newBuilder().setSuggestSmartRepliesResponse(b).build();
        }
        case 3 -> {
            SuggestKnowledgeAssistResponse.Builder b = SuggestKnowledgeAssistResponse.newBuilder()
                    .setLatestMessage(TEXT.next(r)).setContextSize(r.nextInt(20));
            if (r.nextInt(5) > 0) {
                b.setKnowledgeAssistAnswer(knowledgeAssist(r));
            }
            yield SuggestionResult.newBuilder().setSuggestKnowledgeAssistResponse(b).build();
        }
        default -> SuggestionResult.newBuilder().setGenerateSuggestionsResponse(GenerateSuggestionsResponse
                .newBuilder().setLatestMessage("m")).build();
    };

    /** What only JsonFormat writes: generators' results and snippets with a Struct of metadata. */
    private static boolean leftToJsonFormat(SuggestionResult r) {
        return r.hasGenerateSuggestionsResponse() || r.getSuggestKnowledgeAssistResponse().getKnowledgeAssistAnswer()
                .getSuggestedQueryAnswer().getGenerativeSource().getSnippetsList().stream()
                .anyMatch(Snippet::hasMetadata);
    }

    @Test
    void everyMessageIsWrittenAsJsonFormatWritesIt() {
        Property.forAll(MESSAGES).trials(4_000).check("the same text as JsonFormat's, or left to it", m -> {
            String conversation = m.getContent().length() % 3 == 0 ? "" : "projects/p/conversations/c";
            String written = MessageJson.write(conversation, m);
            boolean leftToJsonFormat = m.getResponseMessagesCount() > 0
                    || m.getMessageAnnotation().getPartsList().stream()
                            .anyMatch(AnnotatedMessagePart::hasFormattedValue)
                    || m.getCreateTime().getSeconds() > 253402300799L || m.getSendTime().getSeconds() > 253402300799L;
            if (leftToJsonFormat) {
                assertEquals(null, written, "only JsonFormat writes this message");
                return "left to JsonFormat";
            }
            assertEquals(print(ConversationEvent.newBuilder().setConversation(conversation)
                    .setType(ConversationEvent.Type.NEW_MESSAGE).setNewMessagePayload(m).build()), written);
            return m.hasSentimentAnalysis() ? "with sentiment" : "without sentiment";
        });
    }

    @Test
    void everyLifecycleEventIsWrittenAsJsonFormatWritesIt() {
        Property.forAll(TEXT).trials(500).check("the same text as JsonFormat's", name -> {
            for (ConversationEvent.Type type : ConversationEvent.Type.values()) {
                if (type == ConversationEvent.Type.UNRECOGNIZED) {
                    continue; // a builder refuses it
                }
                Notification written = Notification.of(new ConversationLifecycle(name, type, 0));
                assertEquals(DataType.CONVERSATION_LIFECYCLE, written.type());
                assertEquals(print(ConversationEvent.newBuilder().setConversation(name).setType(type).build()),
                        written.data());
            }
            return name.isEmpty() ? "no conversation" : "named";
        });
    }

    @Test
    void everyUtteranceSuggestionIsWrittenAsJsonFormatWritesIt() {
        Gen<List<SuggestionResult>> lists = r -> {
            List<SuggestionResult> results = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                results.add(RESULTS.next(r));
            }
            return results;
        };
        Property.forAll(lists).trials(3_000).check("the same text as JsonFormat's, or left to it", results -> {
            String participant = results.size() == 1 ? "" : "projects/p/conversations/c/participants/a";
            String conversation = results.size() == 2 ? "" : "projects/p/conversations/c";
            String written = SuggestionJson.write(conversation, participant, results);
            if (results.stream().anyMatch(NotificationJsonPropertyTest::leftToJsonFormat)) {
                assertEquals(null, written, "only JsonFormat writes these results");
                return "left to JsonFormat";
            }
            assertEquals(print(HumanAgentAssistantEvent.newBuilder().setConversation(conversation)
                    .setParticipant(participant).addAllSuggestionResults(results).build()), written);
            return results.stream().anyMatch(SuggestionResult::hasSuggestKnowledgeAssistResponse)
                    ? "with Knowledge Assist" : results.size() + " results";
        });
    }

    /** A field a newer client library adds would be left out of the notification: this fails first. */
    @Test
    void theWritersKnowEveryFieldOfTheProtos() {
        assertFields(Message.getDescriptor(), "name", "content", "response_messages", "language_code",
                "participant", "participant_role", "create_time", "send_time", "message_annotation",
                "sentiment_analysis");
        assertFields(MessageAnnotation.getDescriptor(), "parts", "contain_entities");
        assertFields(AnnotatedMessagePart.getDescriptor(), "text", "entity_type", "formatted_value");
        assertFields(SentimentAnalysisResult.getDescriptor(), "query_text_sentiment");
        assertFields(Sentiment.getDescriptor(), "score", "magnitude");
        assertFields(HumanAgentAssistantEvent.getDescriptor(), "conversation", "participant", "suggestion_results");
        assertFields(ArticleAnswer.getDescriptor(), "title", "uri", "snippets", "metadata", "answer_record");
        assertFields(FaqAnswer.getDescriptor(), "answer", "confidence", "question", "source", "metadata",
                "answer_record");
        assertFields(SmartReplyAnswer.getDescriptor(), "reply", "confidence", "answer_record");
        assertFields(SuggestKnowledgeAssistResponse.getDescriptor(), "knowledge_assist_answer", "latest_message",
                "context_size");
        assertFields(KnowledgeAssistAnswer.getDescriptor(), "suggested_query", "suggested_query_answer",
                "answer_record");
        assertFields(KnowledgeAssistAnswer.SuggestedQuery.getDescriptor(), "query_text");
        assertFields(KnowledgeAnswer.getDescriptor(), "answer_text", "faq_source", "generative_source");
        assertFields(KnowledgeAnswer.FaqSource.getDescriptor(), "question");
        assertFields(KnowledgeAnswer.GenerativeSource.getDescriptor(), "snippets");
        assertFields(Snippet.getDescriptor(), "uri", "text", "title", "metadata");
        for (Descriptor response : List.of(SuggestArticlesResponse.getDescriptor(),
                SuggestFaqAnswersResponse.getDescriptor(), SuggestSmartRepliesResponse.getDescriptor())) {
            assertEquals(3, response.getFields().size(), response.getName());
            assertTrue(response.findFieldByName("latest_message") != null
                    && response.findFieldByName("context_size") != null, response.getName());
        }
    }

    private static void assertFields(Descriptor descriptor, String... names) {
        assertEquals(Set.of(names), descriptor.getFields().stream().map(FieldDescriptor::getName)
                .collect(java.util.stream.Collectors.toSet()),
                descriptor.getName() + ": the hand-written notifications write these; write any new one there too");
    }

    private static String print(MessageOrBuilder message) {
        try {
            return JSON_FORMAT.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
