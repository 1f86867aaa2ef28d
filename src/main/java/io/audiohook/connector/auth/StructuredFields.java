package io.audiohook.connector.auth;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for RFC 8941 Dictionaries, sufficient for {@code Signature-Input} and {@code Signature}.
 *
 * <p>It is stricter than the RFC in one way: a key repeated within a dictionary or a parameter
 * list is an error instead of "last one wins". For signature headers a repeated label or
 * parameter is ambiguous (which text did the signer mean?), so refusing it is the safe reading.
 *
 * <p>Every failure is reported as {@link IllegalArgumentException}; callers turn that into an
 * INVALID outcome.
 */
final class StructuredFields {

    /** A dictionary member value, with the exact text it was parsed from. */
    record Member(Object value, String raw) {
    }

    record Item(Object bare, Map<String, Object> params) {
    }

    record InnerList(List<Item> items, Map<String, Object> params) {
    }

    record Token(String text) {
    }

    private final String in;
    private int pos;

    private StructuredFields(String in) {
        this.in = in;
    }

    /** Members in header order; a key without {@code =} gets the value {@code Boolean.TRUE}. */
    static Map<String, Member> parseDictionary(String input) {
        StructuredFields p = new StructuredFields(input);
        p.skipSp();
        Map<String, Member> members = p.dictionary();
        p.skipSp();
        if (!p.atEnd()) {
            throw p.fail("unexpected trailing characters");
        }
        return members;
    }

    private Map<String, Member> dictionary() {
        Map<String, Member> members = new LinkedHashMap<>();
        while (!atEnd()) {
            String key = key();
            Member member;
            if (peek() == '=') {
                pos++;
                int start = pos;
                Object value = peek() == '(' ? innerList() : item();
                member = new Member(value, in.substring(start, pos));
            } else {
                member = new Member(new Item(Boolean.TRUE, parameters()), "");
            }
            if (members.putIfAbsent(key, member) != null) {
                throw fail("duplicate dictionary key");
            }
            skipOws();
            if (atEnd()) {
                return members;
            }
            if (peek() != ',') {
                throw fail("expected ','");
            }
            pos++;
            skipOws();
            if (atEnd()) {
                throw fail("trailing ','");
            }
        }
        return members;
    }

    private InnerList innerList() {
        pos++; // '('
        List<Item> items = new ArrayList<>();
        while (!atEnd()) {
            skipSp();
            if (peek() == ')') {
                pos++;
                return new InnerList(Collections.unmodifiableList(items), parameters());
            }
            items.add(item());
            char c = peek();
            if (c != ' ' && c != ')') {
                throw fail("expected ' ' or ')' in inner list");
            }
        }
        throw fail("unterminated inner list");
    }

    private Item item() {
        Object bare = bareItem();
        return new Item(bare, parameters());
    }

    private Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        while (peek() == ';') {
            pos++;
            skipSp();
            String key = key();
            Object value = Boolean.TRUE;
            if (peek() == '=') {
                pos++;
                value = bareItem();
            }
            if (params.putIfAbsent(key, value) != null) {
                throw fail("duplicate parameter");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private String key() {
        int start = pos;
        char c = peek();
        if (!(isLcAlpha(c) || c == '*')) {
            throw fail("expected a key");
        }
        pos++;
        while (!atEnd()) {
            c = peek();
            if (isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*') {
                pos++;
            } else {
                break;
            }
        }
        return in.substring(start, pos);
    }

    private Object bareItem() {
        char c = peek();
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            return byteSequence();
        }
        if (c == '?') {
            return bool();
        }
        if (c == '*' || isAlpha(c)) {
            return token();
        }
        throw fail("expected an item");
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intDigits = 0;
        while (isDigit(peek())) {
            pos++;
            intDigits++;
        }
        if (intDigits == 0) {
            throw fail("expected a digit");
        }
        if (peek() != '.') {
            if (intDigits > 15) {
                throw fail("integer too long");
            }
            return Long.parseLong(in, start, pos, 10);
        }
        if (intDigits > 12) {
            throw fail("decimal too long");
        }
        pos++;
        int fracDigits = 0;
        while (isDigit(peek())) {
            pos++;
            fracDigits++;
        }
        if (fracDigits < 1 || fracDigits > 3) {
            throw fail("bad decimal fraction");
        }
        return new BigDecimal(in.substring(start, pos));
    }

    private String string() {
        pos++; // '"'
        StringBuilder sb = new StringBuilder();
        while (!atEnd()) {
            char c = in.charAt(pos++);
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                char next = in.charAt(pos++);
                if (next != '"' && next != '\\') {
                    throw fail("bad escape in string");
                }
                sb.append(next);
            } else if (c == '"') {
                return sb.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw fail("non-printable character in string");
            } else {
                sb.append(c);
            }
        }
        throw fail("unterminated string");
    }

    private Token token() {
        int start = pos;
        pos++;
        while (!atEnd() && (isTchar(peek()) || peek() == ':' || peek() == '/')) {
            pos++;
        }
        return new Token(in.substring(start, pos));
    }

    private byte[] byteSequence() {
        pos++; // ':'
        int start = pos;
        while (!atEnd() && peek() != ':') {
            char c = peek();
            if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
                throw fail("bad character in byte sequence");
            }
            pos++;
        }
        if (atEnd()) {
            throw fail("unterminated byte sequence");
        }
        String b64 = in.substring(start, pos);
        pos++; // ':'
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw fail("bad base64 in byte sequence");
        }
    }

    private Boolean bool() {
        pos++; // '?'
        char c = peek();
        if (c == '1' || c == '0') {
            pos++;
            return c == '1';
        }
        throw fail("bad boolean");
    }

    private boolean atEnd() {
        return pos >= in.length();
    }

    /** Returns NUL at the end so callers need no separate bounds check (NUL is never valid). */
    private char peek() {
        return atEnd() ? '\0' : in.charAt(pos);
    }

    private void skipSp() {
        while (peek() == ' ') {
            pos++;
        }
    }

    private void skipOws() {
        while (peek() == ' ' || peek() == '\t') {
            pos++;
        }
    }

    private IllegalArgumentException fail(String why) {
        return new IllegalArgumentException(why + " at offset " + pos);
    }

    private static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlpha(char c) {
        return isLcAlpha(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isTchar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Serializes an sf-string; rejects what RFC 8941 cannot represent. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("string contains a character outside printable ASCII");
            }
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
