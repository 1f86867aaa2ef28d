package io.audiohook.connector.protocol;

/** UUID syntax as AudioHook uses it: any version and variant, including the null UUID of probes. */
public final class Uuids {
    public static final String NULL_UUID = "00000000-0000-0000-0000-000000000000";

    private Uuids() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isAsciiHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** Not {@code Character.digit}: it also takes fullwidth and other scripts' digits, which no UUID has. */
    private static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static boolean isNull(String value) {
        return NULL_UUID.equals(value);
    }

    /** Genesys may send upper-case hex; ids are compared case-insensitively. */
    public static boolean same(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }
}
