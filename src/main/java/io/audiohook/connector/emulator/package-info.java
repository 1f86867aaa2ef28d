/**
 * An emulator of Google Dialogflow's v2beta1 gRPC services, so the connector, its tests, demos and
 * benchmarks can run against "Dialogflow" without a Google project. It implements Google's own
 * service stubs and answers Google's own Java client over real gRPC.
 *
 * <h2>What it serves</h2>
 * ConversationProfiles.GetConversationProfile (one profile from configuration, Agent Assist shaped:
 * FAQ suggestions, sentiment analysis on); Conversations.CreateConversation / GetConversation /
 * CompleteConversation; Participants.CreateParticipant / ListParticipants / StreamingAnalyzeContent.
 * Every other method answers {@code UNIMPLEMENTED}. StreamingAnalyzeContent checks requests as the
 * service does, cuts the audio into utterances with an energy-based voice activity detector and
 * answers each with interim results, a final result and the analysed message; the words come from a
 * script file ({@code external:}/{@code internal:} lines), FAQ answers from a knowledge file
 * ({@code keyword | question | answer}). {@link io.audiohook.connector.emulator.EmulatorControl}
 * injects faults and latency at run time and tells tests what the emulator received.
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
 * {@code emulator/script.txt} and {@code emulator/knowledge.txt}, at {@code localhost:8080}.</li>
 * <li><b>The packaged application with the emulator in-process</b>:
 * {@code CONNECTOR_EMULATOR_ENABLED=true java -jar target/quarkus-app/quarkus-run.jar}; it then
 * answers gRPC on {@code PORT} (8080) beside the AudioHook endpoints. Add
 * {@code CONNECTOR_EMULATOR_SCRIPT=emulator/script.txt} and
 * {@code CONNECTOR_EMULATOR_KNOWLEDGE=emulator/knowledge.txt} for the shipped script and FAQ.</li>
 * <li><b>The emulator alone, as its own process</b> (benchmarks):
 * {@code QUARKUS_PROFILE=emulator java -jar target/quarkus-app/quarkus-run.jar}; the {@code emulator}
 * profile enables it with the shipped files, refuses every AudioHook session
 * ({@code connector.sessions.max=0}) and listens on {@code EMULATOR_PORT} (8090).</li>
 * </ol>
 * Clients connect in plaintext without credentials: endpoint {@code localhost:<port>},
 * {@code NoCredentialsProvider}, and a transport channel provider whose channel configurator applies
 * {@code usePlaintext()}.
 *
 * <h2>Behaviour worth knowing</h2>
 * <ul>
 * <li>Stream length is the larger of the wall time since the configuration request and the duration
 * of the audio received; beyond {@code stream-limit}: {@code OUT_OF_RANGE} "Exceeded maximum allowed
 * stream duration of N seconds.". No audio for {@code audio-timeout} (wall clock, from the last audio
 * or the configuration request): {@code OUT_OF_RANGE} "Audio Timeout Error: Long duration elapsed
 * without audio. Audio should be sent close to real time.".</li>
 * <li>The k-th utterance of a role in a conversation (counted over all its streams, by finalized
 * utterances) gets that role's k-th script line, else "[utterance k of ROLE: no script line]".</li>
 * <li>Timings ({@code speech_end_offset}, word offsets) are audio time since the stream's first
 * sample; interim results come every ~400 ms of speech, whatever the sending pace.</li>
 * <li>Everything is in memory and bounded ({@code max-conversations}, oldest completed evicted).</li>
 * </ul>
 */
package io.audiohook.connector.emulator;
