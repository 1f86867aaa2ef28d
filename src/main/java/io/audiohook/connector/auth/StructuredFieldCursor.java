package io.audiohook.connector.auth;

/**
 * A position in the text of one structured field and the character classes of RFC 8941's grammar: what
 * {@link StructuredFields} and {@link BareItemParser} read the text with. Every failure it reports is an
 * {@link IllegalArgumentException} naming the offset, so a caller can see where a header went wrong.
 *
 * <p>Not thread-safe: one cursor per parse, on the parsing thread.
 */
final class StructuredFieldCursor {
    private final String in;
    private int pos;

    StructuredFieldCursor(String in) {
        this.in = in;
    }

    boolean atEnd() {
        return pos >= in.length();
    }

    /** Returns NUL at the end so callers need no separate bounds check (NUL is never valid). */
    char peek() {
        return atEnd() ? '\0' : in.charAt(pos);
    }

    /** The character at the position, which moves past it; callers check {@link #atEnd()} first. */
    char next() {
        return in.charAt(pos++);
    }

    void advance() {
        pos++;
    }

    int position() {
        return pos;
    }

    /** The text from {@code start} to the position. */
    String textFrom(int start) {
        return in.substring(start, pos);
    }

    void skipSp() {
        while (peek() == ' ') {
            pos++;
        }
    }

    void skipOws() {
        while (peek() == ' ' || peek() == '\t') {
            pos++;
        }
    }

    IllegalArgumentException fail(String why) {
        return new IllegalArgumentException(why + " at offset " + pos);
    }

    static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAlpha(char c) {
        return isLcAlpha(c) || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isTchar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** What an sf-string may hold: printable ASCII, space included. */
    static boolean isPrintableAscii(char c) {
        return c >= 0x20 && c <= 0x7e;
    }
}
