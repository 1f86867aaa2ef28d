package io.audiohook.connector.app;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every setting a {@code @ConfigMapping} declares, read by reflection: its property, the environment variable an
 * administrator sets (the short alias {@code application.properties} gives it, such as {@code MAX_SESSIONS}, else
 * the property's own environment name), and its default. What the configuration docs are checked against.
 */
record MappedSettings(List<Setting> settings) {
    private static final Pattern ALIAS = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):(.*)}$");

    /**
     * @param aliasDefault the default the alias gives in {@code application.properties}, if any
     */
    record Setting(String property, String env, Optional<String> defaultValue, Optional<String> aliasDefault) {
        /** The default an administrator sees: the mapping's, else the alias's. */
        Optional<String> effectiveDefault() {
            return defaultValue.isPresent() ? defaultValue : aliasDefault.filter(d -> !d.isEmpty());
        }
    }

    static MappedSettings of(Class<?>... mappings) {
        Properties properties = new Properties();
        try (InputStream in = MappedSettings.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Setting> all = new ArrayList<>();
        for (Class<?> mapping : mappings) {
            ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
            if (annotation == null) {
                throw new IllegalArgumentException(mapping + " is not a @ConfigMapping");
            }
            collect(mapping, annotation.prefix(), properties, all);
        }
        all.sort(Comparator.comparing(Setting::property));
        return new MappedSettings(List.copyOf(all));
    }

    private static void collect(Class<?> group, String prefix, Properties properties, List<Setting> into) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String property = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> nested = group(method.getGenericReturnType());
            if (nested != null) {
                collect(nested, property, properties, into);
                continue;
            }
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            String env = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            Optional<String> aliasDefault = Optional.empty();
            String value = properties.getProperty(property);
            Matcher alias = value == null ? null : ALIAS.matcher(value);
            if (alias != null && alias.matches()) {
                env = alias.group(1);
                aliasDefault = Optional.of(alias.group(2));
            }
            into.add(new Setting(property, env, Optional.ofNullable(withDefault).map(WithDefault::value),
                    aliasDefault));
        }
    }

    /** A nested group of settings (an interface of the mapping's own), also inside {@code Optional}. */
    private static Class<?> group(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            type = p.getActualTypeArguments()[0];
        }
        return type instanceof Class<?> c && c.isInterface() && c.getName().startsWith("io.audiohook.") ? c : null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
