package io.audiohook.connector.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns client text frames into {@link ClientMessage}s in two steps, like the reference server: first the
 * envelope (so sequence and id rules can be enforced before anything else), then the typed parameters.
 * Extra keys are ignored everywhere so that newer clients keep working.
 */
public final class ClientMessageCodec {
    public static final int MAX_TEXT_CHARS = 65_535;
    public static final int SAMPLE_RATE = 8000;

    /** Lenient on purpose: BCP-47-like tags such as {@code cmn-Hans-CN} must not end a call. */
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private ClientMessageCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static boolean isValidLanguage(String language) {
        return language != null && LANGUAGE.matcher(language).matches();
    }

    /** Size, JSON syntax and common fields. */
    public static ClientMessage.Envelope decodeEnvelope(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new ProtocolViolation(ProtocolViolation.TOO_LARGE);
        }
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(text)) {
            root = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new ProtocolViolation(ProtocolViolation.NOT_JSON);
            }
        } catch (IOException e) {
            throw new ProtocolViolation(ProtocolViolation.NOT_JSON);
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolViolation(ProtocolViolation.NOT_JSON);
        }
        JsonNode version = root.get("version");
        JsonNode id = root.get("id");
        JsonNode type = root.get("type");
        JsonNode seq = root.get("seq");
        JsonNode serverseq = root.get("serverseq");
        JsonNode position = root.get("position");
        JsonNode parameters = root.get("parameters");
        if (version == null || !version.isTextual()
                || id == null || !id.isTextual() || !Uuids.isValid(id.textValue())
                || type == null || !type.isTextual() || type.textValue().isEmpty()
                || !isNonNegativeLong(seq) || !isNonNegativeLong(serverseq)
                || position == null || !position.isTextual() || !Durations.isValid(position.textValue())
                || parameters == null || !parameters.isObject()) {
            throw new ProtocolViolation(ProtocolViolation.MALFORMED);
        }
        if (!"2".equals(version.textValue())) {
            throw new ProtocolViolation(ProtocolViolation.UNSUPPORTED_VERSION);
        }
        return new ClientMessage.Envelope(id.textValue(), type.textValue(), seq.longValue(), serverseq.longValue(),
                Durations.parseNanos(position.textValue()), (ObjectNode) parameters);
    }

    /** Typed parameters; a known type with bad parameters is a violation, an unknown type is not. */
    public static ClientMessage decodeParameters(ClientMessage.Envelope envelope) {
        ObjectNode p = envelope.parameters();
        try {
            return switch (envelope.type()) {
                case "open" -> new ClientMessage.Open(envelope, open(p));
                case "close" -> new ClientMessage.Close(envelope, requiredText(p, "reason"));
                case "ping" -> new ClientMessage.Ping(envelope, optionalDuration(p, "rtt"));
                case "paused" -> new ClientMessage.Paused(envelope);
                case "resumed" -> new ClientMessage.Resumed(envelope, requiredDuration(p, "start"),
                        requiredDuration(p, "discarded"));
                case "discarded" -> new ClientMessage.Discarded(envelope, requiredDuration(p, "start"),
                        requiredDuration(p, "discarded"));
                case "update" -> new ClientMessage.Update(envelope, optionalLanguage(p));
                case "error" -> new ClientMessage.Error(envelope, errorCode(p), requiredText(p, "message"),
                        optionalDuration(p, "retryAfter"));
                default -> new ClientMessage.Unknown(envelope);
            };
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation(ProtocolViolation.BAD_PARAMETERS);
        }
    }

    public static ClientMessage decode(String text) {
        return decodeParameters(decodeEnvelope(text));
    }

    private static OpenParameters open(ObjectNode p) {
        String organizationId = requiredUuid(p, "organizationId");
        String conversationId = requiredUuid(p, "conversationId");
        JsonNode participantNode = p.get("participant");
        if (participantNode == null || !participantNode.isObject()) {
            throw new IllegalArgumentException("participant");
        }
        ObjectNode participantObject = (ObjectNode) participantNode;
        Participant participant = new Participant(requiredUuid(participantObject, "id"),
                requiredText(participantObject, "ani"), requiredText(participantObject, "aniName"),
                requiredText(participantObject, "dnis"));
        JsonNode mediaNode = p.get("media");
        if (mediaNode == null || !mediaNode.isArray()) {
            throw new IllegalArgumentException("media");
        }
        List<MediaOffer> media = new ArrayList<>();
        for (JsonNode entry : mediaNode) {
            if (!entry.isObject()) {
                throw new IllegalArgumentException("media entry");
            }
            mediaOffer((ObjectNode) entry).ifPresent(media::add);
        }
        Optional<String> language = optionalLanguage(p);
        JsonNode supported = p.get("supportedLanguages");
        if (supported != null && !supported.isNull() && !supported.isBoolean()) {
            throw new IllegalArgumentException("supportedLanguages");
        }
        List<ContinuedSession> continued = new ArrayList<>();
        JsonNode continuedNode = p.get("continuedSessions");
        if (continuedNode != null && !continuedNode.isNull()) {
            if (!continuedNode.isArray()) {
                throw new IllegalArgumentException("continuedSessions");
            }
            for (JsonNode c : continuedNode) {
                if (!c.isObject() || !isNonNegativeLong(c.get("serverseq")) || !isNonNegativeLong(c.get("clientseq"))) {
                    throw new IllegalArgumentException("continuedSessions entry");
                }
                continued.add(new ContinuedSession(requiredUuid((ObjectNode) c, "id"), c.get("serverseq").longValue(),
                        c.get("clientseq").longValue()));
            }
        }
        JsonNode customConfig = p.get("customConfig");
        if (customConfig != null && !customConfig.isNull() && !customConfig.isObject()) {
            throw new IllegalArgumentException("customConfig");
        }
        return new OpenParameters(organizationId, conversationId, participant, media, language,
                supported != null && supported.booleanValue(), continued,
                customConfig != null && customConfig.isObject() ? (ObjectNode) customConfig : MAPPER.createObjectNode());
    }

    /**
     * Entries that are well formed but that this server cannot take (another rate or format) are skipped
     * rather than failing the open: the selection simply never picks them.
     */
    private static Optional<MediaOffer> mediaOffer(ObjectNode entry) {
        String type = requiredText(entry, "type");
        String formatName = requiredText(entry, "format");
        JsonNode channelsNode = entry.get("channels");
        JsonNode rateNode = entry.get("rate");
        if (channelsNode == null || !channelsNode.isArray() || rateNode == null || !rateNode.isIntegralNumber()) {
            throw new IllegalArgumentException("media entry");
        }
        List<Channel> channels = new ArrayList<>(2);
        for (JsonNode c : channelsNode) {
            if (!c.isTextual()) {
                throw new IllegalArgumentException("media channel");
            }
            Optional<Channel> channel = Channel.fromWire(c.textValue());
            if (channel.isEmpty() || channels.contains(channel.get())) {
                return Optional.empty();
            }
            channels.add(channel.get());
        }
        Optional<MediaFormat> format = MediaFormat.fromWire(formatName);
        // canConvertToInt first: intValue() truncates, so 4294975296 (2^32 + 8000) would pass for 8000.
        if (!"audio".equals(type) || format.isEmpty() || !rateNode.canConvertToInt() || rateNode.intValue() != SAMPLE_RATE
                || channels.isEmpty() || channels.size() > 2) {
            return Optional.empty();
        }
        return Optional.of(new MediaOffer(format.get(), channels, rateNode.intValue(), entry.deepCopy()));
    }

    private static int errorCode(ObjectNode p) {
        JsonNode code = p.get("code");
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            throw new IllegalArgumentException("code");
        }
        return code.intValue();
    }

    private static Optional<String> optionalLanguage(ObjectNode p) {
        JsonNode language = p.get("language");
        if (language == null || language.isNull()) {
            return Optional.empty();
        }
        if (!language.isTextual() || !isValidLanguage(language.textValue())) {
            throw new IllegalArgumentException("language");
        }
        return Optional.of(language.textValue());
    }

    private static String requiredText(ObjectNode p, String name) {
        JsonNode node = p.get(name);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(name);
        }
        return node.textValue();
    }

    private static String requiredUuid(ObjectNode p, String name) {
        String value = requiredText(p, name);
        if (!Uuids.isValid(value)) {
            throw new IllegalArgumentException(name);
        }
        return value;
    }

    private static long requiredDuration(ObjectNode p, String name) {
        return Durations.parseNanos(requiredText(p, name));
    }

    private static OptionalLong optionalDuration(ObjectNode p, String name) {
        JsonNode node = p.get(name);
        if (node == null || node.isNull()) {
            return OptionalLong.empty();
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(name);
        }
        return OptionalLong.of(Durations.parseNanos(node.textValue()));
    }

    private static boolean isNonNegativeLong(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0;
    }
}
