package io.audiohook.connector.console;

/**
 * One thing that happened in a call, as the console shows it on the call's time line.
 *
 * @param atMillis when (wall clock, epoch milliseconds)
 * @param kind     {@code protocol}, {@code transcript}, {@code suggestion}, {@code summary} or {@code lifecycle}
 * @param role     {@code END_USER} or {@code HUMAN_AGENT} where it belongs to a participant, else null
 * @param text     what to show
 * @param detail   a short second line (a suggestion's kind, a sentiment), or null
 */
public record TimelineEntry(long atMillis, String kind, String role, String text, String detail) {
}
