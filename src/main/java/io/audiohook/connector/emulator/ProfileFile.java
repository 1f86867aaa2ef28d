package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The emulator's profile file: {@code {"conversationProfiles": [...], "generators": [...]}}, each element a
 * {@link ConversationProfile} or {@link Generator} in proto3 JSON, as Dialogflow's REST API returns them (so an
 * admin can paste a real one). Parsed strictly by {@link JsonFormat}: a field this client's protos do not know is
 * an error, as is anything else the file gets wrong; every message names the file and the element.
 *
 * <p>One convention of the emulator's own: a feature config whose {@code suggestionFeature.type} is the string
 * {@code "ENTITY_EXTRACTION"} (named by the proto's comments, absent from the public enum) is kept as
 * TYPE_UNSPECIFIED in the proto and remembered as a {@link Slot}.
 *
 * @param entityExtraction the feature configs that are ENTITY_EXTRACTION
 */
record ProfileFile(List<ConversationProfile> profiles, List<Generator> generators, Set<Slot> entityExtraction) {
    static final String ENTITY_EXTRACTION = "ENTITY_EXTRACTION";
    private static final Set<String> TOP_LEVEL = Set.of("conversationProfiles", "generators");

    /** A feature config: the {@code index}-th of the profile's suggestion config for {@code target}. */
    record Slot(String profile, Participant.Role target, int index) {
    }

    static ProfileFile parse(String text, String source) {
        JsonObject root;
        try {
            root = new JsonObject(text);
        } catch (DecodeException e) {
            throw new IllegalArgumentException(source + " is not a JSON object: " + e.getMessage(), e);
        }
        for (String key : root.fieldNames()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown key '" + key
                        + "' (expected conversationProfiles and generators)");
            }
        }
        JsonArray profileArray = array(root, "conversationProfiles", source);
        if (profileArray.isEmpty()) {
            throw new IllegalArgumentException(source + ": conversationProfiles is empty; the first one is the "
                    + "shape of every served profile the file does not name");
        }
        List<ConversationProfile> profiles = new ArrayList<>();
        Set<Slot> entityExtraction = new HashSet<>();
        for (int i = 0; i < profileArray.size(); i++) {
            String where = source + ": conversationProfiles[" + i + "]";
            JsonObject profile = element(profileArray, i, where);
            List<Slot> slots = markEntityExtraction(profile, profile.getValue("name") instanceof String name ? name : "");
            ConversationProfile.Builder builder = ConversationProfile.newBuilder();
            merge(profile, builder, where);
            profiles.add(builder.build());
            entityExtraction.addAll(slots);
        }
        List<Generator> generators = new ArrayList<>();
        JsonArray generatorArray = root.containsKey("generators") ? array(root, "generators", source) : new JsonArray();
        for (int i = 0; i < generatorArray.size(); i++) {
            String where = source + ": generators[" + i + "]";
            Generator.Builder builder = Generator.newBuilder();
            merge(element(generatorArray, i, where), builder, where);
            generators.add(builder.build());
        }
        return new ProfileFile(List.copyOf(profiles), List.copyOf(generators), Set.copyOf(entityExtraction));
    }

    /** Rewrites {@code "ENTITY_EXTRACTION"} feature types to TYPE_UNSPECIFIED and says where they were. */
    private static List<Slot> markEntityExtraction(JsonObject profile, String name) {
        List<Slot> slots = new ArrayList<>();
        JsonObject assistant = child(profile, "humanAgentAssistantConfig", "human_agent_assistant_config");
        for (Participant.Role target : List.of(Participant.Role.HUMAN_AGENT, Participant.Role.END_USER)) {
            JsonObject suggestions = target == Participant.Role.HUMAN_AGENT
                    ? child(assistant, "humanAgentSuggestionConfig", "human_agent_suggestion_config")
                    : child(assistant, "endUserSuggestionConfig", "end_user_suggestion_config");
            Object configs = value(suggestions, "featureConfigs", "feature_configs");
            if (!(configs instanceof JsonArray list)) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonObject feature = list.getValue(i) instanceof JsonObject config
                        ? child(config, "suggestionFeature", "suggestion_feature")
                        : null;
                if (feature != null && ENTITY_EXTRACTION.equals(feature.getValue("type"))) {
                    feature.put("type", "TYPE_UNSPECIFIED");
                    slots.add(new Slot(name, target, i));
                }
            }
        }
        return slots;
    }

    private static void merge(JsonObject json, Message.Builder builder, String where) {
        try {
            JsonFormat.parser().merge(json.encode(), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** JsonFormat takes a field by its JSON name or its proto name; so does the search for the marker. */
    private static Object value(JsonObject object, String jsonName, String protoName) {
        if (object == null) {
            return null;
        }
        return object.containsKey(jsonName) ? object.getValue(jsonName) : object.getValue(protoName);
    }

    private static JsonObject child(JsonObject object, String jsonName, String protoName) {
        return value(object, jsonName, protoName) instanceof JsonObject child ? child : null;
    }

    private static JsonArray array(JsonObject root, String key, String source) {
        if (!(root.getValue(key) instanceof JsonArray array)) {
            throw new IllegalArgumentException(source + ": " + key + " must be an array");
        }
        return array;
    }

    private static JsonObject element(JsonArray array, int index, String where) {
        if (!(array.getValue(index) instanceof JsonObject object)) {
            throw new IllegalArgumentException(where + " is not a JSON object");
        }
        return object;
    }
}
