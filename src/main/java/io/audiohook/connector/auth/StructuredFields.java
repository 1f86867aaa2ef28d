package io.audiohook.connector.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for RFC 8941 Dictionaries, sufficient for {@code Signature-Input} and {@code Signature}: the
 * structure (dictionary members, inner lists, parameters) is read here, the leaves (keys, bare items) by
 * {@link BareItemParser}.
 *
 * <p>It is stricter than the RFC in one way: a key repeated within a dictionary or a parameter
 * list is an error instead of "last one wins". For signature headers a repeated label or
 * parameter is ambiguous (which text did the signer mean?), so refusing it is the safe reading.
 *
 * <p>Every failure is reported as {@link IllegalArgumentException}; callers turn that into an
 * INVALID outcome. Stateless: each parse has a cursor of its own, so any thread may parse.
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

    private StructuredFields() {
    }

    /** Members in header order; a key without {@code =} gets the value {@code Boolean.TRUE}. */
    static Map<String, Member> parseDictionary(String input) {
        StructuredFieldCursor cursor = new StructuredFieldCursor(input);
        cursor.skipSp();
        Map<String, Member> members = dictionary(cursor);
        cursor.skipSp();
        if (!cursor.atEnd()) {
            throw cursor.fail("unexpected trailing characters");
        }
        return members;
    }

    private static Map<String, Member> dictionary(StructuredFieldCursor cursor) {
        Map<String, Member> members = new LinkedHashMap<>();
        while (!cursor.atEnd()) {
            String key = BareItemParser.key(cursor);
            Member member;
            if (cursor.peek() == '=') {
                cursor.advance();
                int start = cursor.position();
                Object value = cursor.peek() == '(' ? innerList(cursor) : item(cursor);
                member = new Member(value, cursor.textFrom(start));
            } else {
                member = new Member(new Item(Boolean.TRUE, parameters(cursor)), "");
            }
            if (members.putIfAbsent(key, member) != null) {
                throw cursor.fail("duplicate dictionary key");
            }
            cursor.skipOws();
            if (cursor.atEnd()) {
                return members;
            }
            if (cursor.peek() != ',') {
                throw cursor.fail("expected ','");
            }
            cursor.advance();
            cursor.skipOws();
            if (cursor.atEnd()) {
                throw cursor.fail("trailing ','");
            }
        }
        return members;
    }

    private static InnerList innerList(StructuredFieldCursor cursor) {
        cursor.advance(); // '('
        List<Item> items = new ArrayList<>();
        while (!cursor.atEnd()) {
            cursor.skipSp();
            if (cursor.peek() == ')') {
                cursor.advance();
                return new InnerList(Collections.unmodifiableList(items), parameters(cursor));
            }
            items.add(item(cursor));
            char c = cursor.peek();
            if (c != ' ' && c != ')') {
                throw cursor.fail("expected ' ' or ')' in inner list");
            }
        }
        throw cursor.fail("unterminated inner list");
    }

    private static Item item(StructuredFieldCursor cursor) {
        Object bare = BareItemParser.bareItem(cursor);
        return new Item(bare, parameters(cursor));
    }

    private static Map<String, Object> parameters(StructuredFieldCursor cursor) {
        Map<String, Object> params = new LinkedHashMap<>();
        while (cursor.peek() == ';') {
            cursor.advance();
            cursor.skipSp();
            String key = BareItemParser.key(cursor);
            Object value = Boolean.TRUE;
            if (cursor.peek() == '=') {
                cursor.advance();
                value = BareItemParser.bareItem(cursor);
            }
            if (params.putIfAbsent(key, value) != null) {
                throw cursor.fail("duplicate parameter");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /** Serializes an sf-string; rejects what RFC 8941 cannot represent. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!StructuredFieldCursor.isPrintableAscii(c)) {
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
