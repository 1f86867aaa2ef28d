/**
 * Audio plumbing for AudioHook binary frames: sample formats, G.711 µ-law and little-endian
 * 16-bit PCM conversion, de-interleaving of multi-channel frames, AudioHook duration strings and
 * the mapping between received samples and the client's stream position.
 *
 * <p>Plain JDK code on purpose: it sits on the per-frame hot path of every call, so it must not
 * allocate per sample, box, or log, and it must be testable without a container.
 */
package io.audiohook.connector.audio;
