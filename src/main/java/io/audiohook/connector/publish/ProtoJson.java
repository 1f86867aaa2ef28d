package io.audiohook.connector.publish;

import com.google.protobuf.Duration;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

/**
 * What the hand-written notifications ({@link RecognitionJson}, {@link MessageJson}, {@link SuggestionJson}) write
 * the way protobuf's {@code JsonFormat} does, without its reflection: an object's fields with the commas between
 * them, proto3 defaults left out, enums by name (unknown numbers as numbers), floats as {@link Float#toString},
 * durations and timestamps as {@link Durations#toString} and {@link Timestamps#toString}, strings escaped as Gson
 * escapes them (HTML-safe, as {@code JsonFormat} uses it). Property tests hold each writer to {@code JsonFormat}.
 */
final class ProtoJson {
    private static final String[] CONTROL = new String[0x20];

    static {
        for (int c = 0; c < 0x20; c++) {
            CONTROL[c] = String.format("\\u%04x", c);
        }
        CONTROL['\t'] = "\\t";
        CONTROL['\b'] = "\\b";
        CONTROL['\n'] = "\\n";
        CONTROL['\r'] = "\\r";
        CONTROL['\f'] = "\\f";
    }

    private final StringBuilder json;
    private boolean any;

    /** The fields of one object, written into {@code json} after its opening brace. */
    ProtoJson(StringBuilder json) {
        this.json = json;
    }

    /** Starts the next field: a comma unless it is the first, then its name. */
    StringBuilder name(String name) {
        if (any) {
            json.append(',');
        }
        any = true;
        return json.append('"').append(name).append("\":");
    }

    void string(String name, String value) {
        if (!value.isEmpty()) {
            quote(name(name), value);
        }
    }

    void bool(String name, boolean value) {
        if (value) {
            name(name).append("true");
        }
    }

    void int32(String name, int value) {
        if (value != 0) {
            name(name).append(value);
        }
    }

    /** A proto3 float is present unless its bits are zero (so -0.0 is written); NaN and infinities are quoted. */
    void float32(String name, float value) {
        if (Float.floatToRawIntBits(value) == 0) {
            return;
        }
        StringBuilder out = name(name);
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            out.append('"').append(value).append('"');
        } else {
            out.append(Float.toString(value));
        }
    }

    /** @param known the enum constant of {@code number}, or null when this client does not know the number */
    void enumeration(String name, int number, ProtocolMessageEnum known) {
        if (number == 0) {
            return;
        }
        StringBuilder out = name(name);
        if (known == null) {
            out.append(number);
        } else {
            out.append('"').append(((Enum<?>) known).name()).append('"');
        }
    }

    void duration(String name, Duration d) {
        name(name).append('"').append(Durations.toString(d)).append('"');
    }

    /** Only for a valid timestamp: {@code JsonFormat} refuses the others, and so must its caller. */
    void timestamp(String name, Timestamp t) {
        name(name).append('"').append(Timestamps.toString(t)).append('"');
    }

    /** As Gson's HTML-safe writer: quotes, backslashes, control characters, {@code <>&='} and U+2028/9. */
    static void quote(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                json.append(CONTROL[c]);
            } else {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '<' -> json.append("\\u003c");
                    case '>' -> json.append("\\u003e");
                    case '&' -> json.append("\\u0026");
                    case '=' -> json.append("\\u003d");
                    case '\'' -> json.append("\\u0027");
                    case '\u2028' -> json.append("\\u2028");
                    case '\u2029' -> json.append("\\u2029");
                    default -> json.append(c);
                }
            }
        }
        json.append('"');
    }
}
