package io.audiohook.connector.auth;

import static io.audiohook.connector.auth.StructuredFieldCursor.isAlpha;
import static io.audiohook.connector.auth.StructuredFieldCursor.isDigit;
import static io.audiohook.connector.auth.StructuredFieldCursor.isLcAlpha;
import static io.audiohook.connector.auth.StructuredFieldCursor.isPrintableAscii;
import static io.audiohook.connector.auth.StructuredFieldCursor.isTchar;

import java.math.BigDecimal;
import java.util.Base64;

/**
 * The leaves of RFC 8941's grammar, read at a cursor: keys and bare items. A bare item is a {@link Long}
 * (integer), a {@link BigDecimal} (decimal), a {@link String}, a {@link StructuredFields.Token}, a
 * {@code byte[]} (byte sequence) or a {@link Boolean}. The RFC's size limits (15 integer digits, 12 + 3
 * for decimals) are enforced, so no number can overflow.
 *
 * <p>Stateless; the cursor it reads is confined to the parsing thread.
 */
final class BareItemParser {

    private BareItemParser() {
    }

    /** A dictionary or parameter key: a lower-case letter or {@code *}, then {@code a-z 0-9 _ - . *}. */
    static String key(StructuredFieldCursor cursor) {
        int start = cursor.position();
        char c = cursor.peek();
        if (!(isLcAlpha(c) || c == '*')) {
            throw cursor.fail("expected a key");
        }
        cursor.advance();
        while (!cursor.atEnd()) {
            c = cursor.peek();
            if (isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*') {
                cursor.advance();
            } else {
                break;
            }
        }
        return cursor.textFrom(start);
    }

    /** The bare item at the cursor, told apart by its first character. */
    static Object bareItem(StructuredFieldCursor cursor) {
        char c = cursor.peek();
        if (c == '-' || isDigit(c)) {
            return number(cursor);
        }
        if (c == '"') {
            return string(cursor);
        }
        if (c == ':') {
            return byteSequence(cursor);
        }
        if (c == '?') {
            return bool(cursor);
        }
        if (c == '*' || isAlpha(c)) {
            return token(cursor);
        }
        throw cursor.fail("expected an item");
    }

    private static Object number(StructuredFieldCursor cursor) {
        int start = cursor.position();
        if (cursor.peek() == '-') {
            cursor.advance();
        }
        int intDigits = skipDigits(cursor);
        if (intDigits == 0) {
            throw cursor.fail("expected a digit");
        }
        if (cursor.peek() != '.') {
            if (intDigits > 15) {
                throw cursor.fail("integer too long");
            }
            return Long.parseLong(cursor.textFrom(start));
        }
        if (intDigits > 12) {
            throw cursor.fail("decimal too long");
        }
        cursor.advance();
        int fracDigits = skipDigits(cursor);
        if (fracDigits < 1 || fracDigits > 3) {
            throw cursor.fail("bad decimal fraction");
        }
        return new BigDecimal(cursor.textFrom(start));
    }

    private static int skipDigits(StructuredFieldCursor cursor) {
        int digits = 0;
        while (isDigit(cursor.peek())) {
            cursor.advance();
            digits++;
        }
        return digits;
    }

    private static String string(StructuredFieldCursor cursor) {
        cursor.advance(); // '"'
        StringBuilder sb = new StringBuilder();
        while (!cursor.atEnd()) {
            char c = cursor.next();
            if (c == '\\') {
                if (cursor.atEnd()) {
                    break;
                }
                char next = cursor.next();
                if (next != '"' && next != '\\') {
                    throw cursor.fail("bad escape in string");
                }
                sb.append(next);
            } else if (c == '"') {
                return sb.toString();
            } else if (!isPrintableAscii(c)) {
                throw cursor.fail("non-printable character in string");
            } else {
                sb.append(c);
            }
        }
        throw cursor.fail("unterminated string");
    }

    private static StructuredFields.Token token(StructuredFieldCursor cursor) {
        int start = cursor.position();
        cursor.advance();
        while (!cursor.atEnd() && (isTchar(cursor.peek()) || cursor.peek() == ':' || cursor.peek() == '/')) {
            cursor.advance();
        }
        return new StructuredFields.Token(cursor.textFrom(start));
    }

    private static byte[] byteSequence(StructuredFieldCursor cursor) {
        cursor.advance(); // ':'
        int start = cursor.position();
        while (!cursor.atEnd() && cursor.peek() != ':') {
            char c = cursor.peek();
            if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
                throw cursor.fail("bad character in byte sequence");
            }
            cursor.advance();
        }
        if (cursor.atEnd()) {
            throw cursor.fail("unterminated byte sequence");
        }
        String b64 = cursor.textFrom(start);
        cursor.advance(); // ':'
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw cursor.fail("bad base64 in byte sequence");
        }
    }

    private static Boolean bool(StructuredFieldCursor cursor) {
        cursor.advance(); // '?'
        char c = cursor.peek();
        if (c == '1' || c == '0') {
            cursor.advance();
            return c == '1';
        }
        throw cursor.fail("bad boolean");
    }
}
