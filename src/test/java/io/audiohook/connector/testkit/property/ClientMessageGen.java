package io.audiohook.connector.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.ClientMessage;
import io.audiohook.connector.protocol.ClientMessageCodec;
import io.audiohook.connector.protocol.ContinuedSession;
import io.audiohook.connector.protocol.MediaFormat;
import io.audiohook.connector.protocol.MediaOffer;
import io.audiohook.connector.protocol.OpenParameters;
import io.audiohook.connector.protocol.Participant;
import io.audiohook.connector.protocol.Uuids;

/**
 * AudioHook client messages of every type, valid in every way the protocol allows (ids in either case, seq and
 * position up to {@code Long.MAX_VALUE}, lenient durations, unknown keys, media offers this server skips), each
 * with what decoding it must give; and near misses of them.
 */
public final class ClientMessageGen {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    public static final List<String> TYPES =
            List.of("open", "close", "ping", "paused", "resumed", "discarded", "update", "error");
    /** Names a mutation or a random object is likely to hit, so that near misses reach the typed checks. */
    private static final List<String> KEYS = List.of("version", "id", "type", "seq", "serverseq", "position",
            "parameters", "organizationId", "conversationId", "participant", "media", "language", "channels", "rate",
            "format", "start", "discarded", "rtt", "code", "message", "reason", "customConfig", "continuedSessions");

    /** A valid message's text and the message decoding it must give. */
    public record Generated(String text, ClientMessage expected) {
    }

    private record Body(String type, ObjectNode parameters, Function<ClientMessage.Envelope, ClientMessage> expected) {
    }

    private ClientMessageGen() {
    }

    public static Gen<String> uuids() {
        return random -> {
            if (random.nextInt(10) == 0) {
                return Uuids.NULL_UUID;
            }
            StringBuilder sb = new StringBuilder(36);
            boolean upper = random.nextInt(3) == 0;
            for (int i = 0; i < 36; i++) {
                sb.append(i == 8 || i == 13 || i == 18 || i == 23 ? '-'
                        : (upper ? "0123456789ABCDEF" : "0123456789abcdef").charAt(random.nextInt(16)));
            }
            return sb.toString();
        };
    }

    public static Gen<String> languages() {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Gen<String> subtag = Texts.strings(Texts.of(letters + "0123456789"), 2, 8);
        Gen<String> primary = Texts.strings(Texts.of(letters), 2, 3);
        return random -> {
            StringBuilder sb = new StringBuilder(primary.next(random));
            for (int i = random.nextInt(4); i > 0; i--) {
                sb.append('-').append(subtag.next(random));
            }
            return sb.toString();
        };
    }

    public static Gen<Generated> valid() {
        return valid(null);
    }

    /** Valid messages of one type (the known types and unknown ones when null). */
    public static Gen<Generated> valid(String onlyType) {
        return random -> {
            String id = uuids().next(random);
            long seq = Gen.longs(0, Long.MAX_VALUE).next(random);
            long serverseq = Gen.longs(0, Long.MAX_VALUE).next(random);
            long position = DurationGen.nanos().next(random);
            Body body = body(onlyType, random);
            ObjectNode message = NODES.objectNode();
            List<Runnable> fields = new ArrayList<>(List.of(
                    () -> message.put("version", "2"),
                    () -> message.put("id", id),
                    () -> message.put("type", body.type),
                    () -> message.put("seq", seq),
                    () -> message.put("serverseq", serverseq),
                    () -> message.put("position", DurationGen.spelling(position).next(random)),
                    () -> message.set("parameters", body.parameters)));
            if (random.nextInt(4) == 0) {
                String extra = Texts.anyStrings(8).next(random) + "_extra";
                fields.add(() -> message.set(extra, JsonGen.values(1).next(random)));
            }
            for (int i = fields.size() - 1; i > 0; i--) {
                java.util.Collections.swap(fields, i, random.nextInt(i + 1));
            }
            fields.forEach(Runnable::run);
            String text = JsonGen.text(message);
            ObjectNode parsed = (ObjectNode) JsonGen.parse(text).get("parameters");
            return new Generated(text,
                    body.expected.apply(new ClientMessage.Envelope(id, body.type, seq, serverseq, position, parsed)));
        };
    }

