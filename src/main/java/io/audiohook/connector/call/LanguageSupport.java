package io.audiohook.connector.call;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * Which of the configured languages ({@code CONNECTOR_PROTOCOL_LANGUAGES}) each conversation profile's speech model
 * really recognises, as far as this instance has learnt: no API says which languages a model supports, but
 * Speech-to-Text refuses a stream in a language its model does not ({@code INVALID_ARGUMENT}). A language refused
 * once for a profile is no longer offered in {@code opened.supportedLanguages} to calls of that profile, and the
 * admin is told once to fix the setting. Bounded; thread-safe.
 */
public final class LanguageSupport {
    private static final Logger LOG = Logger.getLogger(LanguageSupport.class);
    static final int MAX_REFUSALS = 1024;
    /** The deployment's default profile, whose name the call layer does not know. */
    private static final String DEFAULT = "";

    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** Dialogflow refused {@code language} for calls of {@code profile} (empty: the deployment's default). */
    public void refused(Optional<String> profile, String language) {
        if (refused.size() >= MAX_REFUSALS) {
            return;
        }
        if (refused.add(key(profile, language))) {
            LOG.warnf("the speech model of %s does not recognise %s: it is no longer offered to Genesys in "
                    + "supportedLanguages; remove it from CONNECTOR_PROTOCOL_LANGUAGES", profile.orElse("the profile"),
                    language);
        }
    }

    /** The languages not to offer calls of {@code profile}, lower case. */
    public Set<String> refusedFor(Optional<String> profile) {
        if (refused.isEmpty()) {
            return Set.of();
        }
        String prefix = profile.orElse(DEFAULT) + ' ';
        return refused.stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String key(Optional<String> profile, String language) {
        return profile.orElse(DEFAULT) + ' ' + language.toLowerCase(Locale.ROOT);
    }
}
