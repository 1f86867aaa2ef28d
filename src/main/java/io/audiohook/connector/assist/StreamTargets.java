package io.audiohook.connector.assist;

import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * What a call's participant streams go to, from the outcome of its setup: the call's language if Genesys gave one,
 * else the profile's (its speech-to-text language, else its own, else {@code en-US}); the model from the settings,
 * else the profile's; and no look-back replay for {@code chirp_3}, which must not see audio twice.
 *
 * <p>Threading: immutable.
 */
final class StreamTargets {
    private static final String DEFAULT_LANGUAGE = "en-US";

    private final String conversationName;
    private final ConversationSetup.Result setup;
    private final String language;
    private final String profileLanguage;
    private final Optional<String> model;
    private final boolean replayLookback;

    /**
     * @param callLanguage    {@code open.language}, if any (blank counts as none)
     * @param configuredModel the model of the settings, which wins over the profile's
     */
    StreamTargets(String conversationName, ConversationSetup.Result setup, Optional<String> callLanguage,
            Optional<String> configuredModel) {
        this.conversationName = conversationName;
        this.setup = setup;
        this.profileLanguage = profileLanguage(setup);
        this.language = callLanguage.filter(l -> !l.isBlank()).orElse(profileLanguage);
        this.model = configuredModel.or(() -> Optional.of(setup.profile().getSttConfig().getModel())
                .filter(m -> !m.isBlank()));
        this.replayLookback = !model.filter("chirp_3"::equalsIgnoreCase).isPresent();
    }

    private static String profileLanguage(ConversationSetup.Result setup) {
        String stt = setup.profile().getSttConfig().getLanguageCode();
        if (!stt.isBlank()) {
            return stt;
        }
        String profile = setup.profile().getLanguageCode();
        return profile.isBlank() ? DEFAULT_LANGUAGE : profile;
    }

    StreamTarget of(Participant.Role role) {
        return new StreamTarget(conversationName, setup.participant(role).getName(), setup.humanAgent().getName(),
                setup.endUser().getName(), language, profileLanguage, model, replayLookback);
    }
}
