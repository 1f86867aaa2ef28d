package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.contract.ProtocolSchemas;
import io.audiohook.connector.testkit.property.ClientMessageGen;
import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.JsonGen;
import io.audiohook.connector.testkit.property.Property;
import io.audiohook.connector.testkit.property.Texts;

/**
 * Server messages as {@link ServerMessages} writes them: they parse back to what was sent, with seq and clientseq up
 * to {@code Long.MAX_VALUE} and text of any kind, the published schema accepts them, and {@code opened} echoes the
 * chosen offer exactly as the client wrote it.
 */
class ServerMessagesPropertyTest {
    static final String SID = ProtocolSessionTest.SID;

    record Sent(ServerMessages.Outgoing message, String sessionId, long seq, long clientseq) {
    }

    static Gen<String> announcedLanguages() {
        Gen<String> lower = Texts.strings(Texts.of("abcdefghijklmnopqrstuvwxyz"), 2, 3);
        Gen<String> region = Texts.strings(Texts.of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), 2, 3);
        return random -> lower.next(random) + "-" + region.next(random);
    }

    static Gen<ServerMessages.Outgoing> outgoing() {
        Gen<Optional<MediaOffer>> media = Gen.<Optional<MediaOffer>>choice()
                .or(1, Gen.constant(Optional.empty()))
                .or(3, random -> {
                    MediaFormat format = Gen.element(MediaFormat.values()).next(random);
                    List<Channel> channels = Gen.element(List.of(Channel.EXTERNAL), List.of(Channel.INTERNAL),
                            List.of(Channel.EXTERNAL, Channel.INTERNAL), List.of(Channel.INTERNAL, Channel.EXTERNAL))
                            .next(random);
                    var wire = JsonGen.MAPPER.createObjectNode().put("type", "audio").put("format", format.name());
                    channels.forEach(c -> wire.withArray("channels").add(c.wireName()));
                    wire.put("rate", 8000);
                    return Optional.of(new MediaOffer(format, channels, 8000, wire));
                });
        Gen<Optional<List<String>>> languages = Gen.<Optional<List<String>>>choice()
                .or(1, Gen.constant(Optional.empty()))
                .or(1, Gen.lists(announcedLanguages(), 0, 5).map(Optional::of));
        return Gen.oneOf(
                random -> ServerMessages.opened(media.next(random), random.nextBoolean(), languages.next(random)),
                Gen.constant(ServerMessages.closed()),
                Gen.constant(ServerMessages.pong()),
                Gen.constant(ServerMessages.pause()),
                Gen.constant(ServerMessages.resume()),
                Gen.constant(ServerMessages.updated()),
                random -> ServerMessages.disconnect(Gen.element(DisconnectReason.values()).next(random),
                        Gen.<Optional<String>>choice().or(1, Gen.constant(Optional.empty()))
                                .or(3, Texts.anyStrings(80).map(Optional::of)).next(random)),
                random -> ServerMessages.event(Gen.lists(JsonGen.objects(JsonGen.values(3), List.of("type", "data")),
                        1, 3).next(random)));
    }

    static Gen<Sent> sent() {
        return random -> new Sent(outgoing().next(random), ClientMessageGen.uuids().next(random),
                Gen.longs(1, Long.MAX_VALUE).next(random), Gen.longs(0, Long.MAX_VALUE).next(random));
    }

    @Test
    void anEncodedMessageReadsBackAsSentAndAsTheSchemaSays() {
        ProtocolSchemas schemas = ProtocolSchemas.shared();
        Property.forAll(sent()).trials(2_000)
                .check("an encoded server message parses back to what was sent, and the schema accepts it", sent -> {
                    JsonNode parsed = JsonGen.parse(ServerMessages.encode(sent.message(), sent.sessionId(), sent.seq(),
                            sent.clientseq()));
                    assertEquals(Set.of("version", "type", "id", "seq", "clientseq", "parameters"),
                            Set.copyOf(iterable(parsed.fieldNames())));
                    assertEquals("2", parsed.get("version").textValue());
                    assertEquals(sent.message().type(), parsed.get("type").textValue());
                    assertEquals(sent.sessionId(), parsed.get("id").textValue());
                    assertTrue(parsed.get("seq").canConvertToLong() && parsed.get("clientseq").canConvertToLong());
                    assertEquals(sent.seq(), parsed.get("seq").longValue());
                    assertEquals(sent.clientseq(), parsed.get("clientseq").longValue());
                    assertEquals(JsonGen.parse(JsonGen.text(sent.message().parameters())), parsed.get("parameters"));
                    if (sent.message().type().equals("event")) {
                        return "event (its entities are not the schema's)";
                    }
                    assertEquals(Set.of(), schemas.validateServerMessage(parsed));
                    return sent.message().type();
                })
                .assertSeen("opened", "closed", "pong", "pause", "resume", "updated", "disconnect",
                        "event (its entities are not the schema's)");
    }

    @Test
    void openedEchoesTheChosenOfferAsOffered() {
        Gen<ClientMessageGen.Generated> opensWithMedia = random -> {
            while (true) {
                ClientMessageGen.Generated generated = ClientMessageGen.valid("open").next(random);
                if (generated.expected() instanceof ClientMessage.Open open && !open.parameters().media().isEmpty()) {
                    return generated;
                }
            }
        };
        Property.forAll(opensWithMedia).trials(500)
                .check("opened carries the chosen media entry exactly as the open offered it", generated -> {
                    ClientMessage.Open open = (ClientMessage.Open) ClientMessageCodec.decode(generated.text());
                    List<JsonNode> offered = iterable(JsonGen.parse(generated.text()).get("parameters").get("media")
                            .elements());
                    for (MediaOffer offer : open.parameters().media()) {
                        JsonNode opened = JsonGen.parse(ServerMessages.encode(
                                ServerMessages.opened(Optional.of(offer), false, Optional.empty()), SID, 1, 1));
                        JsonNode echoed = opened.get("parameters").get("media").get(0);
                        assertTrue(offered.contains(echoed), echoed + " is not one of " + offered);
                        assertEquals(offer.wire(), echoed);
                    }
                    return open.parameters().media().size() + " offers";
                })
                .assertSeen("1 offers", "2 offers");
    }

    static <T> List<T> iterable(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
