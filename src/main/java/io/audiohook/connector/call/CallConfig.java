package io.audiohook.connector.call;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.protocol.Channel;

/**
 * One call's settings from the integration's {@code open.customConfig} (the schema is
 * {@code audiohook-protocol/schemas/custom-config.json}). Every key is optional; unknown keys are ignored with a
 * DEBUG line, so an integration may carry settings of a newer version. A known key with a bad value refuses the
 * call, naming the key.
 *
 * @param conversationProfile one of the deployment's allowed profiles instead of its default
 * @param language            recognition language when {@code open.language} is absent
 * @param customerChannel     the negotiated channel that is the customer (END_USER); the other is the agent
 * @param mode                overrides the mode of the path the call came on
 * @param agentAssist         false: nothing of the call reaches the agent desktop (in transcription mode Dialogflow
 *                            still recognises it for Genesys; in monitor mode it is not sent to Dialogflow at all)
 * @param startPaused         overrides {@code CONNECTOR_PROTOCOL_START_PAUSED} for this call
 * @param audioEncoding       overrides {@code CONNECTOR_ASSIST_AUDIO_ENCODING}: what the call is sent to Dialogflow as
 */
public record CallConfig(Optional<String> conversationProfile, Optional<String> language, Channel customerChannel,
        Optional<CallMode> mode, Optional<Boolean> agentAssist, Optional<Boolean> startPaused,
        Optional<RecognizerEncoding> audioEncoding) {

    private static final Logger LOG = Logger.getLogger(CallConfig.class);
    /** BCP 47 as Genesys and Dialogflow write it: {@code en-US}, {@code cmn-Hans-CN}. */
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$");
    private static final Pattern PROFILE = Pattern.compile("^projects/[^/]+/locations/[^/]+/conversationProfiles/[^/]+$");

    /** No customConfig: the deployment's defaults, external = customer. */
    public static final CallConfig DEFAULTS = new CallConfig(Optional.empty(), Optional.empty(), Channel.EXTERNAL,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** A value the schema does not allow; the message names the key and what it takes. */
    public static final class Invalid extends Exception {
        Invalid(String key, String takes) {
            super("customConfig." + key + " " + takes);
        }
    }

    /**
     * @param allowedProfiles the profiles a call may ask for ({@code CONNECTOR_ASSIST_ALLOWED_PROFILES})
     * @param sessionId       for the DEBUG line about unknown keys
     */
    public static CallConfig parse(ObjectNode customConfig, Set<String> allowedProfiles, String sessionId)
            throws Invalid {
        if (customConfig == null || customConfig.isEmpty()) {
            return DEFAULTS;
        }
        Optional<String> profile = Optional.empty();
        Optional<String> language = Optional.empty();
        Channel customer = Channel.EXTERNAL;
        Optional<CallMode> mode = Optional.empty();
        Optional<Boolean> agentAssist = Optional.empty();
        Optional<Boolean> startPaused = Optional.empty();
        Optional<RecognizerEncoding> audioEncoding = Optional.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = customConfig.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "conversationProfile" -> profile = Optional.of(profile(value, allowedProfiles));
                case "language" -> language = Optional.of(language(value));
                case "channels" -> customer = customerChannel(value);
                case "mode" -> mode = Optional.of(mode(value));
                case "agentAssist" -> agentAssist = Optional.of(bool(key, value));
                case "startPaused" -> startPaused = Optional.of(bool(key, value));
                case "audioEncoding" -> audioEncoding = Optional.of(audioEncoding(value));
                default -> LOG.debugf("session %s: customConfig key '%s' is not one of this version's; ignored",
                        sessionId, key);
            }
        }
        return new CallConfig(profile, language, customer, mode, agentAssist, startPaused, audioEncoding);
    }

    private static String profile(JsonNode value, Set<String> allowed) throws Invalid {
        if (!value.isTextual() || !PROFILE.matcher(value.asText()).matches()) {
            throw new Invalid("conversationProfile",
                    "must be a profile name: projects/<project>/locations/<location>/conversationProfiles/<id>");
        }
        if (!allowed.contains(value.asText())) {
            throw new Invalid("conversationProfile",
                    "must be one of the deployment's allowed profiles (CONNECTOR_ASSIST_ALLOWED_PROFILES)");
        }
        return value.asText();
    }

    private static String language(JsonNode value) throws Invalid {
        if (!value.isTextual() || !LANGUAGE.matcher(value.asText()).matches()) {
            throw new Invalid("language", "must be a language code such as en-US");
        }
        return value.asText();
    }

    /** {@code {"customer": "internal", "agent": "external"}}: both, and different. */
    private static Channel customerChannel(JsonNode value) throws Invalid {
        Optional<Channel> customer = value.isObject() ? channel(value.get("customer")) : Optional.empty();
        Optional<Channel> agent = value.isObject() ? channel(value.get("agent")) : Optional.empty();
        if (customer.isEmpty() || agent.isEmpty() || customer.equals(agent) || value.size() != 2) {
            throw new Invalid("channels", "must name the customer's and the agent's channel, "
                    + "e.g. {\"customer\":\"external\",\"agent\":\"internal\"}");
        }
        return customer.get();
    }

    private static Optional<Channel> channel(JsonNode value) {
        return value != null && value.isTextual() ? Channel.fromWire(value.asText()) : Optional.empty();
    }

    private static CallMode mode(JsonNode value) throws Invalid {
        Optional<CallMode> mode = value.isTextual() ? CallMode.fromWire(value.asText()) : Optional.empty();
        if (mode.isEmpty()) {
            throw new Invalid("mode", "must be \"monitor\" or \"transcription\"");
        }
        return mode.get();
    }

    private static RecognizerEncoding audioEncoding(JsonNode value) throws Invalid {
        Optional<RecognizerEncoding> encoding = value.isTextual() ? RecognizerEncoding.fromWireName(value.asText())
                : Optional.empty();
        if (encoding.isEmpty()) {
            throw new Invalid("audioEncoding", "must be \"mulaw-8k\", \"linear16-8k\" or \"linear16-16k\"");
        }
        return encoding.get();
    }

    private static boolean bool(String key, JsonNode value) throws Invalid {
        if (!value.isBoolean()) {
            throw new Invalid(key, "must be true or false");
        }
        return value.asBoolean();
    }

    /** Whether the call's results reach the agent desktop: unless {@code agentAssist} turned it off. */
    public boolean assists() {
        return agentAssist.orElse(true);
    }

    /** The channel of the agent: the other one. */
    public Channel agentChannel() {
        return customerChannel == Channel.EXTERNAL ? Channel.INTERNAL : Channel.EXTERNAL;
    }

    /** What a log line or the sessions API may show: settings only, nothing of the caller. */
    public String summary() {
        StringBuilder text = new StringBuilder("customer=").append(customerChannel.wireName());
        conversationProfile.ifPresent(p -> text.append(" profile=").append(p));
        language.ifPresent(l -> text.append(" language=").append(l));
        mode.ifPresent(m -> text.append(" mode=").append(m.wireName()));
        agentAssist.ifPresent(a -> text.append(" agentAssist=").append(a));
        startPaused.ifPresent(s -> text.append(" startPaused=").append(s));
        audioEncoding.ifPresent(e -> text.append(" audioEncoding=").append(e.wireName()));
        return text.toString();
    }
}
