/**
 * An emulator of Google Dialogflow's v2beta1 gRPC services, so the connector, its tests, demos and
 * benchmarks can run against "Dialogflow" without a Google project. It implements Google's own
 * service stubs and answers Google's own Java client over real gRPC.
 *
 * <h2>What it serves</h2>
 * ConversationProfiles.GetConversationProfile and Generators.GetGenerator (from the profile file, below);
 * Conversations.CreateConversation / GetConversation / CompleteConversation / SuggestConversationSummary /
 * GenerateSuggestions; Participants.CreateParticipant / ListParticipants / StreamingAnalyzeContent. Every other
 * method answers {@code UNIMPLEMENTED}. StreamingAnalyzeContent checks requests as the service does, cuts the audio
 * into utterances with an energy-based voice activity detector and answers each with interim results, a final
 * result, the analysed message and the suggestions of the conversation's own profile; the words come from a
 * script file ({@code external:}/{@code internal:} lines), suggestions from a knowledge file
 * ({@code keyword | question | answer [| title [| uri]]}, the knowledge base
 * {@code projects/<p>/locations/<l>/knowledgeBases/emulated-faq}, one document {@code …/documents/<keyword slug>} a
 * line). {@link io.audiohook.connector.emulator.EmulatorControl} injects faults and latency at run time and tells
 * tests what the emulator received.
 *
 * <h2>The profile file ({@code connector.emulator.profiles})</h2>
 * {@code {"conversationProfiles": [ConversationProfile…], "generators": [Generator…]}}, each element in proto3 JSON
 * as Dialogflow's REST API returns it (parsed by protobuf's {@code JsonFormat}, which refuses fields this client's
 * protos do not know). The served names are {@code profile-name} and {@code more-profiles}; a served name the file
 * lists gets that profile, any other the file's first one under its own name; {@code sttConfig} language and model
 * the file leaves out come from {@code language} and {@code model}. Without a file, profiles have speech settings
 * only. A file that breaks one of these rules fails the start, naming the element (Dialogflow refuses such a
 * profile when it is created; the texts are the emulator's): names of the form
 * {@code projects/*}{@code /locations/*}{@code /conversationProfiles/*} ({@code …/generators/*}), each once; "One
 * feature can have only one config" (SuggestionConfig.feature_configs); {@code max_results} within 0 and 20 ("if
 * unset, defaults to 10. And the max number is 20."); {@code confidence_threshold} within [0, 1]; a query source
 * only for the features its comment names (knowledge bases: ARTICLE_SUGGESTION, FAQ; documents: SMART_REPLY;
 * Dialogflow agent: DIALOGFLOW_ASSIST, ENTITY_EXTRACTION), naming exactly one knowledge base, document or agent
 * ("Currently, only one … is supported"); {@code sections} only with {@code baseline_model_version} "2.0" or a
 * custom model ("only supported when baseline_model_version == '2.0'"); a generator has a context ("Required. Input
 * context of the generator."), a CUSTOMER_DEFINED section a key, a concise section not beside its full one ("only
 * available if type SITUATION is not selected"); a profile names only generators the file lists.
 * <p><b>ENTITY_EXTRACTION</b> is named by the proto's comments ({@code enable_event_based_suggestion}: "Supported
 * features: … ENTITY_EXTRACTION …", {@code DialogflowQuerySource}: "used by DIALOGFLOW_ASSIST, ENTITY_EXTRACTION",
 * {@code SuggestionResult.suggest_entity_extraction_response}) but {@code SuggestionFeature.Type} of this client
 * has no value for it, and its number is not published. The emulator's convention: write
 * {@code "type": "ENTITY_EXTRACTION"} in the file; the served proto says TYPE_UNSPECIFIED there, and the emulator
 * remembers which feature config of which role it was.
 *
 * <h2>Agent Assist, per finalized utterance</h2>
 * After the message, {@code human_agent_suggestion_results} from {@code human_agent_suggestion_config} and
 * {@code end_user_suggestion_results} from {@code end_user_suggestion_config}, whoever spoke, "The order is the
 * same as … feature_configs" (participant.proto), generators last. With {@code group_suggestion_responses} a role's
 * results ride in the message's response ("grouped into a single … StreamingAnalyzeContentResponse"); without, each
 * result has its own response after the message's ("Different type of suggestions based on the same context will
 * be in separate … StreamingAnalyzeContentResponse"). Content is deterministic, from the knowledge entries whose
 * keyword the utterance contains (file order, confidence 0.9 falling 15 % a rank), at most {@code max_results}
 * (10 unset) at or above {@code confidence_threshold}; {@code context_size} is 1 (the latest message alone):
 * <ul>
 * <li>FAQ: {@code suggest_faq_answers_response} (question, answer, confidence, source document, answer record);
 * ARTICLE_SUGGESTION: {@code suggest_articles_response} (title, uri, the answer as snippet, metadata
 * {@code document}; v2beta1's ArticleAnswer has no confidence field, v2's has); SMART_REPLY:
 * {@code suggest_smart_replies_response}, the answers' first clauses, only after the customer's utterances (the
 * emulator's reading: a reply answers the other party); DIALOGFLOW_ASSIST: {@code suggest_dialogflow_assists_response},
 * a query result per match (intent {@code …/agent/intents/<slug>}, the answer as fulfillment); ENTITY_EXTRACTION:
 * {@code suggest_entity_extraction_response}, one query result whose parameters are the keywords
 * ({@code topic}), sums of money ({@code amount}) and numbers ({@code number}) said, confidence 0.8.</li>
 * <li>KNOWLEDGE_ASSIST: {@code suggest_knowledge_assist_response}, the best match's question as suggested query
 * and its answer as a generative answer (snippet: uri, text, title), the answer left out with
 * {@code enable_query_suggestion_only}; without a match, with {@code enable_query_suggestion_when_no_answer}, the
 * question the utterance asks; never the query last suggested to that role ("Suggestion is made only if it is
 * different from the previous suggestion."); withheld from the stream with
 * {@code disable_high_latency_features_sync_delivery} ("we will not deliver the responses from high latency
 * features in the API response").</li>
 * <li>Generators whose {@code trigger_event} the utterance is (END_OF_UTTERANCE; CUSTOMER_MESSAGE after the end
 * user; AGENT_MESSAGE after the agent; MANUAL_CALL and unspecified never): one {@code generate_suggestions_response},
 * an answer per generator that suggests something: free form, the best match's answer; agent coaching, the
 * instructions whose condition shares a word with the utterance (or have none: "the condition can be empty") and
 * whose own {@code triggering_event}, when set, is the utterance's, their agent actions, a sample response; summary,
 * the sections below.</li>
 * <li>{@code suggestion_trigger_settings.only_end_user} holds for ARTICLE_SUGGESTION, FAQ and DIALOGFLOW_ASSIST only
 * ("Currently, only ARTICLE_SUGGESTION, FAQ, and DIALOGFLOW_ASSIST will use this field."); {@code no_small_talk}
 * holds trivially (those features answer only utterances that match the knowledge). CONVERSATION_SUMMARIZATION and
 * KNOWLEDGE_SEARCH suggest nothing per utterance (summaries are asked for; knowledge search answers an agent's
 * query). {@code enable_event_based_suggestion} is not needed for the stream's suggestions (it concerns Pub/Sub,
 * which the emulator does not publish).</li>
 * <li>A feature that finds nothing returns nothing; Google may return an empty result instead (the proto's
 * {@code skip_empty_event_based_suggestion}: "Knowledge Assist feature sends a Pub/Sub message when there are no
 * suggestions"), the emulator omits it. A feature whose query source names a knowledge base or document the
 * emulator does not have gets a {@code SuggestionResult} with {@code error} NOT_FOUND "Knowledge base '…' not
 * found." / "Document '…' not found." in its place (the texts are the emulator's), the others answer: "any failure
 * of Agent Assist features will not lead to the overall failure … the features will fail silently with the error
 * field set". The Dialogflow agent a query source names is not checked.</li>
 * </ul>
 *
 * <h2>Summaries and generators, asked for</h2>
 * Built from the conversation's finalized messages (the last 1000 are kept). <b>SuggestConversationSummary</b>:
 * NOT_FOUND for an unknown conversation; FAILED_PRECONDITION when the profile's human agent config has no
 * CONVERSATION_SUMMARIZATION feature, and when there is no message yet (stricter than documented; both texts the
 * emulator's); {@code context_size} 500 by default, INVALID_ARGUMENT beyond 1000 ("By default 500 and at most
 * 1000"); {@code latest_message} must be one of the conversation's kept messages. Sections from
 * {@code query_config.sections}, by default SITUATION, ACTION, RESOLUTION ("If section types are not provided, the
 * default will be {SITUATION, ACTION, RESULT}"), named as the proto's comments name them: situation (what the
 * customer said first), action (what the agent said), resolution (RESOLVED or UNRESOLVED by the sentiment of the
 * customer's last utterance), customer_satisfaction (Satisfied / Unsatisfied, the same way),
 * reason_for_cancellation ("N/A" unless the customer asked to cancel), {@code entities/<name>}; {@code text} is
 * the sections as {@code name: text} lines (Google's layout is not published); {@code baseline_model_version} the
 * feature's, empty with a custom model; the answer record {@code projects/<p>/locations/<l>/answerRecords/<id>}
 * like every other (the proto's comment for this one shows no location). <b>GenerateSuggestions</b>: the profile's
 * generators whose {@code trigger_event} is listed ("Only generators configured in the conversation_profile whose
 * trigger_event is listed here will be triggered"); FAILED_PRECONDITION for a profile without generators ("The
 * conversation must be created with a conversation profile which has generators configured in it");
 * INVALID_ARGUMENT for an empty {@code trigger_events} (which would trigger none: the emulator's choice). A
 * summarization generator's sections come from its {@code summarization_sections}; a CUSTOMER_DEFINED one is the
 * utterances that share a word with its definition. Whether Dialogflow summarizes a completed conversation is not
 * documented: the emulator, stricter, refuses both methods for one (FAILED_PRECONDITION), so a client that completes
 * before it summarizes finds out. A profile whose FAQ or article suggestion has no knowledge base, whose Dialogflow
 * assist or entity extraction has no agent, or whose smart reply has no model ({@code conversation_model_config.model},
 * "a custom model that has been trained on your own conversation data", Smart Reply guide) fails the start: the
 * feature would have nothing to answer from. Both methods take the unary latency plus
 * {@link io.audiohook.connector.emulator.EmulatorControl#setSummaryLatency}.
 *
 * <h2>Off unless asked</h2>
 * With {@code connector.emulator.enabled=false} (the default) every method answers
 * {@code UNAVAILABLE} "Dialogflow emulator is disabled" and does nothing. No other package depends on
 * this one. gRPC is served on the HTTP port ({@code quarkus.grpc.server.use-separate-server=false}),
 * so enabling it opens no port.
 *
 * <h2>Three ways to run it</h2>
 * <ol>
 * <li><b>Dev mode</b>: {@code ./mvnw quarkus:dev}; the emulator is on in the {@code dev} profile, with
 * {@code emulator/script.txt}, {@code emulator/knowledge.txt} and {@code emulator/profiles.json}, at
 * {@code localhost:8080}.</li>
 * <li><b>The packaged application with the emulator in-process</b>:
 * {@code CONNECTOR_EMULATOR_ENABLED=true java -jar target/quarkus-app/quarkus-run.jar}; it then
 * answers gRPC on {@code PORT} (8080) beside the AudioHook endpoints, with the shipped script, knowledge and
 * profiles.</li>
 * <li><b>The emulator alone, as its own process</b> (benchmarks):
 * {@code QUARKUS_PROFILE=emulator java -jar target/quarkus-app/quarkus-run.jar}; the {@code emulator}
 * profile enables it with the shipped files, refuses every AudioHook session
 * ({@code connector.sessions.max=0}) and listens on {@code EMULATOR_PORT} (8090).</li>
 * </ol>
 * Clients connect in plaintext without credentials: endpoint {@code localhost:<port>},
 * {@code NoCredentialsProvider}, and a transport channel provider whose channel configurator applies
 * {@code usePlaintext()}.
 *
 * <h2>As strict as Google</h2>
 * Every limit and refusal of the real service that the connector must survive, with where it comes from.
 * Each is on in dev mode, tests and the {@code emulator} profile; the values are settings where Google's are
 * (quotas can be raised) and fixed where Google's are. Refusals are counted on {@code /q/metrics} as
 * {@code dialogflow_emulator_refusals_total{rule}} (the rule names are given below).
 * <table>
 * <caption>Rules</caption>
 * <tr><th>Rule ({@code rule} label)</th><th>Refusal</th><th>Setting (default)</th><th>Source</th></tr>
 * <tr><td>Concurrent streams per HTTP/2 connection (none: the client waits for a slot)</td>
 * <td>the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}; further streams stay pending on the client</td>
 * <td>{@code connector.emulator.max-streams-per-connection} (100; tests 40)</td>
 * <td>gax {@code ChannelPoolSettings} javadoc ("spread load beyond ~100 concurrent RPCs"); Google front ends
 * announce about 100 (observed, not published per service)</td></tr>
 * <tr><td>Streams opened per minute and project ({@code quota})</td><td>{@code RESOURCE_EXHAUSTED} "Quota
 * exceeded for quota metric …"</td><td>{@code connector.emulator.rules.streams-per-minute} (300)</td>
 * <td>Agent Assist quotas page: {@code AnalyzeContentOperationsPerMinutePerProject}, 300 requests/min,
 * "AnalyzeContent/StreamingAnalyzeContent requests"; the text is Dialogflow's quota error</td></tr>
 * <tr><td>Only END_USER and HUMAN_AGENT stream ({@code role})</td><td>{@code INVALID_ARGUMENT}</td><td>–</td>
 * <td>participant.proto; Agent Assist voice docs (audio comes from the end user and the human agent)</td></tr>
 * <tr><td>Audio close to real time ({@code pace})</td><td>{@code OUT_OF_RANGE} "Audio data is being streamed too
 * fast. Please stream audio data approximately at real time."</td><td>{@code rules.max-pace-rate} (2.0) and
 * {@code rules.pace-burst} (5 s)</td><td>Speech-to-Text quotas page ("the audio must be sent at a rate that
 * approximates real time"); the text as Speech answers it (googleapis/google-cloud-java#1534). Google publishes
 * no tolerance: 2× after a 5 s burst admits a 3 s look-back replayed at once and a backlog drained at 2×, nothing
 * faster</td></tr>
 * <tr><td>Audio encoding and rate ({@code encoding}, {@code sample_rate})</td><td>{@code INVALID_ARGUMENT}
 * "Unsupported audio_encoding …" / "Unsupported sample_rate_hertz …"</td><td>–</td><td>audio_config.proto
 * ({@code AudioEncoding}, {@code InputAudioConfig.sample_rate_hertz}). The emulator accepts
 * {@code AUDIO_ENCODING_MULAW} at 8000 Hz and {@code AUDIO_ENCODING_LINEAR_16} at 8000 or 16000 Hz, what the
 * connector sends; Google's Speech accepts more encodings and rates (8000 to 48000 Hz, {@code RecognitionConfig}),
 * so the emulator refuses more than Google, never less</td></tr>
 * <tr><td>The audio plays at its declared rate ({@code audio_rate})</td><td>{@code INVALID_ARGUMENT} "The audio
 * arrives at about 8000 Hz but sample_rate_hertz is 16000: …"</td><td>{@code rules.audio-rate-after} (45 s),
 * {@code rules.audio-rate-window} (10 s), {@code rules.audio-rate-tolerance} (0.2)</td><td>audio_config.proto,
 * {@code InputAudioConfig.sample_rate_hertz}: "Sample rate (in Hertz) of the audio content sent in the query";
 * Speech-to-Text's {@code RecognitionConfig.sample_rate_hertz} ("Sample rate in Hertz of the audio data sent in
 * all RecognitionAudio messages. Valid values are: 8000-48000"): headerless audio is read at the declared rate.
 * Google does not refuse a mismatch: it hears the audio at twice or half its speed, and "the results could be
 * empty or wildly inaccurate" (googleapis/google-cloud-python#2948, on why Speech dropped its default rate). The
 * emulator is stricter: audio sent in real time at the wrong declared rate arrives at ½× or 2× the declared rate,
 * which it measures over a trailing window of wall time and refuses once it has lasted a further window. A
 * legitimate sender never trips it with the defaults: a stream is judged only from 45 s, when even a full
 * {@code pre-setup-buffer} (30 s) plus a 3 s look-back drained at the connector's 2× {@code catch-up-rate} has
 * caught up (by 33 s; the 10 s window is back near 1× by 37 s); a stall is bounded by the 5 s audio timeout, so
 * its dip and catch-up leave the window near ½× or 2× for well under a window; and the tests' 8× drains never last
 * 45 s. Only a sustained half or double rate, as real-time audio of the other rate produces, stays in the band
 * (±20 %) that long</td></tr>
 * <tr><td>Audio per request ({@code request_size})</td><td>{@code INVALID_ARGUMENT}</td>
 * <td>{@code rules.max-audio-bytes-per-request} (25 000)</td><td>Speech-to-Text quotas page: "Each request in
 * the stream is limited to 25 KB of audio" (Dialogflow publishes none of its own)</td></tr>
 * <tr><td>Language and model ({@code language}, {@code model})</td><td>{@code INVALID_ARGUMENT} "Invalid
 * recognition 'config': The requested model is currently not supported for language : xx-XX."</td>
 * <td>{@code rules.languages}, {@code rules.models}</td><td>Speech-to-Text's error for a language its model
 * does not recognise; language tags compared case-insensitively (BCP-47)</td></tr>
 * <tr><td>Completed conversation ({@code completed})</td><td>{@code FAILED_PRECONDITION} "Conversation has
 * completed." for new streams and for streams open when CompleteConversation runs</td><td>–</td>
 * <td>Google's Five9 connector treats this text as terminal; a completed conversation takes no more input</td></tr>
 * <tr><td>Stream length ({@code stream_limit})</td><td>{@code OUT_OF_RANGE} "Exceeded maximum allowed stream
 * duration of N seconds."</td><td>{@code stream-limit} (120 s), {@code rules.extended-stream-limit} (180 s)</td>
 * <td>participant.proto ("must not exceed 1 minute"; about 120 s in practice with
 * {@code output_multiple_utterances}, Google's connector recycles at 90 s); extended streaming: "Timeout: 3
 * mins" (participant.proto field 11)</td></tr>
 * <tr><td>Extended streaming only in the Agent Assist stage ({@code extended_streaming})</td>
 * <td>{@code INVALID_ARGUMENT}</td><td>–</td><td>participant.proto field 11 ("conversation should be in Assist
 * Stage … InvalidArgument Error will be returned"); Agent Assist extended streaming page</td></tr>
 * <tr><td>No audio for a while ({@code audio_timeout})</td><td>{@code OUT_OF_RANGE} "Audio Timeout Error …"</td>
 * <td>{@code audio-timeout} (5 s)</td><td>the error text Google's services send (reported in
 * googleapis/python-speech#489 and others)</td></tr>
 * <tr><td>Credentials ({@code unauthenticated})</td><td>{@code UNAUTHENTICATED} "Request is missing required
 * authentication credential …" / "Request had invalid authentication credentials …"</td>
 * <td>{@code auth.required} (false: dev and tests use plaintext without credentials), {@code auth.tokeninfo-url}
 * (a token is checked there and refused once expired)</td><td>every Google API; access tokens last about an
 * hour (google-auth-library {@code ComputeEngineCredentials})</td></tr>
 * </table>
 * Not modelled: {@code ConcurrentBidiStreamingSessionsPerProjectPerRegion} (50) applies to
 * BidiStreamingAnalyzeContent, which the connector does not use; the Chirp quota
 * ({@code SttV2StreamingRequestsPerMinutePerResourceTypePerRegion}, 20 new streams/min) applies to STT v2
 * profiles: set {@code rules.streams-per-minute} to it to rehearse one.
 *
 * <h2>Serving it over TLS, as Google is reached</h2>
 * The emulator is served by the application's HTTP server, so Quarkus' TLS settings serve it over TLS:
 * {@code QUARKUS_HTTP_SSL_PORT}, {@code QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE} (and its password), and
 * {@code QUARKUS_HTTP_INSECURE_REQUESTS=disabled}; with {@code CONNECTOR_EMULATOR_AUTH_REQUIRED=true} and
 * {@code CONNECTOR_EMULATOR_AUTH_TOKENINFO_URL} it checks tokens like Google. The TLS end-to-end test
 * ({@code ProductionPathIT}) runs it this way.
 *
 * <h2>Behaviour worth knowing</h2>
 * <ul>
 * <li>A call answered late (injected latency) is not answered once the deadline its client sent has passed
 * ({@code grpc-timeout}, read by {@link io.audiohook.connector.emulator.ClientDeadlines}): Google's servers stop on
 * a call its client gave up, and Quarkus' server reports neither the deadline nor the cancellation; a late answer
 * written to the cancelled stream broke the HTTP/2 connection and every call on it.</li>
 * <li>Stream length is the larger of the wall time since the configuration request and the duration
 * of the audio received; beyond {@code stream-limit}: {@code OUT_OF_RANGE} "Exceeded maximum allowed
 * stream duration of N seconds.". No audio for {@code audio-timeout} (wall clock, from the last audio
 * or the configuration request): {@code OUT_OF_RANGE} "Audio Timeout Error: Long duration elapsed
 * without audio. Audio should be sent close to real time.".</li>
 * <li>The k-th utterance of a role in a conversation (counted over all its streams, by finalized
 * utterances) gets that role's k-th script line, else "[utterance k of ROLE: no script line]".</li>
 * <li>Audio is decoded at its declared encoding and rate; 16 kHz LINEAR16 reaches the 8 kHz voice activity
 * detector with pairs of samples averaged (it measures energy only), and stream durations, the pace rule and
 * timings count time at the declared rate.</li>
 * <li>Timings ({@code speech_end_offset}, word offsets) are audio time since the stream's first
 * sample; interim results come every ~400 ms of speech, whatever the sending pace. Utterance boundaries are the
 * voice-activity detector's; words share the utterance's voiced time by length and never sit in a pause of
 * 150 ms or more between its sentences ({@code VoicedSpans}), so offsets can be checked against the audio.</li>
 * <li>Everything is in memory and bounded ({@code max-conversations}, oldest completed evicted; the last 1000
 * messages of a conversation; the last 100 stream records of a participant; the profiles and generators of the
 * file, read once at start).</li>
 * <li>A restart forgets everything unless {@code connector.emulator.journal} names a file: then conversations,
 * participants and completions survive it ({@code ConversationJournal}), as Google's service keeps a conversation
 * and its participants across its own restarts for the retention period (30 days for a completed one: reference
 * {@code agent-assist-contract.md}, "A completed conversation keeps its name"). Messages are not journaled.</li>
 * </ul>
 */
package io.audiohook.connector.emulator;