    /** Valid messages with a few things wrong, in the tree or in the text, and JSON and text of any kind. */
    public static Gen<String> nearMisses() {
        Gen<String> validText = valid().map(Generated::text);
        return Gen.<String>choice()
                .or(12, Mutations.ofTree(validText.map(JsonGen::parse)).map(JsonGen::text))
                .or(8, Mutations.ofText(validText))
                .or(2, JsonGen.values(4, KEYS).map(JsonGen::text))
                .or(2, JsonGen.hostileTexts())
                .or(2, Texts.anyStrings(200))
                .or(1, random -> atSizeLimit(validText.next(random), random));
    }

    /** A valid text padded with whitespace to within two characters of the codec's size limit, either side. */
    private static String atSizeLimit(String text, SplittableRandom random) {
        int target = ClientMessageCodec.MAX_TEXT_CHARS + random.nextInt(-2, 3);
        return text.length() >= target ? text : text + " ".repeat(target - text.length());
    }

    private static Body body(String onlyType, SplittableRandom random) {
        ObjectNode p = NODES.objectNode();
        if (random.nextInt(5) == 0) {
            p.set("unknown" + random.nextInt(100), JsonGen.values(2).next(random));
        }
        String type = onlyType != null ? onlyType
                : random.nextInt(10) == 0 ? "x-" + Texts.anyStrings(10).next(random) : Gen.element(TYPES).next(random);
        return switch (type) {
            case "open" -> open(p, random);
            case "close" -> {
                String reason = Texts.anyStrings(30).next(random);
                p.put("reason", reason);
                yield new Body(type, p, e -> new ClientMessage.Close(e, reason));
            }
            case "ping" -> {
                OptionalLong rtt = optionalDuration(p, "rtt", random);
                yield new Body(type, p, e -> new ClientMessage.Ping(e, rtt));
            }
            case "paused" -> new Body(type, p, ClientMessage.Paused::new);
            case "resumed", "discarded" -> {
                long start = duration(p, "start", random);
                long discarded = duration(p, "discarded", random);
                yield new Body(type, p, e -> type.equals("resumed") ? new ClientMessage.Resumed(e, start, discarded)
                        : new ClientMessage.Discarded(e, start, discarded));
            }
            case "update" -> {
                Optional<String> language = optionalLanguage(p, random);
                yield new Body(type, p, e -> new ClientMessage.Update(e, language));
            }
            case "error" -> {
                int code = Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE).next(random);
                String message = Texts.anyStrings(40).next(random);
                p.put("code", code).put("message", message);
                OptionalLong retryAfter = optionalDuration(p, "retryAfter", random);
                yield new Body(type, p, e -> new ClientMessage.Error(e, code, message, retryAfter));
            }
            default -> new Body(type, p, ClientMessage.Unknown::new);
        };
    }

    private static Body open(ObjectNode p, SplittableRandom random) {
        String organizationId = uuids().next(random);
        String conversationId = uuids().next(random);
        Participant participant = new Participant(uuids().next(random), Texts.anyStrings(20).next(random),
                Texts.anyStrings(20).next(random), Texts.anyStrings(20).next(random));
        p.put("organizationId", organizationId).put("conversationId", conversationId);
        p.putObject("participant").put("id", participant.id()).put("ani", participant.ani())
                .put("aniName", participant.aniName()).put("dnis", participant.dnis());
        ArrayNode media = p.putArray("media");
        List<Integer> acceptable = new ArrayList<>();
        for (int i = Gen.sizes(0, 4).next(random); i > 0; i--) {
            if (mediaEntry(media.addObject(), random)) {
                acceptable.add(media.size() - 1);
            }
        }
        Optional<String> language = optionalLanguage(p, random);
        boolean supportedLanguages = random.nextInt(3) == 0;
        switch (random.nextInt(3)) {
            case 0 -> p.put("supportedLanguages", supportedLanguages);
            case 1 -> p.putNull("supportedLanguages");
            default -> {
            }
        }
        boolean saysSupported = p.path("supportedLanguages").asBoolean(false);
        List<ContinuedSession> continued = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            ArrayNode sessions = p.putArray("continuedSessions");
            for (int i = Gen.sizes(0, 3).next(random); i > 0; i--) {
                ContinuedSession c = new ContinuedSession(uuids().next(random),
                        Gen.longs(0, Long.MAX_VALUE).next(random), Gen.longs(0, Long.MAX_VALUE).next(random));
                sessions.addObject().put("id", c.id()).put("serverseq", c.serverseq()).put("clientseq", c.clientseq());
                continued.add(c);
            }
        }
        switch (random.nextInt(3)) {
            case 0 -> p.set("customConfig", JsonGen.objects(JsonGen.values(3), CustomConfigGen.KEYS).next(random));
            case 1 -> p.putNull("customConfig");
            default -> {
            }
        }
        return new Body("open", p, e -> {
            ObjectNode wire = e.parameters();
            List<MediaOffer> offers = new ArrayList<>();
            for (int index : acceptable) {
                ObjectNode entry = (ObjectNode) wire.get("media").get(index);
                List<Channel> channels = new ArrayList<>();
                entry.get("channels").forEach(c -> channels.add(Channel.fromWire(c.textValue()).orElseThrow()));
                offers.add(new MediaOffer(MediaFormat.valueOf(entry.get("format").textValue()), channels, 8000, entry));
            }
            JsonNode customConfig = wire.get("customConfig");
            return new ClientMessage.Open(e, new OpenParameters(organizationId, conversationId, participant, offers,
                    language, saysSupported, continued,
                    customConfig instanceof ObjectNode object ? object : NODES.objectNode()));
        });
    }

    /** Fills a well-formed media entry; true when this server can take it, false when it must skip it. */
    private static boolean mediaEntry(ObjectNode entry, SplittableRandom random) {
        boolean acceptable = random.nextInt(3) > 0;
        List<String> channels = new ArrayList<>(Gen.element(List.of("external"), List.of("internal"),
                List.of("external", "internal"), List.of("internal", "external")).next(random));
        String format = Gen.element("PCMU", "L16").next(random);
        String type = "audio";
        long rate = 8000;
        if (!acceptable) {
            switch (random.nextInt(5)) {
                case 0 -> rate = Gen.element(16000L, 0L, -8000L, (1L << 32) + 8000, Long.MAX_VALUE).next(random);
                case 1 -> format = Gen.element("pcmu", "opus", "L16 ", "").next(random);
                case 2 -> type = Gen.element("video", "Audio", "").next(random);
                case 3 -> channels = List.of();
                default -> channels.add(random.nextBoolean() ? channels.get(0) : "left");
            }
        }
        entry.put("type", type).put("format", format);
        channels.forEach(entry.putArray("channels")::add);
        entry.put("rate", rate);
        return acceptable;
    }

    private static long duration(ObjectNode p, String name, SplittableRandom random) {
        long nanos = DurationGen.nanos().next(random);
        p.put(name, DurationGen.spelling(nanos).next(random));
        return nanos;
    }

    private static OptionalLong optionalDuration(ObjectNode p, String name, SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> OptionalLong.of(duration(p, name, random));
            case 1 -> {
                p.putNull(name);
                yield OptionalLong.empty();
            }
            default -> OptionalLong.empty();
        };
    }

    private static Optional<String> optionalLanguage(ObjectNode p, SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                String language = languages().next(random);
                p.put("language", language);
                yield Optional.of(language);
            }
            case 1 -> {
                p.putNull("language");
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }
}
